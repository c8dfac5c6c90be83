package io.sensoringest.system.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.sensoringest.contract.DotEnv;
import org.yaml.snakeyaml.Yaml;

/**
 * The files that describe the stack, read the way docker compose reads them.
 */
final class StackFiles {

	static final Path ROOT = DotEnv.projectRoot(Path.of(""));

	private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)([^}]*)}");

	private StackFiles() {
	}

	static String read(String relative) {
		try {
			return Files.readString(ROOT.resolve(relative));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The settings in {@code .env}, in file order. */
	static Map<String, String> dotEnv() {
		Map<String, String> values = new LinkedHashMap<>();
		for (String line : read(".env").lines().toList()) {
			int eq = line.indexOf('=');
			if (!line.startsWith("#") && eq > 0) {
				values.put(line.substring(0, eq), line.substring(eq + 1));
			}
		}
		return values;
	}

	/**
	 * The names of the {@code ${VAR}} references in a text; {@code $$} escapes are not
	 * references.
	 */
	static Set<String> variables(String text) {
		Set<String> names = new LinkedHashSet<>();
		Matcher matcher = VARIABLE.matcher(text.replace("$$", ""));
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
		return names;
	}

	/**
	 * The parsed file with every {@code ${VAR}} in a string value replaced from
	 * {@code .env}: compose parses the YAML first and interpolates the values.
	 */
	static Object interpolateValues(Object node, Map<String, String> values) {
		if (node instanceof Map<?, ?> map) {
			Map<Object, Object> copy = new LinkedHashMap<>();
			map.forEach((key, value) -> copy.put(key, interpolateValues(value, values)));
			return copy;
		}
		if (node instanceof java.util.List<?> list) {
			return list.stream().map((item) -> interpolateValues(item, values)).toList();
		}
		return (node instanceof String text) ? interpolate(text, values) : node;
	}

	/** The text with every {@code ${VAR}} replaced from {@code .env}. */
	static String interpolate(String text, Map<String, String> values) {
		Matcher matcher = VARIABLE.matcher(text.replace("$$", "\u0000"));
		StringBuilder out = new StringBuilder();
		while (matcher.find()) {
			matcher.appendReplacement(out, Matcher.quoteReplacement(values.get(matcher.group(1))));
		}
		matcher.appendTail(out);
		return out.toString().replace("\u0000", "$");
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> yaml(String text) {
		return (Map<String, Object>) new Yaml().load(text);
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

	static Map<String, Object> service(Map<String, Object> compose, String name) {
		return map(map(compose.get("services")).get(name));
	}

}
