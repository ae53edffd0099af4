package dev.linea.models.preprocessing;

/**
 * MurmurHash3, x86 32-bit variant (Austin Appleby, public domain; the function scikit-learn's
 * {@code sklearn.utils.murmurhash3_32} and {@code FeatureHasher}, Vowpal Wabbit and Spark's {@code HashingTF} use),
 * implemented here: the same 32 bits as those for the same bytes and seed (tested against scikit-learn's values).
 *
 * <p>Strings are hashed as their UTF-8 bytes, encoded on the fly: {@link #hashUtf8(CharSequence, int)} allocates
 * nothing, so a scorer may hash a categorical value per request. An unpaired surrogate is encoded as {@code '?'},
 * as {@link String#getBytes(java.nio.charset.Charset)} does.
 */
public final class MurmurHash3 {
    private static final int C1 = 0xcc9e2d51;
    private static final int C2 = 0x1b873593;

    private MurmurHash3() {
    }

    /**
     * @param bytes not modified
     * @return the 32-bit hash of {@code bytes[from, from + length)}
     */
    public static int hash(byte[] bytes, int from, int length, int seed) {
        int h = seed;
        int blocks = length & ~3;
        for (int i = 0; i < blocks; i += 4) {
            int k = (bytes[from + i] & 0xff) | (bytes[from + i + 1] & 0xff) << 8 | (bytes[from + i + 2] & 0xff) << 16
                    | (bytes[from + i + 3] & 0xff) << 24;
            h = mixH(h, k);
        }
        int k = 0;
        switch (length & 3) {
            case 3:
                k ^= (bytes[from + blocks + 2] & 0xff) << 16;
                // fall through
            case 2:
                k ^= (bytes[from + blocks + 1] & 0xff) << 8;
                // fall through
            case 1:
                k ^= bytes[from + blocks] & 0xff;
                h ^= mixK(k);
                break;
            default:
                break;
        }
        return fmix(h ^ length);
    }

    /** @return the 32-bit hash of the UTF-8 encoding of {@code s}, without allocating */
    public static int hashUtf8(CharSequence s, int seed) {
        int h = seed;
        int word = 0; // pending bytes, little-endian
        int pending = 0;
        int length = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            int code;
            int bytes;
            if (c < 0x80) {
                code = c;
                bytes = 1;
            } else if (c < 0x800) {
                code = (0xc0 | (c >> 6)) | (0x80 | (c & 0x3f)) << 8;
                bytes = 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                code = (0xf0 | (cp >> 18)) | (0x80 | ((cp >> 12) & 0x3f)) << 8 | (0x80 | ((cp >> 6) & 0x3f)) << 16
                        | (0x80 | (cp & 0x3f)) << 24;
                bytes = 4;
            } else if (Character.isSurrogate(c)) {
                code = '?';
                bytes = 1;
            } else {
                code = (0xe0 | (c >> 12)) | (0x80 | ((c >> 6) & 0x3f)) << 8 | (0x80 | (c & 0x3f)) << 16;
                bytes = 3;
            }
            for (int b = 0; b < bytes; b++) {
                word |= ((code >>> (8 * b)) & 0xff) << (8 * pending);
                if (++pending == 4) {
                    h = mixH(h, word);
                    word = 0;
                    pending = 0;
                }
            }
            length += bytes;
        }
        if (pending > 0) {
            h ^= mixK(word);
        }
        return fmix(h ^ length);
    }

    private static int mixK(int k) {
        k *= C1;
        k = Integer.rotateLeft(k, 15);
        return k * C2;
    }

    private static int mixH(int h, int k) {
        h ^= mixK(k);
        h = Integer.rotateLeft(h, 13);
        return h * 5 + 0xe6546b64;
    }

    private static int fmix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }
}
