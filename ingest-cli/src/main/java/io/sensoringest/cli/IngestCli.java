package io.sensoringest.cli;

import java.io.PrintWriter;
import java.util.List;

import io.sensoringest.cli.bench.BenchCommand;
import io.sensoringest.cli.chaos.ChaosCommand;
import io.sensoringest.cli.generate.GenerateCommand;
import io.sensoringest.cli.run.RunCommand;
import io.sensoringest.cli.run.WatchCommand;
import io.sensoringest.cli.status.DlqCommand;
import io.sensoringest.cli.status.StatusCommand;
import io.sensoringest.contract.InvalidSettingException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The operator's command line, behind the make targets. Each command reads the same
 * settings as the apps (the environment, then {@code .env}); a bad one, an unknown
 * command or an unknown option stops it with one line and exit status 2.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true, versionProvider = IngestCli.Version.class,
		description = "Operates the sensor-ingest pipeline: CSV files through RabbitMQ into PostgreSQL.",
		commandListHeading = "%nCommands:%n",
		footer = { "", "Settings come from the environment, then the nearest .env; make passes them on.",
				"Exit status: 0 done, 1 something is not (yet) as it should be, 2 bad usage, setting or server." },
		subcommands = { RunCommand.class, WatchCommand.class, StatusCommand.class, DlqCommand.class,
				GenerateCommand.class, BenchCommand.class, ChaosCommand.class })
public final class IngestCli implements Runnable {

	/**
	 * Exit status when something is not (yet) as it should be: rows or files rejected,
	 * rows missing.
	 */
	public static final int INCOMPLETE = 1;

	/** Exit status for bad usage, a bad setting or another fatal error. */
	public static final int FATAL = 2;

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
		cli.setParameterExceptionHandler(IngestCli::usageError);
		cli.setExecutionExceptionHandler((ex, command, parsed) -> {
			if (ex instanceof InvalidSettingException) {
				command.getErr().println("ingest: " + ex.getMessage());
				return FATAL;
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
			// picocli ranks the commands and options by likeness; only a near miss is
			// worth
			// naming
			String typed = unmatched.getUnmatched().get(0).replaceFirst("=.*", "");
			List<String> near = unmatched.getSuggestions()
				.stream()
				.filter((suggestion) -> editDistance(typed, suggestion) <= Math.max(2, typed.length() / 3))
				.limit(2)
				.toList();
			if (!near.isEmpty()) {
				message += "; did you mean " + String.join(" or ", near) + "?";
			}
		}
		PrintWriter err = command.getErr();
		err.println("ingest: " + message + " (" + command.getCommandSpec().qualifiedName() + " --help)");
		return FATAL;
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

	/** The version this jar was built as. */
	static final class Version implements CommandLine.IVersionProvider {

		@Override
		public String[] getVersion() {
			String version = IngestCli.class.getPackage().getImplementationVersion();
			return new String[] { "ingest " + ((version != null) ? version : "(development build)") };
		}

	}

}
