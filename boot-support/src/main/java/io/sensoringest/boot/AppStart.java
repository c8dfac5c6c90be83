package io.sensoringest.boot;

import java.util.List;

import io.sensoringest.contract.DotEnv;
import io.sensoringest.contract.HelpOptions;
import io.sensoringest.contract.ParentWatch;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * How the producer and the consumer start, in the order every {@code main} of theirs
 * needs: {@code --help} and {@code --version} answered before Spring starts (no setting
 * read, no server touched), an unknown argument refused in one line, the nearest
 * {@code .env} imported, the starting process remembered ({@link ParentWatch}), and a
 * failure to start ended with exit status {@value #FATAL} when
 * {@link StartupFailureAnalyzer} explains it in one line, 1 otherwise.
 */
public final class AppStart {

	/**
	 * Exit status for a bad setting, a bad argument, or a server that refuses the app.
	 */
	public static final int FATAL = 2;

	private static volatile String name = "sensor-ingest";

	private final String program;

	private final Class<?> app;

	private final String usage;

	private final List<String> options;

	private final List<String> words;

	/**
	 * Describes an app's start.
	 * @param program the name that begins its one-line errors ({@code producer})
	 * @param app its Spring Boot application class, whose jar's manifest holds its
	 * version
	 * @param usage what {@code --help} prints
	 * @param options the options it takes, such as {@code --force}
	 * @param words the words it takes, such as {@code migrate}; {@code null} to allow any
	 * other argument that is not an option (file names)
	 */
	public AppStart(String program, Class<?> app, String usage, List<String> options, List<String> words) {
		this.program = program;
		this.app = app;
		this.usage = usage;
		this.options = options;
		this.words = words;
	}

	/** Returns the name of the app this JVM runs, for its one-line errors. */
	public static String name() {
		return name;
	}

	/**
	 * Answers {@code --help} or {@code --version}, or refuses an unknown argument and
	 * exits {@value #FATAL}; otherwise gets the JVM ready for the application.
	 * @return whether to start the application: {@code false} once the help or the
	 * version was printed
	 */
	public boolean prepare(String[] args) {
		name = this.program;
		if (HelpOptions.answered(this.program + "-app", this.app, this.usage, args, System.out)) {
			return false;
		}
		String unknown = HelpOptions.unknownArgument(args, this.options, this.words);
		if (unknown != null) {
			System.err.println(this.program + ": " + unknown);
			System.exit(FATAL);
		}
		DotEnv.importNearestDotEnv();
		ParentWatch.rememberParent();
		return true;
	}

	/**
	 * Runs the application; a failure to start ends the JVM, with {@value #FATAL} when it
	 * is a setting or a server that {@link StartupFailureAnalyzer} has explained in one
	 * line already, with 1 otherwise (Spring Boot has logged it).
	 */
	public static ConfigurableApplicationContext run(SpringApplication application, String[] args) {
		try {
			return application.run(args);
		}
		catch (SpringApplication.AbandonedRunException ex) {
			// the build's AOT processing stops the application before it runs
			throw ex;
		}
		catch (RuntimeException ex) {
			System.exit(StartupFailureAnalyzer.explains(ex) ? FATAL : 1);
			throw ex;
		}
	}

}
