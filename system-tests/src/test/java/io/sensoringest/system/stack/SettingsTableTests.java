package io.sensoringest.system.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The table of settings ({@code docs/configuration.md}, which the README links) against
 * {@code .env}, where every setting has its default: each setting is in the table, and
 * each default the table spells out is the one {@code .env} gives.
 */
class SettingsTableTests {

	private static final String SETTINGS_PAGE = "docs/configuration.md";

	private static final Pattern CODE = Pattern.compile("`([^`]*)`");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):([^}]*)}");

	private static final Pattern LOOKUP = Pattern.compile("\\b(?:find|get|now)\\(\"([A-Z][A-Z0-9_]+)\"\\)");

	private static final Pattern SCRIPT_DEFAULT = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):-");

	@Test
	void everySettingOfDotEnvIsInTheTableWithItsDefault() {
		Map<String, String> documented = documentedDefaults();
		Map<String, String> dotEnv = StackFiles.dotEnv();

		assertThat(documented.keySet()).as("settings in .env missing from the settings table")
			.containsAll(dotEnv.keySet());
		dotEnv.forEach((name, value) -> {
			String cell = documented.get(name);
			if (cell.startsWith("`")) {
				assertThat(cell).as(name + "'s default in " + SETTINGS_PAGE).isEqualTo("`" + value + "`");
			}
			else if (cell.equals("(empty)") || cell.equals("(none)")) {
				assertThat(value).as(name + " in .env, which " + SETTINGS_PAGE + " calls " + cell).isEmpty();
			}
		});
	}

	/**
	 * Every name the code reads a setting by is documented: the placeholders of the apps'
	 * YAML files, the names the code looks up itself, and the scripts' variables that
	 * have a default.
	 */
	@Test
	void everySettingTheCodeReadsIsDocumentedOnTheSettingsPage() throws IOException {
		Set<String> names = new TreeSet<>();
		Path root = StackFiles.ROOT;
		try (Stream<Path> files = Files.walk(root)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				String path = root.relativize(file).toString();
				if (path.contains("/target/") || path.startsWith(".git")) {
					continue;
				}
				Pattern reads = null;
				if (path.matches("[^/]+/src/main/resources/[^/]+\\.yml")) {
					reads = PLACEHOLDER;
				}
				else if (path.matches("[^/]+/src/main/java/.*\\.java")) {
					reads = LOOKUP;
				}
				else if (path.matches("scripts/[^/]+\\.sh")) {
					reads = SCRIPT_DEFAULT;
				}
				if (reads != null) {
					Matcher read = reads.matcher(Files.readString(file));
					while (read.find()) {
						names.add(read.group(1));
					}
				}
			}
		}
		String page = StackFiles.read(SETTINGS_PAGE);

		assertThat(names).as("what the code reads").contains("TARGET_FILE_DIR", "CONSUMER_REPLICAS", "JAVA");
		assertThat(names.stream()
			.filter((name) -> !page.contains("| `" + name + "`") && !page.contains(", `" + name + "`")))
			.as("settings the code reads that " + SETTINGS_PAGE + " has no row for")
			.isEmpty();
	}

	@Test
	void theTableNamesNoSettingThatDotEnvLacks() {
		assertThat(StackFiles.dotEnv().keySet()).as("settings in the settings table missing from .env")
			.containsAll(documentedDefaults().keySet());
	}

	/**
	 * Credentials have no default but the environment's or {@code .env}'s: no credential
	 * is written anywhere else.
	 */
	@ParameterizedTest
	@CsvSource({ "producer-app, application.yml", "consumer-app, application.yml", "ingest-cli, ingest-cli.yml" })
	void theAppsBuiltInDefaultsAreTheValuesOfDotEnvButForCredentials(String app, String file) {
		Map<String, String> dotEnv = StackFiles.dotEnv();
		String yaml = StackFiles.read(app + "/src/main/resources/" + file);
		Matcher placeholder = PLACEHOLDER.matcher(yaml);
		int found = 0;
		while (placeholder.find()) {
			found++;
			String name = placeholder.group(1);
			assertThat(dotEnv).as("application.yml maps " + name + ", which .env lacks").containsKey(name);
			boolean credential = name.endsWith("_USERNAME") || name.endsWith("_PASSWORD");
			assertThat(placeholder.group(2)).as(name + "'s default in the " + file + " of " + app)
				.isEqualTo(credential ? "" : dotEnv.get(name));
		}
		assertThat(found).as("settings the " + file + " of " + app + " maps").isGreaterThan(15);
	}

	/**
	 * Every property that Spring Boot's configuration metadata lists for an app or the
	 * CLI (what an IDE completes) is mapped in its YAML from a setting that the settings
	 * page's table documents.
	 */
	@ParameterizedTest
	@CsvSource({ "producer-app, application.yml, sensor-ingest", "consumer-app, application.yml, sensor-ingest",
			"ingest-cli, ingest-cli.yml, ingest" })
	void everyPropertyInTheAppsMetadataComesFromADocumentedSetting(String app, String file, String prefix)
			throws IOException {
		Path metadata = StackFiles.ROOT.resolve(app)
			.resolve("target/classes/META-INF/spring-configuration-metadata.json");
		Map<String, String> yaml = new TreeMap<>();
		flatten("", StackFiles.yaml(StackFiles.read(app + "/src/main/resources/" + file).split("\n---\n")[0]), yaml);
		Map<String, String> documented = documentedDefaults();
		Matcher property = Pattern.compile("\"name\": \"(" + Pattern.quote(prefix) + "\\.[^\"]+)\"")
			.matcher(Files.readString(metadata));
		Set<String> groups = new TreeSet<>();
		List<String> properties = new ArrayList<>();
		while (property.find()) {
			properties.add(property.group(1));
		}
		properties.forEach((name) -> groups.add(name.substring(0, name.lastIndexOf('.'))));
		List<String> leaves = properties.stream().filter((name) -> !groups.contains(name)).toList();
		assertThat(leaves).as("properties in " + metadata).hasSizeGreaterThan(15);
		for (String name : leaves) {
			assertThat(yaml).as(app + "'s " + file + " maps " + name).containsKey(name);
			Matcher setting = PLACEHOLDER.matcher(yaml.get(name));
			assertThat(setting.find()).as(name + " in " + app + "'s " + file + " is a setting").isTrue();
			assertThat(documented).as("the settings table documents " + setting.group(1)).containsKey(setting.group(1));
		}
	}

	@SuppressWarnings("unchecked")
	private static void flatten(String prefix, Map<String, Object> yaml, Map<String, String> into) {
		yaml.forEach((key, value) -> {
			if (value instanceof Map<?, ?> nested) {
				flatten(prefix + key + ".", (Map<String, Object>) nested, into);
			}
			else {
				into.put(prefix + key, String.valueOf(value));
			}
		});
	}

	/**
	 * Returns each setting of the table with its default cell: {@code `value`} where the
	 * table spells one out, else the cell's words.
	 */
	private static Map<String, String> documentedDefaults() {
		String readme = StackFiles.read(SETTINGS_PAGE);
		String table = readme.substring(readme.indexOf("| setting | default | meaning |"));
		int end = table.indexOf("\n\n");
		table = (end >= 0) ? table.substring(0, end) : table.strip();
		Map<String, String> defaults = new LinkedHashMap<>();
		for (String row : table.lines().skip(2).toList()) {
			String[] cells = row.split(" \\| ");
			List<String> names = codes(cells[0]);
			List<String> values = codes(cells[1]);
			for (int i = 0; i < names.size(); i++) {
				String cell = (values.size() == names.size() && cells[1].startsWith("`")) ? "`" + values.get(i) + "`"
						: cells[1];
				defaults.put(names.get(i), cell);
			}
		}
		return defaults;
	}

	private static List<String> codes(String cell) {
		List<String> codes = new ArrayList<>();
		Matcher code = CODE.matcher(cell);
		while (code.find()) {
			codes.add(code.group(1));
		}
		return codes;
	}

}
