package io.sensoringest.cli.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FixedDataSetTests {

	@TempDir
	Path dir;

	@Test
	void generatesTheFilesOnceAndFindsThemAgain() throws Exception {
		FixedDataSet first = FixedDataSet.inside(this.dir, 3, 5, 42);
		FixedDataSet again = FixedDataSet.inside(this.dir, 3, 5, 42);

		assertThat(first.files()).hasSize(3);
		assertThat(again.files()).isEqualTo(first.files());
		assertThat(again.rows()).isEqualTo(15);
	}

	@Test
	void aFolderThatLostItsFilesSaysSoInsteadOfLoadingNothing() throws Exception {
		FixedDataSet data = FixedDataSet.inside(this.dir, 2, 5, 42);
		Files.delete(data.files().get(0).path());

		assertThatThrownBy(() -> FixedDataSet.inside(this.dir, 2, 5, 42)).isInstanceOf(IOException.class)
			.hasMessageContaining("holds 1 CSV files, not the 2 generated there")
			.hasMessageContaining("delete the folder");
	}

}
