package io.sensoringest.cli.generate;

import java.util.concurrent.Callable;

import io.sensoringest.cli.OperatorSettings;
import picocli.CommandLine.Command;

/**
 * {@code generate}, behind {@code make gen_csv_demo} and
 * {@code make generate_csv_end_to_end_test}: the demo data set that the {@code GEN_*}
 * settings describe, into {@code TARGET_FILE_DIR}.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
		header = "Writes the demo data set into TARGET_FILE_DIR, one file per sensor.",
		description = "GEN_NUM_SENSORS files of GEN_NUM_RECORDS readings, GEN_RECORD_INTERVAL seconds apart from GEN_START_DATE in GEN_TIMEZONE; the same GEN_SEED gives the same bytes.")
public class GenerateCommand implements Callable<Integer> {

	@Override
	public Integer call() {
		return DemoDataGenerator.run(OperatorSettings.load(), System.err);
	}

}
