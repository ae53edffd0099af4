package dev.linea.models;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.Set;

/**
 * An immutable list of feature names that is mostly computed, not stored: a few given names (the head) followed by
 * blocks of numbered names {@code prefix + k} for k = first … first + size − 1. A hashed design of 2^20 columns, or
 * a LIBSVM file's indexed columns, then costs a few bytes of names instead of a million strings; {@link #get}
 * builds each name on demand (so names compare with {@code equals}, never {@code ==}).
 *
 * <p>Distinct by construction: the blocks' prefixes differ from each other and no head name has the form of a
 * block's name. Two lists made from the same head and blocks are equal in O(head) time; otherwise the comparison
 * is element by element, as {@link List#equals} specifies. Serializable (a few bytes), so that a distributed
 * fit can ship the names its error messages quote.
 */
public final class GeneratedNames extends AbstractList<String> implements RandomAccess, java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * Names {@code prefix + first}, …, {@code prefix + (first + size − 1)}.
     *
     * @param prefix non-empty
     * @param first  the number of the first name, ≥ 0
     * @param size   the number of names, ≥ 0
     */
    public record Block(String prefix, int first, int size) implements java.io.Serializable {
        /** @throws IllegalArgumentException for an empty prefix or a negative number */
        public Block {
            Objects.requireNonNull(prefix, "prefix");
            if (prefix.isEmpty() || first < 0 || size < 0 || (long) first + size > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("block '" + prefix + "' from " + first + ", " + size
                        + " names: expected a non-empty prefix, first ≥ 0, size ≥ 0");
            }
        }
    }

    private final List<String> head;
    private final List<Block> blocks;
    private final int size;

    private GeneratedNames(List<String> head, List<Block> blocks, int size) {
        this.head = head;
        this.blocks = blocks;
        this.size = size;
    }

    /**
     * @param head   given names, distinct; copied
     * @param blocks numbered names after them, distinct prefixes
     * @throws IllegalArgumentException when two names would be equal or there are more than 2^31 − 1 of them
     */
    public static GeneratedNames of(List<String> head, List<Block> blocks) {
        List<String> h = List.copyOf(head);
        List<Block> b = List.copyOf(blocks);
        Set<String> seen = new HashSet<>();
        for (String name : h) {
            if (!seen.add(name)) {
                throw new IllegalArgumentException("the name '" + name + "' is given twice, expected distinct names");
            }
        }
        long total = h.size();
        Set<String> prefixes = new HashSet<>();
        for (Block block : b) {
            if (!prefixes.add(block.prefix())) {
                throw new IllegalArgumentException("two blocks of names start with '" + block.prefix()
                        + "', expected distinct prefixes");
            }
            total += block.size();
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(total + " names, expected at most " + (Integer.MAX_VALUE - 8));
        }
        for (String name : h) {
            for (Block block : b) {
                if (inBlock(name, block)) {
                    throw new IllegalArgumentException("the name '" + name + "' is also a name of the block '"
                            + block.prefix() + "' (" + block.first() + " … " + (block.first() + block.size() - 1)
                            + "), expected distinct names");
                }
            }
        }
        return new GeneratedNames(h, b, (int) total);
    }

    /** @return {@code prefix + first}, …, {@code prefix + (first + count − 1)} */
    public static GeneratedNames numbered(String prefix, int first, int count) {
        return of(List.of(), List.of(new Block(prefix, first, count)));
    }

    /** Whether a name reads as one of the block's: the prefix, then the digits of a number in its range. */
    private static boolean inBlock(String name, Block block) {
        String p = block.prefix();
        if (!name.startsWith(p) || name.length() == p.length() || name.length() - p.length() > 10) {
            return false;
        }
        String digits = name.substring(p.length());
        if (!digits.chars().allMatch(c -> c >= '0' && c <= '9') || (digits.length() > 1 && digits.charAt(0) == '0')) {
            return false;
        }
        long k = Long.parseLong(digits);
        return k >= block.first() && k < (long) block.first() + block.size();
    }

    /** @return the given names before the blocks */
    public List<String> head() {
        return head;
    }

    /** @return the blocks of numbered names, in order */
    public List<Block> blocks() {
        return blocks;
    }

    @Override
    public String get(int index) {
        Objects.checkIndex(index, size);
        if (index < head.size()) {
            return head.get(index);
        }
        int i = index - head.size();
        for (Block b : blocks) {
            if (i < b.size()) {
                return b.prefix() + (b.first() + i);
            }
            i -= b.size();
        }
        throw new AssertionError("index " + index + " past the blocks");
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int indexOf(Object o) {
        if (!(o instanceof String name)) {
            return -1;
        }
        int h = head.indexOf(name);
        if (h >= 0) {
            return h;
        }
        int start = head.size();
        for (Block b : blocks) {
            if (inBlock(name, b)) {
                return start + Integer.parseInt(name.substring(b.prefix().length())) - b.first();
            }
            start += b.size();
        }
        return -1;
    }

    @Override
    public boolean contains(Object o) {
        return indexOf(o) >= 0;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof GeneratedNames g && head.equals(g.head) && blocks.equals(g.blocks)) {
            return true; // the fast path; other spellings of the same names fall through to the element check
        }
        return super.equals(o);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }

    @Override
    public String toString() {
        if (size <= 20) {
            return super.toString();
        }
        List<String> shown = new ArrayList<>(head.subList(0, Math.min(head.size(), 10)));
        StringBuilder s = new StringBuilder(shown.toString());
        s.setLength(s.length() - 1);
        for (Block b : blocks) {
            s.append(s.length() > 1 ? ", " : "").append(b.prefix()).append(b.first()).append(" … ").append(b.prefix())
                    .append(b.first() + b.size() - 1);
        }
        return s.append("] (").append(size).append(" names)").toString();
    }
}
