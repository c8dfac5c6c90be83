package io.sensoringest.boot;

import io.sensoringest.contract.Failures;
import io.sensoringest.contract.InvalidSettingException;
import io.sensoringest.contract.SettingText;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalysisReporter;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Turns a failure to start into the one line an operator needs: a setting that cannot be
 * used, named as the operator wrote it ({@code PRODUCER_BATCH_ROWS=-5 must be between 1
 * and 100000}), or a server that refused the app ({@link ServerRefusedException}). The
 * setting's name is found in the placeholder that {@code application.yml} maps the
 * property from. Runs before Spring Boot's own analyzers, for every app of the project
 * ({@code META-INF/spring.factories}); {@link OneLine} prints the result.
 * {@link SettingsBinder} explains a binding outside an app with it too.
 */
public final class StartupFailureAnalyzer implements FailureAnalyzer, Ordered {

	private final Environment environment;

	public StartupFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	/** Whether the failure is one this analyzer explains: a setting or a server. */
	public static boolean explains(Throwable failure) {
		return Failures.cause(failure, ServerRefusedException.class) != null
				|| Failures.cause(failure, BindException.class) != null
				|| Failures.cause(failure, InvalidSettingException.class) != null
				|| Failures.cause(failure, InvalidConfigurationPropertyValueException.class) != null;
	}

	@Override
	public FailureAnalysis analyze(Throwable failure) {
		ServerRefusedException refused = Failures.cause(failure, ServerRefusedException.class);
		if (refused != null) {
			return new FailureAnalysis(refused.getMessage(), null, failure);
		}
		InvalidSettingException setting = explain(failure);
		return (setting != null) ? new FailureAnalysis(setting.getMessage(), null, failure) : null;
	}

	/**
	 * Returns the failure as the setting at fault, named as the operator wrote it, or
	 * {@code null} when it is not about a setting.
	 */
	public InvalidSettingException explain(Throwable failure) {
		InvalidSettingException setting = Failures.cause(failure, InvalidSettingException.class);
		if (setting != null) {
			return setting;
		}
		BindValidationException invalid = Failures.cause(failure, BindValidationException.class);
		if (invalid != null && !invalid.getValidationErrors().getAllErrors().isEmpty()) {
			ObjectError error = invalid.getValidationErrors().getAllErrors().get(0);
			String property = invalid.getValidationErrors().getName().toString();
			if (error instanceof FieldError field) {
				property += "." + DataObjectPropertyName.toDashedForm(field.getField());
			}
			return setting(property, error.getDefaultMessage());
		}
		BindException bind = Failures.cause(failure, BindException.class);
		if (bind != null && bind.getProperty() != null) {
			String problem = SettingText.notA(bind.getTarget().getType().resolve(Object.class));
			problem = (problem != null) ? problem : "cannot be used: " + Failures.rootMessage(bind);
			return setting(bind.getProperty().getName().toString(), problem);
		}
		InvalidConfigurationPropertyValueException value = Failures.cause(failure,
				InvalidConfigurationPropertyValueException.class);
		return (value != null) ? setting(value.getName(), SettingText.conversionProblem(value.getReason())) : null;
	}

	/**
	 * Returns the property's problem by the environment name it is mapped from, with its
	 * value.
	 */
	private InvalidSettingException setting(String property, String problem) {
		String name = property;
		if (this.environment instanceof ConfigurableEnvironment configurable) {
			for (PropertySource<?> source : configurable.getPropertySources()) {
				String mapped = SettingText.placeholderName(source.getProperty(property));
				if (mapped != null) {
					name = mapped;
					break;
				}
			}
		}
		String value;
		try {
			value = this.environment.getProperty(property, "");
		}
		catch (IllegalArgumentException ex) {
			value = "";
		}
		return new InvalidSettingException(name, value.isBlank() ? null : value, problem);
	}

	/**
	 * Prints the analysis as one line on standard error, after the app's name
	 * ({@link AppStart#name()}).
	 */
	public static final class OneLine implements FailureAnalysisReporter {

		@Override
		public void report(FailureAnalysis analysis) {
			System.err.println(AppStart.name() + ": " + analysis.getDescription());
		}

	}

}
