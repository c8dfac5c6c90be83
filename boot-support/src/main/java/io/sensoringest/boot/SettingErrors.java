package io.sensoringest.boot;

import java.util.Map;

import org.springframework.validation.Errors;

/**
 * Records the problems that a {@code @ConfigurationProperties} record finds in its own
 * values ({@link CheckedProperties}), each against the field it is about, so that
 * {@link StartupFailureAnalyzer} can name the setting the operator wrote. A problem is
 * the text of {@code SettingText}'s checks: {@code null} when the value is fine.
 */
public final class SettingErrors {

	private final Errors errors;

	public SettingErrors(Errors errors) {
		this.errors = errors;
	}

	/** Rejects the field's value with the problem, unless the problem is {@code null}. */
	public SettingErrors field(String field, String problem) {
		if (problem != null) {
			this.errors.rejectValue(field, "invalid", problem);
		}
		return this;
	}

	/**
	 * Rejects each field of a nested group of settings with its problem, the fields named
	 * under the group's own field.
	 * @param group the field that holds the group, such as {@code postgres}
	 * @param problems the group's problems by field
	 */
	public SettingErrors group(String group, Map<String, String> problems) {
		problems.forEach((field, problem) -> field(group + "." + field, problem));
		return this;
	}

}
