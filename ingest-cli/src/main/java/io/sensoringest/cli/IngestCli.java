package io.sensoringest.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import io.sensoringest.cli.bench.BenchCommand;
import io.sensoringest.cli.chaos.ChaosCommand;
import io.sensoringest.cli.command.BuiltJars;
import io.sensoringest.cli.command.OperatorCommand;
import io.sensoringest.cli.command.Reads;
import io.sensoringest.cli.generate.GenerateCommand;
import io.sensoringest.cli.run.RunCommand;
import io.sensoringest.cli.run.WatchCommand;
import io.sensoringest.cli.status.DlqCommand;
import io.sensoringest.cli.status.StatusCommand;
import io.sensoringest.contract.DotEnv;
import io.sensoringest.contract.HelpOptions;
import io.sensoringest.contract.InvalidSettingException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The operator's command line, behind the make targets. Each command reads the same
 * settings as the apps (the environment, then the nearest {@code .env}); a bad one, an
 * unknown command or an unknown option stops it with one line and exit status 2.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true, versionProvider = IngestCli.Version.class,
		description = "Operates the sensor-ingest pipeline: CSV files through RabbitMQ into PostgreSQL.",
		commandListHeading = "%nCommands:%n",
		footer = { "", "Exit status: 0 done, 1 something is not (yet) as it should be, 2 bad usage, setting or server.",
				"Each command's --help shows its settings as they are now, and examples." },
		subcommands = { RunCommand.class, WatchCommand.class, StatusCommand.class, DlqCommand.class,
				GenerateCommand.class, BenchCommand.class, ChaosCommand.class })
public final class IngestCli implements Runnable {

	private static final String SETTINGS_SECTION = "settingsNow";

	@Spec
	CommandSpec spec;

	@Override
	public void run() {
		throw new ParameterException(this.spec.commandLine(),
				"name a command: " + String.join(", ", this.spec.subcommands().keySet()));
	}

	public static void main(String[] args) {
		System.exit(execute(args));
	}

	/** Runs one command line and returns its exit status. */
	public static int execute(String... args) {
		return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
	}

	/** Runs one command line, its help and usage errors written to the given streams. */
	static int execute(PrintWriter out, PrintWriter err, String... args) {
		CommandLine cli = new CommandLine(new IngestCli());
		cli.setOut(out);
		cli.setErr(err);
		cli.setDefaultValueProvider(new BuiltJars());
		withSettingsInHelp(cli);
		cli.setParameterExceptionHandler(IngestCli::usageError);
		cli.setExecutionExceptionHandler((ex, command, parsed) -> {
			if (ex instanceof InvalidSettingException) {
				command.getErr().println("ingest: " + ex.getMessage());
				return OperatorCommand.FATAL;
			}
			throw ex;
		});
		return cli.execute(args);
	}

	/**
	 * One line for a usage error, naming where the help is, instead of the whole help.
	 */
	private static int usageError(ParameterException ex, String[] args) {
		CommandLine command = ex.getCommandLine();
		String message = ex.getMessage();
		if (ex instanceof UnmatchedArgumentException unmatched && !command.getSubcommands().isEmpty()
				&& !unmatched.getUnmatched().isEmpty() && !unmatched.getUnmatched().get(0).startsWith("-")) {
			message = "unknown command '" + unmatched.getUnmatched().get(0) + "'";
		}
		if (ex instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
			// picocli suggests far misses too: only a near one is worth naming
			String typed = unmatched.getUnmatched().get(0).replaceFirst("=.*", "");
			List<String> near = HelpOptions.nearest(typed, unmatched.getSuggestions());
			if (!near.isEmpty()) {
				message += "; did you mean " + String.join(" or ", near) + "?";
			}
		}
		PrintWriter err = command.getErr();
		err.println("ingest: " + message + " (" + command.getCommandSpec().qualifiedName() + " --help)");
		return OperatorCommand.FATAL;
	}

	/**
	 * Makes the help of the command and of each below it show every option's default, and
	 * then the settings it {@link Reads} as they are now, and the rule by which they are
	 * found.
	 */
	private static void withSettingsInHelp(CommandLine command) {
		command.getCommandSpec().usageMessage().showDefaultValues(true);
		List<String> keys = new ArrayList<>(command.getHelpSectionKeys());
		if (!keys.contains(SETTINGS_SECTION)) {
			keys.add(keys.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER_HEADING), SETTINGS_SECTION);
			command.setHelpSectionKeys(keys);
		}
		command.getHelpSectionMap().put(SETTINGS_SECTION, (help) -> settingsNow(help.commandSpec()));
		command.getSubcommands().values().forEach(IngestCli::withSettingsInHelp);
	}

	private static String settingsNow(CommandSpec command) {
		Reads reads = command.userObject().getClass().getAnnotation(Reads.class);
		StringBuilder text = new StringBuilder(System.lineSeparator());
		if (reads != null) {
			text.append(HelpOptions.settingsNow(reads.value()));
		}
		return text.append(DotEnv.rule()).append(System.lineSeparator()).toString();
	}

	/** The version this jar was built as. */
	static final class Version implements CommandLine.IVersionProvider {

		@Override
		public String[] getVersion() {
			return new String[] { HelpOptions.version("ingest", IngestCli.class) };
		}

	}

}
