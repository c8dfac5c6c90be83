package io.sensoringest.boot;

import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * A {@code @ConfigurationProperties} record that checks its own values once bound: Spring
 * Boot validates a constructor-bound properties type that is a {@link Validator} with
 * itself, and so does {@link SettingsBinder}. A record only writes
 * {@link #check(SettingErrors)}.
 */
public interface CheckedProperties extends Validator {

	/** Records each of these values' problems against the field it is about. */
	void check(SettingErrors errors);

	@Override
	default boolean supports(Class<?> type) {
		return getClass().isAssignableFrom(type);
	}

	@Override
	default void validate(Object target, Errors errors) {
		((CheckedProperties) target).check(new SettingErrors(errors));
	}

}
