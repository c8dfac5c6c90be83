package io.sensoringest.cli.generate;

import io.sensoringest.cli.command.Reads;
import java.util.concurrent.Callable;

import io.sensoringest.cli.command.OperatorSettings;
import picocli.CommandLine.Command;

/**
 * {@code generate}, behind {@code make gen_csv_demo} and
 * {@code make generate_csv_end_to_end_test}: the demo data set that the {@code GEN_*}
 * settings describe, into {@code TARGET_FILE_DIR}.
 */
@Reads({ "TARGET_FILE_DIR", "GEN_NUM_SENSORS", "GEN_NUM_RECORDS", "GEN_RECORD_INTERVAL", "GEN_START_DATE",
		"GEN_TIMEZONE", "GEN_SEED" })
@Command(name = "generate", mixinStandardHelpOptions = true,
		header = "Writes the demo data set into TARGET_FILE_DIR, one file per sensor.",
		description = "GEN_NUM_SENSORS files of GEN_NUM_RECORDS readings, GEN_RECORD_INTERVAL seconds apart from GEN_START_DATE in GEN_TIMEZONE; the same GEN_SEED gives the same bytes.",
		footerHeading = "%nExamples:%n",
		footer = { "  make gen_csv_demo                      # the demo data, into TARGET_FILE_DIR",
				"  make gen_csv_demo GEN_NUM_SENSORS=10 TARGET_FILE_DIR=/tmp/demo" })
public class GenerateCommand implements Callable<Integer> {

	@Override
	public Integer call() {
		return DemoDataGenerator.run(OperatorSettings.load(), System.err);
	}

}
