package io.sensoringest.producer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.sensoringest.contract.InvalidSettingException;
import io.sensoringest.contract.SettingText;
import io.sensoringest.contract.Settings;
import io.sensoringest.producer.settings.ProducerProperties;
import io.sensoringest.producer.settings.ProducerSettings;

import org.springframework.boot.amqp.autoconfigure.RabbitProperties;
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
 * The producer's settings for code that runs its publishing in-process without starting
 * the producer app (the operator's CLI): bound by Spring Boot's binder from the same
 * {@code application.yml} and environment, checked the same way, and a bad one reported
 * in the same words, and from the same {@code .env}: the nearest at or above the working
 * directory.
 */
public final class ProducerBinding {

	private static final String APPLICATION_YML = "application.yml";

	private ProducerBinding() {
	}

	/**
	 * Returns the settings as the producer app would bind them in this working directory.
	 * @throws InvalidSettingException naming the setting that cannot be used
	 */
	public static ProducerSettings load() {
		return load(Map.of());
	}

	/**
	 * Returns the settings as the producer app would bind them in this working directory,
	 * with the given settings, by their environment names, in front of the environment.
	 * @throws InvalidSettingException naming the setting that cannot be used
	 */
	public static ProducerSettings load(Map<String, ?> settings) {
		return bind(environment(settings));
	}

	/**
	 * Returns the environment the producer app would bind its settings from in this
	 * working directory, with the given settings, by their environment names, in front.
	 */
	public static ConfigurableEnvironment environment(Map<String, ?> settings) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("given", new HashMap<String, Object>(settings)));
		// behind the environment: the nearest .env, the one the app's application.yml
		// imports (Settings.importNearestDotEnv)
		environment.getPropertySources()
			.addLast(new MapPropertySource("nearest .env", Map.copyOf(Settings.nearestDotEnv())));
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
	 * Returns the settings bound from the given environment.
	 * @throws InvalidSettingException naming the setting that cannot be used
	 */
	public static ProducerSettings bind(ConfigurableEnvironment environment) {
		return bind(environment, "sensor-ingest", ProducerProperties.class)
			.settings(bind(environment, "spring.rabbitmq", RabbitProperties.class));
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
			InvalidSettingException setting = new SettingFailureAnalyzer(environment).explain(ex);
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
