package dev.linea.models.io;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Parses decimal numbers in a strict grammar, exactly (the double nearest to the decimal value, ties to even: the
 * same bits as {@link Double#parseDouble}), without allocating on the common path.
 *
 * <p>The grammar (spaces and tabs around the number are allowed, nothing else):
 * <pre>
 *   number   = [sign] (decimal [exponent] | special)
 *   decimal  = digits ["." [digits]] | "." digits
 *   exponent = ("e" | "E") [sign] digits
 *   special  = "NaN" | "Inf" | "Infinity"      (any letter case)
 *   sign     = "+" | "-"
 * </pre>
 * Java's own suffixes and forms ({@code 5d}, {@code 5f}, {@code 0x1.8p1}) and any other character, control
 * characters included, are not numbers here.
 *
 * <p>Algorithm: up to 19 significant digits are gathered into a {@code long} w and a power of ten q; when w ≤ 2⁵³
 * and |q| ≤ 22 one IEEE multiplication or division is exact (Clinger's fast path); otherwise Eisel and Lemire's
 * algorithm multiplies w by a 128-bit truncation of 5^q (Lemire, "Number Parsing at a Gigabyte per Second",
 * Software: Practice and Experience 51(8), 2021, as in the fast_float library). Longer significands and the rare
 * product too close to a rounding boundary go to {@link Double#parseDouble}, which agrees on every string of this
 * grammar. Tested bit for bit against {@code Double.parseDouble} on random bit patterns.
 */
final class DecimalParser {
    private DecimalParser() {
    }

    /**
     * Returned for text outside the grammar: a NaN whose payload no parse produces ({@code "NaN"} gives
     * {@link Double#NaN}). Test with {@link #isSyntaxError(double)}.
     */
    static final double SYNTAX_ERROR = Double.longBitsToDouble(0x7ff8_dead_beef_0001L);

    private static final int SMALLEST_POWER = -342;
    private static final int LARGEST_POWER = 308;
    /** 5^q for q in [−342, 308], normalized to 128 bits: {high, low} at 2(q + 342). */
    private static final long[] POW5 = powersOfFive();
    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
            1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    /** @return whether v is {@link #SYNTAX_ERROR} (and not a NaN the text asked for) */
    static boolean isSyntaxError(double v) {
        return Double.doubleToRawLongBits(v) == Double.doubleToRawLongBits(SYNTAX_ERROR);
    }

    /**
     * Parses a string in the grammar above.
     *
     * @return the value, or {@link #SYNTAX_ERROR}
     */
    static double parse(CharSequence s) {
        byte[] b = new byte[s.length()];
        for (int i = 0; i < b.length; i++) {
            char c = s.charAt(i);
            b[i] = c < 128 ? (byte) c : (byte) 0x80; // any non-ASCII character is outside the grammar
        }
        return parse(b, 0, b.length);
    }

    /**
     * Parses the ASCII bytes {@code b[from, to)}, all of them. Not modified: b.
     *
     * @return the value, or {@link #SYNTAX_ERROR}
     */
    static double parse(byte[] b, int from, int to) {
        int[] end = new int[1];
        double v = parse(b, from, to, end);
        return end[0] == to ? v : SYNTAX_ERROR;
    }

    /** Little-endian longs out of a byte array: eight digits at a time. */
    private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /**
     * Parses the longest number at {@code b[from]} within {@code b[from, limit)}, with the spaces and tabs around
     * it, and stores where it stopped in {@code end[0]}: the caller checks that a separator follows. Not modified:
     * b. Modified: end.
     *
     * @return the value, or {@link #SYNTAX_ERROR} (end[0] is then meaningless)
     */
    static double parse(byte[] b, int from, int limit, int[] end) {
        int i = from;
        while (i < limit && (b[i] == ' ' || b[i] == '\t')) {
            i++;
        }
        int start = i;
        if (i == limit) {
            return SYNTAX_ERROR;
        }
        boolean negative = false;
        if (b[i] == '-' || b[i] == '+') {
            negative = b[i] == '-';
            i++;
            if (i == limit) {
                return SYNTAX_ERROR;
            }
        }
        byte c0 = b[i];
        if (c0 == 'n' || c0 == 'N' || c0 == 'i' || c0 == 'I') {
            return special(b, i, limit, negative, end);
        }
        long w = 0;
        int digits = 0;       // significant digits kept in w
        int exp10 = 0;        // power of ten of w's last digit
        boolean dropped = false; // digits beyond 19 (w then truncates the value)
        boolean any = false;
        while (i < limit) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                break;
            }
            any = true;
            if (digits < 19) {
                w = 10 * w + d;
                if (w != 0) {
                    digits++;
                }
            } else {
                exp10++;
                dropped = true;
            }
            i++;
        }
        if (i < limit && b[i] == '.') {
            i++;
            while (w == 0 && i < limit && b[i] == '0') { // leading zeros: not significant
                any = true;
                exp10--;
                i++;
            }
            while (digits <= 11 && i + 8 <= limit) { // eight digits at a time while w has room for them
                long chunk = (long) LONGS.get(b, i);
                if (!eightDigits(chunk)) {
                    break;
                }
                int eight = parseEight(chunk);
                digits += 8; // the first of them is not 0 (leading zeros were skipped): all eight count
                w = 100_000_000L * w + eight;
                exp10 -= 8;
                any = true;
                i += 8;
            }
            while (i < limit) {
                int d = b[i] - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                any = true;
                if (digits < 19) {
                    w = 10 * w + d;
                    exp10--;
                    if (w != 0) {
                        digits++;
                    }
                } else {
                    dropped = true;
                }
                i++;
            }
        }
        if (!any) {
            return SYNTAX_ERROR;
        }
        if (i < limit && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            boolean negExp = false;
            if (i < limit && (b[i] == '-' || b[i] == '+')) {
                negExp = b[i] == '-';
                i++;
            }
            int e = 0;
            boolean expDigits = false;
            while (i < limit) {
                int d = b[i] - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                expDigits = true;
                if (e < 100_000_000) { // far beyond any double; stops int overflow
                    e = 10 * e + d;
                }
                i++;
            }
            if (!expDigits) {
                return SYNTAX_ERROR;
            }
            exp10 += negExp ? -e : e;
        }
        int stop = i;
        while (i < limit && (b[i] == ' ' || b[i] == '\t')) {
            i++;
        }
        end[0] = i;
        if (dropped) {
            return Double.parseDouble(new String(b, start, stop - start, StandardCharsets.ISO_8859_1));
        }
        double v = toDouble(w, exp10);
        if (Double.isNaN(v)) { // the product was too close to call: let the JDK decide
            return Double.parseDouble(new String(b, start, stop - start, StandardCharsets.ISO_8859_1));
        }
        return negative ? -v : v;
    }

    /** Whether the eight bytes of v (little-endian) are all ASCII digits (Lemire's test). */
    private static boolean eightDigits(long v) {
        return ((v & 0xF0F0F0F0F0F0F0F0L) | (((v + 0x0606060606060606L) & 0xF0F0F0F0F0F0F0F0L) >>> 4))
                == 0x3333333333333333L;
    }

    /** The value of eight ASCII digits, the first in the lowest byte (fast_float's SWAR conversion). */
    private static int parseEight(long v) {
        long mask = 0x000000FF000000FFL;
        long mul1 = 0x000F424000000064L; // 100 + (1000000 << 32)
        long mul2 = 0x0000271000000001L; // 1 + (10000 << 32)
        v -= 0x3030303030303030L;
        v = (v * 10) + (v >>> 8);
        v = (((v & mask) * mul1) + (((v >>> 16) & mask) * mul2)) >>> 32;
        return (int) v;
    }

    private static double special(byte[] b, int i, int limit, boolean negative, int[] end) {
        int stop;
        double v;
        if (matches(b, i, limit, "nan")) {
            stop = i + 3;
            v = Double.NaN;
        } else if (matches(b, i, limit, "infinity")) {
            stop = i + 8;
            v = negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        } else if (matches(b, i, limit, "inf")) {
            stop = i + 3;
            v = negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        } else {
            return SYNTAX_ERROR;
        }
        while (stop < limit && (b[stop] == ' ' || b[stop] == '\t')) {
            stop++;
        }
        end[0] = stop;
        return v;
    }

    /** Whether {@code b[i, limit)} starts with the lower-case word, in any letter case. */
    private static boolean matches(byte[] b, int i, int limit, String word) {
        if (limit - i < word.length()) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if (lower(b[i + k]) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static int lower(byte c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }

    /**
     * The double nearest w·10^q (w ≥ 0, at most 19 digits), or NaN when the 128-bit product cannot decide.
     */
    static double toDouble(long w, int q) {
        if (w == 0 || q < SMALLEST_POWER) {
            return 0.0;
        }
        if (q > LARGEST_POWER) {
            return Double.POSITIVE_INFINITY;
        }
        if (q >= -22 && q <= 22 && w >= 0 && w <= (1L << 53)) {
            double d = w;
            return q < 0 ? d / POW10[-q] : d * POW10[q];
        }
        int lz = Long.numberOfLeadingZeros(w);
        w <<= lz;
        int index = 2 * (q - SMALLEST_POWER);
        long hi = Math.unsignedMultiplyHigh(w, POW5[index]);
        long lo = w * POW5[index];
        if ((hi & 0x1FF) == 0x1FF) {
            long hi2 = Math.unsignedMultiplyHigh(w, POW5[index + 1]);
            long sum = lo + hi2;
            if (Long.compareUnsigned(hi2, sum) > 0) {
                hi++;
            }
            lo = sum;
            if ((hi & 0x1FF) == 0x1FF && lo == -1L && (q < -27 || q > 55)) {
                return Double.NaN;
            }
        }
        int upperbit = (int) (hi >>> 63);
        int shift = upperbit + 64 - 52 - 3;
        long mantissa = hi >>> shift;
        int power2 = (((152170 + 65536) * q) >> 16) + 63 + upperbit - lz + 1023;
        if (power2 <= 0) { // subnormal
            if (-power2 + 1 >= 64) {
                return 0.0;
            }
            mantissa >>>= -power2 + 1;
            mantissa += mantissa & 1;
            mantissa >>>= 1;
            power2 = mantissa < (1L << 52) ? 0 : 1;
            return Double.longBitsToDouble(mantissa | ((long) power2 << 52));
        }
        if (Long.compareUnsigned(lo, 1) <= 0 && q >= -4 && q <= 23 && (mantissa & 3) == 1
                && (mantissa << shift) == hi) {
            mantissa &= ~1L; // exactly halfway: round to even
        }
        mantissa += mantissa & 1;
        mantissa >>>= 1;
        if (mantissa >= (2L << 52)) {
            mantissa = 1L << 52;
            power2++;
        }
        mantissa &= ~(1L << 52);
        if (power2 >= 0x7FF) {
            return Double.POSITIVE_INFINITY;
        }
        return Double.longBitsToDouble(mantissa | ((long) power2 << 52));
    }

    /**
     * The table of fast_float: for q ≥ 0, 5^q shifted to exactly 128 bits (truncated); for q &lt; 0, 2^b / 5^−q
     * plus one, truncated to 128 bits, with b chosen so that the quotient has at least 128 bits.
     */
    private static long[] powersOfFive() {
        long[] t = new long[2 * (LARGEST_POWER - SMALLEST_POWER + 1)];
        BigInteger two128 = BigInteger.ONE.shiftLeft(128);
        BigInteger two127 = BigInteger.ONE.shiftLeft(127);
        BigInteger mask = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        for (int q = SMALLEST_POWER; q <= LARGEST_POWER; q++) {
            BigInteger c;
            if (q < 0) {
                BigInteger p5 = BigInteger.valueOf(5).pow(-q);
                int z = p5.subtract(BigInteger.ONE).bitLength(); // least z with 2^z >= 5^-q
                int b = q >= -27 ? z + 127 : 2 * z + 128;
                c = BigInteger.ONE.shiftLeft(b).divide(p5).add(BigInteger.ONE);
                while (c.compareTo(two128) >= 0) {
                    c = c.shiftRight(1);
                }
            } else {
                c = BigInteger.valueOf(5).pow(q);
                while (c.compareTo(two127) < 0) {
                    c = c.shiftLeft(1);
                }
                while (c.compareTo(two128) >= 0) {
                    c = c.shiftRight(1);
                }
            }
            int k = 2 * (q - SMALLEST_POWER);
            t[k] = c.shiftRight(64).longValue();
            t[k + 1] = c.and(mask).longValue();
        }
        return t;
    }
}
