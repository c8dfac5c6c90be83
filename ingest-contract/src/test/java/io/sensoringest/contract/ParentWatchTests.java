package io.sensoringest.contract;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ParentWatchTests {

	@Test
	void theStarterIsTheProcessItsPidNamesWhileThatLives() {
		ProcessHandle self = ProcessHandle.current();

		assertThat(ParentWatch.starter(Long.toString(self.pid()))).contains(self);
		assertThat(ParentWatch.starter(null)).isEqualTo(self.parent());
		assertThat(ParentWatch.starter("not a pid")).isEqualTo(self.parent());
	}

	@Test
	void aStarterThatIsGoneIsNone() throws Exception {
		Process gone = new ProcessBuilder("true").start();
		gone.waitFor();

		assertThat(ParentWatch.starter(Long.toString(gone.pid()))).isEmpty();
	}

}
