package io.sensoringest.contract;

import java.math.BigDecimal;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DecimalsTests {

	@Test
	void givesWhatParseDoubleGivesBitForBitOnRandomDecimalsOfEveryLength() {
		Random random = new Random(20261123);
		int fast = 0;
		for (int i = 0; i < 300_000; i++) {
			String text = randomDecimal(random);
			assertThat(Double.doubleToRawLongBits(Decimals.parse(text))).as(text)
				.isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
			if (!Double.isNaN(Decimals.commonShape(text))) {
				fast++;
			}
		}
		assertThat(fast).as("texts taken by the fast path").isGreaterThan(100_000);
	}

	@Test
	void givesWhatParseDoubleGivesForTheShortestTextOfRandomDoubles() {
		Random random = new Random(7);
		for (int i = 0; i < 300_000; i++) {
			double value = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(12) - 4);
			String text = new BigDecimal(Double.toString(value)).toPlainString();
			assertThat(Decimals.parse(text)).as(text).isEqualTo(value);
		}
	}

	@Test
	void takesTheCommonShapesAndLeavesTheRestToParseDouble() {
		assertThat(Decimals.commonShape("0.4085142272730703")).isEqualTo(0.4085142272730703);
		assertThat(Decimals.commonShape("-12")).isEqualTo(-12.0);
		assertThat(Decimals.commonShape("+1.5")).isEqualTo(1.5);
		assertThat(Decimals.commonShape(".5")).isEqualTo(0.5);
		assertThat(Decimals.commonShape("7.")).isEqualTo(7.0);
		assertThat(Double.doubleToRawLongBits(Decimals.commonShape("-0.0")))
			.isEqualTo(Double.doubleToRawLongBits(-0.0));
		assertThat(Decimals.commonShape("9007199254740992")).isEqualTo(9007199254740992.0);
		for (String other : new String[] { "9007199254740993", "1e5", "0.12345678901234567890",
				"1.0000000000000000000000", "NaN", "Infinity", "0x1p3", "1d", " 1", "1.2.3", "", "-", "." }) {
			assertThat(Decimals.commonShape(other)).as(other).isNaN();
		}
		assertThat(Decimals.parse("9007199254740993")).isEqualTo(9007199254740992.0);
		assertThat(Decimals.parse("1e5")).isEqualTo(100000.0);
		assertThatThrownBy(() -> Decimals.parse("1.2.3")).isInstanceOf(NumberFormatException.class);
		assertThatThrownBy(() -> Decimals.parse(".")).isInstanceOf(NumberFormatException.class);
	}

	/** A sign or none, up to 20 digits, a point somewhere or nowhere. */
	private static String randomDecimal(Random random) {
		StringBuilder text = new StringBuilder();
		int sign = random.nextInt(4);
		if (sign == 0) {
			text.append('-');
		}
		else if (sign == 1) {
			text.append('+');
		}
		int digits = 1 + random.nextInt(20);
		int point = random.nextInt(digits + 2);
		for (int d = 0; d < digits; d++) {
			if (d == point) {
				text.append('.');
			}
			text.append((char) ('0' + random.nextInt(10)));
		}
		return text.toString();
	}

}
