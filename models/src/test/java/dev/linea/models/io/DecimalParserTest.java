package dev.linea.models.io;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DecimalParser} against {@link Double#parseDouble}, bit for bit: random bit patterns printed in several
 * ways (17 significant digits, the shortest representation, plain notation, more digits than 19), and the edges
 * (subnormals, the largest finite value, overflow to infinity, underflow to zero, ties, exponents far out of
 * range); and the grammar: what is a number and what is not.
 */
class DecimalParserTest {

    private static void same(String s) {
        double expected = Double.parseDouble(s);
        double got = DecimalParser.parse(s);
        assertThat(Double.doubleToRawLongBits(got)).as(s).isEqualTo(Double.doubleToRawLongBits(expected));
    }

    @Test
    void randomBitPatternsInEveryPrintedFormAreBitIdentical() {
        SplittableRandom r = new SplittableRandom(20261207);
        for (int k = 0; k < 400_000; k++) {
            double v = Double.longBitsToDouble(r.nextLong());
            if (!Double.isFinite(v)) {
                continue;
            }
            same(String.format(Locale.ROOT, "%.16e", v));    // 17 significant digits
            same(Double.toString(v));                          // shortest representation (Java's)
            if (k % 8 == 0) {
                same(String.format(Locale.ROOT, "%.20e", v));  // 21 digits: the long-significand path
                same(new BigDecimal(v).toPlainString().length() < 400 ? new BigDecimal(v).toPlainString()
                        : Double.toString(v));                  // plain notation, exact value
            }
        }
    }

    @Test
    void valuesOfOrdinaryMagnitudeAreBitIdentical() {
        SplittableRandom r = new SplittableRandom(7);
        for (int k = 0; k < 300_000; k++) {
            double v = r.nextGaussian() * Math.pow(10, r.nextInt(-8, 9));
            same(String.format(Locale.ROOT, "%.16e", v));
            same(String.format(Locale.ROOT, "%.17g", v));
            same(Double.toString(v));
            same(String.format(Locale.ROOT, "%.6f", v));
        }
        for (int k = 0; k < 100_000; k++) {
            same(Long.toString(r.nextLong()));          // 19 digits: w beyond the signed range
            same(Long.toUnsignedString(r.nextLong()) + "." + r.nextInt(1000));
            same(r.nextInt(1_000_000) + "e" + r.nextInt(-330, 330));
        }
    }

    @Test
    void edgesAreBitIdentical() {
        List<String> edges = List.of("0", "-0", "0.0", "-0.0", "+0", "00000", "0e999999999", "1e-400", "-1e-400",
                "4.9e-324", "2.4703282292062327e-324", "2.4703282292062328e-324", "2.47032822920623272e-324",
                "4.9406564584124654e-324", "2.2250738585072011e-308", "2.2250738585072014e-308",
                "2.2250738585072012e-308", "1.7976931348623157e308", "1.7976931348623158e308",
                "1.7976931348623159e308", "1.8e308", "1e309", "-1e309", "9999999999999999999e290",
                "1e23", "8.98846567431158e307", "9007199254740993", "9007199254740992.5", "9007199254740993.0000001",
                "18446744073709551615", "18446744073709551616", "0.1", "0.3", "123456789012345678901234567890",
                "1." + "0".repeat(500) + "1", "0." + "0".repeat(340) + "1", "1" + "0".repeat(400) + "e-400",
                "1e-342", "1e-343", "1e308", "7e-324", "2e-323", "1e22", "1e-22", "4503599627370497.5",
                "4503599627370496.5", "1.5", "-2.5e-3", ".5", "5.", "+.5e+1", "1E5", "1e+05", " 12 ", "\t3\t");
        for (String s : edges) {
            same(s);
        }
        // every power of ten and every integer power of two in range, and their neighbours
        for (int q = -350; q <= 310; q++) {
            same("1e" + q);
            same("9.999999999999999e" + q);
        }
        for (int e = -1074; e <= 1023; e++) {
            double v = Math.scalb(1.0, e);
            same(String.format(Locale.ROOT, "%.16e", v));
            same(Double.toString(Math.nextUp(v)));
            same(Double.toString(Math.nextDown(v)));
            same(new BigDecimal(v).add(new BigDecimal(Math.nextUp(v))).divide(BigDecimal.TWO).toString()); // a tie
        }
    }

    @Test
    void specialSpellingsAreDocumentedOnes() {
        for (String s : List.of("NaN", "nan", "NAN", "-NaN", "+nan")) {
            assertThat(DecimalParser.parse(s)).as(s).isNaN();
            assertThat(DecimalParser.isSyntaxError(DecimalParser.parse(s))).as(s).isFalse();
        }
        for (String s : List.of("Inf", "inf", "INF", "Infinity", "infinity", "+Inf", "+Infinity")) {
            assertThat(DecimalParser.parse(s)).as(s).isEqualTo(Double.POSITIVE_INFINITY);
        }
        for (String s : List.of("-Inf", "-infinity", "-INFINITY")) {
            assertThat(DecimalParser.parse(s)).as(s).isEqualTo(Double.NEGATIVE_INFINITY);
        }
    }

    @Test
    void outsideTheGrammarIsASyntaxError() {
        for (String s : List.of("", " ", "+", "-", ".", "e5", "1e", "1e+", "5d", "5f", "5D", "5F", "0x1.8p1", "0x10",
                "1_000", "1,5", "1 2", "1\u00072", "\u00001", "1\u0000", "\u000b1", "1\f", "--1", "+-1", "1.2.3",
                "1e5.5", "١٢", "１", "NaNa", "Infinit", "Infinityy", "in", "n", "-", "1e5e5", "∞", "1.0L", "0b101",
                "1__", "١")) {
            assertThat(DecimalParser.isSyntaxError(DecimalParser.parse(s))).as("'%s'", s).isTrue();
        }
    }
}
