package io.sensoringest.contract;

/**
 * A setting that is missing or whose value cannot be used. Its message names the setting
 * and the value (a secret's masked), so that it can be shown to the user as it is.
 */
public class InvalidSettingException extends RuntimeException {

	private final String setting;

	/**
	 * Creates the exception.
	 * @param setting the setting's name, for example {@code GEN_NUM_SENSORS}
	 * @param value the value given, or {@code null} when none was
	 * @param problem what is wrong with it, for example {@code "is not a whole number"}
	 */
	public InvalidSettingException(String setting, String value, String problem) {
		super((value != null) ? setting + "=" + SettingText.shown(setting, value) + " " + problem
				: setting + " " + problem);
		this.setting = setting;
	}

	/** Returns the name of the setting at fault. */
	public String getSetting() {
		return this.setting;
	}

}
