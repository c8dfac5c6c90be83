package io.sensoringest.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --help} and {@code --version} of the producer and the consumer, answered by
 * their {@code main} before Spring starts, so that neither reads a setting nor touches a
 * server for them. (The command line's come from picocli, in the same words.)
 */
public final class HelpOptions {

	private static final Pattern DEFAULT = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):([^}]*)}");

	private HelpOptions() {
	}

	/**
	 * Prints the help or the version when the arguments ask for either, and returns
	 * whether they did.
	 * @param program the program's name, as {@code --version} prints it
	 * @param app a class of the program's jar, whose manifest holds its version
	 * @param usage the help text, without the rule for settings that is added at its end
	 */
	public static boolean answered(String program, Class<?> app, String usage, String[] args, PrintStream out) {
		for (String arg : args) {
			if (arg.equals("--help") || arg.equals("-h")) {
				out.println(usage.stripTrailing());
				out.println(DotEnv.rule());
				return true;
			}
			if (arg.equals("--version") || arg.equals("-V")) {
				out.println(version(program, app));
				return true;
			}
		}
		return false;
	}

	/**
	 * Returns the first argument that is neither one of the words or options the program
	 * takes nor {@code --help} or {@code --version}, with a suggestion when one of them
	 * is near, as one line for the user; {@code null} when every argument is known.
	 * @param options the options the program takes, such as {@code --force}
	 * @param words the words it takes, such as {@code migrate}; any other argument that
	 * is not an option is allowed when this is {@code null} (file names)
	 */
	public static String unknownArgument(String[] args, List<String> options, List<String> words) {
		List<String> allOptions = new ArrayList<>(options);
		allOptions.addAll(List.of("--help", "-h", "--version", "-V"));
		for (String arg : args) {
			boolean option = arg.startsWith("-");
			if (option ? allOptions.contains(arg) : (words == null || words.contains(arg))) {
				continue;
			}
			List<String> near = nearest(arg, option ? allOptions : words);
			return "unknown " + (option ? "option " : "argument ") + arg
					+ (near.isEmpty() ? "" : "; did you mean " + String.join(" or ", near) + "?") + " (--help)";
		}
		return null;
	}

	/**
	 * Returns the candidates near enough to what was typed to be worth naming: at most
	 * two, nearest first, each at most a third of the typed length (and at least two)
	 * edits away.
	 */
	public static List<String> nearest(String typed, Collection<String> candidates) {
		int most = Math.max(2, typed.length() / 3);
		return candidates.stream()
			.filter((candidate) -> editDistance(typed, candidate) <= most)
			.sorted(Comparator.comparingInt((String candidate) -> editDistance(typed, candidate)))
			.limit(2)
			.toList();
	}

	/** The fewest single-character edits that turn one word into the other. */
	static int editDistance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

	/** Returns the program's name and the version its jar was built as. */
	public static String version(String program, Class<?> app) {
		String version = app.getPackage().getImplementationVersion();
		return program + " " + ((version != null) ? version : "(development build)");
	}

	/**
	 * Returns a setting's value as the program would read it now, a secret's masked, for
	 * help texts: from the environment or the nearest {@code .env}, else the built-in
	 * default that the program's YAML files give it, marked as such.
	 */
	public static String now(String setting) {
		return now(DotEnv.load(), setting);
	}

	private static String now(DotEnv settings, String setting) {
		return settings.find(setting)
			.map((value) -> SettingText.shown(setting, value))
			.orElseGet(() -> Optional.ofNullable(DEFAULTS.get(setting))
				.filter((value) -> !value.isEmpty())
				.map((value) -> SettingText.shown(setting, value) + " (default)")
				.orElse("(not set)"));
	}

	/**
	 * Returns the lines of a help text that show the given settings as they are
	 * {@link #now}, wrapped at 80 columns, under a heading.
	 */
	public static String settingsNow(String... settings) {
		StringBuilder text = new StringBuilder("Settings it reads, as now set (all of them: docs/configuration.md):\n");
		DotEnv current = DotEnv.load();
		StringBuilder line = new StringBuilder(" ");
		for (String setting : settings) {
			String shown = " " + setting + "=" + now(current, setting);
			if (line.length() + shown.length() > 80 && line.length() > 1) {
				text.append(line).append('\n');
				line = new StringBuilder(" ");
			}
			line.append(shown);
		}
		return text.append(line).append('\n').toString();
	}

	/**
	 * The built-in defaults, {@code ${NAME:default}}, of the YAML files the program's
	 * settings are bound from ({@code application.yml}, and the command line's
	 * {@code ingest-cli.yml}), read as text from the class path.
	 */
	private static final Map<String, String> DEFAULTS = defaults("application.yml", "ingest-cli.yml");

	static Map<String, String> defaults(String... resources) {
		Map<String, String> defaults = new HashMap<>();
		ClassLoader loader = HelpOptions.class.getClassLoader();
		for (String resource : resources) {
			try (InputStream in = loader.getResourceAsStream(resource)) {
				if (in != null) {
					Matcher placeholder = DEFAULT.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
					while (placeholder.find()) {
						defaults.putIfAbsent(placeholder.group(1), placeholder.group(2).strip());
					}
				}
			}
			catch (IOException ex) {
				// a default the help cannot show is shown as not set
			}
		}
		return defaults;
	}

}
