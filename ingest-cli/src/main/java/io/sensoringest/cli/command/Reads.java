package io.sensoringest.cli.command;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The settings a command reads that a user most often sets; its {@code --help} shows each
 * as it is now (the environment, then the nearest {@code .env}), secrets masked.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Reads {

	/** The settings, by their environment names. */
	String[] value();

}
