package io.sensoringest.cli.chaos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.sensoringest.contract.DatabaseSettings;
import io.sensoringest.producer.api.InputFile;
import io.sensoringest.testing.TestDatabase;
import io.sensoringest.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chaos run's verdict can fail: a row missing, a value changed and a row too many are
 * each seen by psql {@code \copy} and {@code EXCEPT}, and only the exact rows pass.
 */
class TableCheckIT {

	@TempDir
	Path dir;

	private TestDatabase database;

	private DatabaseSettings settings;

	private List<InputFile> files;

	@BeforeEach
	void setUp() throws Exception {
		this.database = TestServers.postgres().createDatabase("tablecheck");
		this.settings = this.database.settings();
		this.database.execute("CREATE TABLE records (record_time timestamptz NOT NULL, sensor_id text NOT NULL,"
				+ " value double precision NOT NULL, PRIMARY KEY (sensor_id, record_time))");
		Path file = this.dir.resolve("a.csv");
		Files.writeString(file, "record_time,sensor_id,value\r\n2021-01-01T00:00:00.000+08:00,a,1.5\r\n"
				+ "2021-01-01T00:00:01.000+08:00,a,0.1\r\n2021-01-01T00:00:02.000+08:00,b,-3\r\n");
		this.files = List.of(new InputFile(file, "a.csv"));
	}

	@AfterEach
	void dropDatabase() {
		this.database.close();
	}

	@Test
	void theExactRowsPass() throws Exception {
		this.database.execute(
				"INSERT INTO records VALUES ('2020-12-31T16:00:00Z', 'a', 1.5), ('2020-12-31T16:00:01Z', 'a', 0.1),"
						+ " ('2020-12-31T16:00:02Z', 'b', -3)");

		TableCheck.Result result = TableCheck.compare(this.settings, this.files, this.dir);

		assertThat(result.equal()).as(result.toString()).isTrue();
		assertThat(result.fileRows()).isEqualTo(3);
		assertThat(result.tableChecksum()).isEqualTo(result.fileChecksum());
	}

	@Test
	void aMissingRowAChangedValueAndAnExtraRowAreEachFound() throws Exception {
		this.database.execute(
				"INSERT INTO records VALUES ('2020-12-31T16:00:00Z', 'a', 1.5), ('2020-12-31T16:00:01Z', 'a', 0.1000001),"
						+ " ('2020-12-31T16:00:03Z', 'c', 7)");

		TableCheck.Result result = TableCheck.compare(this.settings, this.files, this.dir);

		assertThat(result.equal()).isFalse();
		assertThat(result.missing()).as("b's row, and a's second with its value").isEqualTo(2);
		assertThat(result.extra()).as("a's changed value, and c's row").isEqualTo(2);
		assertThat(result.tableRows()).isEqualTo(result.fileRows());
		assertThat(result.tableChecksum()).isNotEqualTo(result.fileChecksum());
	}

}
