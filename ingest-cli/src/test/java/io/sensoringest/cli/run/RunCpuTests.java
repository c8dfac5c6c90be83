package io.sensoringest.cli.run;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RunCpuTests {

	@Test
	void theLineTheRunLogsReadsBackFromItsOutput() {
		String output = "run: 50 rows ...\npeak RSS: producer 136 MiB\n12:00:00.000 INFO  "
				+ new RunCpu(3.25, 6.5).line() + "\n";

		assertThat(RunCpu.find(output)).isEqualTo(new RunCpu(3.25, 6.5));
		assertThat(RunCpu.find("run: 50 rows, no cpu line")).isNull();
	}

	@Test
	void thisProcessHasSpentSomeCpuAndItsChildrenNoneYetOrSome() {
		RunCpu now = RunCpu.ofThisProcess();

		assertThat(now.commandLine()).isPositive();
		assertThat(now.consumers()).isNotNegative();
	}

}
