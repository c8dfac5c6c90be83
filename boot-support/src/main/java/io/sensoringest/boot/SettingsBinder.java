package io.sensoringest.boot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.sensoringest.contract.DotEnv;
import io.sensoringest.contract.InvalidSettingException;
import io.sensoringest.contract.SettingText;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Binds {@code @ConfigurationProperties} outside a Spring application, for code that runs
 * an app's work in-process without starting the app (the operator's CLI): from the same
 * {@code application.yml} and environment, with the same nearest {@code .env}, checked
 * the same way, and a bad setting reported in the same words
 * ({@link StartupFailureAnalyzer}).
 */
public final class SettingsBinder {

	/** The YAML an app's settings are mapped in, as Spring Boot names it. */
	public static final String APPLICATION_YML = "application.yml";

	private SettingsBinder() {
	}

	/**
	 * Returns the environment an app would bind its settings from in this working
	 * directory, with the given settings, by their environment names, in front.
	 */
	public static ConfigurableEnvironment environment(Map<String, ?> settings) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("given", new HashMap<String, Object>(settings)));
		// behind the environment: the nearest .env, the one an app's application.yml
		// imports (Settings.importNearestDotEnv)
		environment.getPropertySources()
			.addLast(new MapPropertySource("nearest .env", Map.copyOf(DotEnv.nearestDotEnv())));
		// read as Spring Boot's config data reads it, without the machinery around
		// (profiles, imports, locations), of which application.yml uses only the import
		// of .env, which the source above covers: 0.1 s of every command's start. Should
		// application.yml gain a profile's document, ConfigDataEnvironmentPostProcessor
		// must read it again: this reads every document.
		addYaml(environment, APPLICATION_YML);
		return environment;
	}

	/**
	 * Adds a YAML file of the class path behind the environment's other sources, each of
	 * its documents as a source, read as Spring Boot reads {@code application.yml}.
	 */
	public static void addYaml(ConfigurableEnvironment environment, String name) {
		try {
			new YamlPropertySourceLoader().load(name, new ClassPathResource(name))
				.forEach(environment.getPropertySources()::addLast);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + name + " from the class path", ex);
		}
	}

	/**
	 * Returns the properties under the prefix, bound from the environment as Spring Boot
	 * binds {@code @ConfigurationProperties}, and checked by themselves when they are a
	 * {@link Validator}.
	 * @throws InvalidSettingException naming the setting that cannot be used, as the
	 * environment maps it
	 */
	public static <T> T bind(ConfigurableEnvironment environment, String prefix, Class<T> type) {
		ApplicationConversionService conversion = new ApplicationConversionService();
		conversion.addConverter(String.class, Duration.class, SettingText::duration);
		Binder binder = new Binder(ConfigurationPropertySources.get(environment),
				new PropertySourcesPlaceholdersResolver(environment), conversion);
		try {
			return binder.bindOrCreate(prefix, Bindable.of(type), new ValidationBindHandler(new SelfValidation()));
		}
		catch (RuntimeException ex) {
			InvalidSettingException setting = new StartupFailureAnalyzer(environment).explain(ex);
			if (setting != null) {
				throw setting;
			}
			throw ex;
		}
	}

	/**
	 * Lets properties that are a {@link Validator} check themselves, as they do when an
	 * app binds them.
	 */
	private static final class SelfValidation implements Validator {

		@Override
		public boolean supports(Class<?> type) {
			return Validator.class.isAssignableFrom(type);
		}

		@Override
		public void validate(Object target, Errors errors) {
			((Validator) target).validate(target, errors);
		}

	}

}
