package io.sensoringest.contract;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HelpOptionsTests {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private boolean answered(String... args) {
		return HelpOptions.answered("producer-app", HelpOptionsTests.class, "Usage: producer [--force]\n", args,
				new PrintStream(this.out, true, StandardCharsets.UTF_8));
	}

	private String printed() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	@Test
	void helpPrintsTheUsageAndTheRuleForSettings() {
		assertThat(answered("a.csv", "--help")).isTrue();
		assertThat(printed())
			.startsWith("Usage: producer [--force]\nSettings come from the environment, then the nearest .env");
	}

	@Test
	void versionNamesTheProgram() {
		assertThat(answered("-V")).isTrue();
		assertThat(printed()).startsWith("producer-app ");
	}

	@Test
	void otherArgumentsAreLeftToTheProgram() {
		assertThat(answered("--force", "a.csv")).isFalse();
		assertThat(printed()).isEmpty();
	}

	@Test
	void anUnknownArgumentGetsTheNearestKnownOne() {
		List<String> options = List.of("--force", "--watch");
		assertThat(HelpOptions.unknownArgument(new String[] { "a.csv", "--forse" }, options, null))
			.isEqualTo("unknown option --forse; did you mean --force? (--help)");
		assertThat(HelpOptions.unknownArgument(new String[] { "--frobnicate" }, options, null))
			.isEqualTo("unknown option --frobnicate (--help)");
		assertThat(HelpOptions.unknownArgument(new String[] { "migrat" }, List.of(), List.of("migrate")))
			.isEqualTo("unknown argument migrat; did you mean migrate? (--help)");
		assertThat(HelpOptions.unknownArgument(new String[] { "--force", "a.csv", "--watch" }, options, null)).isNull();
	}

	@Test
	void nearestNamesOnlyNearMissesNearestFirst() {
		assertThat(HelpOptions.nearest("stauts", List.of("run", "watch", "status"))).containsExactly("status");
		assertThat(HelpOptions.nearest("--fle", List.of("--force", "--files", "--file"))).containsExactly("--file",
				"--files");
		assertThat(HelpOptions.nearest("frobnicate", List.of("generate"))).isEmpty();
	}

	@Test
	void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
		assertThat(HelpOptions.editDistance("stauts", "status")).isEqualTo(2);
		assertThat(HelpOptions.editDistance("--forse", "--force")).isEqualTo(1);
		assertThat(HelpOptions.editDistance("", "run")).isEqualTo(3);
		assertThat(HelpOptions.editDistance("frobnicate", "generate")).isGreaterThan(3);
	}

	@Test
	void builtInDefaultsComeFromTheYamlPlaceholders() {
		assertThat(HelpOptions.defaults("help-options-test.yml")).containsEntry("SOME_PORT", "5432")
			.containsEntry("SOME_PASSWORD", "")
			.containsEntry("SOME_OPTIONS", "-Xmx256m -XX:+UseSerialGC");
	}

	@Test
	void settingsNowListsEachSettingUnderAHeadingWrappedAtEightyColumns() {
		String text = HelpOptions.settingsNow("HELP_OPTIONS_TEST_UNSET_A", "HELP_OPTIONS_TEST_UNSET_B",
				"HELP_OPTIONS_TEST_UNSET_C", "HELP_OPTIONS_TEST_UNSET_D");
		List<String> lines = text.lines().toList();
		assertThat(lines.get(0)).startsWith("Settings it reads, as now set");
		assertThat(lines.subList(1, lines.size())).hasSizeGreaterThan(1)
			.allSatisfy((line) -> assertThat(line).startsWith("  ").hasSizeLessThanOrEqualTo(80));
		assertThat(text).contains("HELP_OPTIONS_TEST_UNSET_A=(not set)")
			.contains("HELP_OPTIONS_TEST_UNSET_D=(not set)");
	}

}
