package io.sensoringest.producer;

import io.sensoringest.contract.Settings;
import io.sensoringest.producer.generate.DemoDataGenerator;

/**
 * The producer's command line. {@code generate} writes the demo data set.
 */
public final class ProducerApplication {

	private ProducerApplication() {
	}

	public static void main(String[] args) {
		String command = (args.length > 0) ? args[0] : "";
		if (command.equals("generate")) {
			System.exit(DemoDataGenerator.run(Settings.load(), System.err));
		}
		System.err.println("usage: producer-app generate");
		System.exit(2);
	}

}
