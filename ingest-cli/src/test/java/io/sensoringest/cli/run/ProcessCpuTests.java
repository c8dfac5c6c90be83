package io.sensoringest.cli.run;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ProcessCpuTests {

	@Test
	void theProcessesOfACommandAreFoundByTheNameInTheirStat() throws Exception {
		assumeTrue(Files.isDirectory(Path.of("/proc/self")), "Linux's /proc");
		String self = ProcessCpu.command(Files.readString(Path.of("/proc/self/stat")));

		assertThat(ProcessCpu.pidsOf(self)).contains(ProcessHandle.current().pid());
		assertThat(ProcessCpu.pidsOf("no-such-command")).isEmpty();
		assertThat(ProcessCpu.ofCommand("no-such-command")).isNaN();
	}

}
