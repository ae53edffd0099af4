package dev.linea.models;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The classes of a classifier, by label, in class-index order: class c of a softmax model (its intercept and
 * coefficient row c) is {@code label(c)}; a binary logistic model predicts {@code P(y = label(1))}, so
 * {@code label(1)} is the <em>positive</em> class and {@code label(0)} the negative one.
 *
 * <p>The labels come from the target column's text in the order of {@link Levels#sorted}: numbers by value
 * ({@code -1} before {@code 1}, {@code 2} before {@code 10}), anything else by string ({@code "no"} before
 * {@code "yes"}). For two classes the positive one is the second in that order, as scikit-learn's
 * {@code LogisticRegression} takes it ({@code classes_[1]}), unless another is named ({@code --positive LABEL}).
 * Immutable.
 *
 * @param labels the distinct labels, at least two; copied
 */
public record ClassLabels(List<String> labels) {
    /** The most classes a target may hold (a column of ids or amounts is not a class label). */
    public static final int MAX_CLASSES = 1000;

    /** @throws IllegalArgumentException for fewer than two labels or a label given twice */
    public ClassLabels {
        labels = List.copyOf(labels);
        if (labels.size() < 2) {
            throw new IllegalArgumentException("classes " + labels + ", expected at least two distinct labels");
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int c = 0; c < labels.size(); c++) {
            Integer first = seen.putIfAbsent(labels.get(c), c);
            if (first != null) {
                throw new IllegalArgumentException("class label '" + labels.get(c) + "' given twice (classes "
                        + first + " and " + c + "), expected distinct labels");
            }
        }
    }

    /** @return the labels "0", "1", …, "k−1": classes known only by index (model files of version 5 and older) */
    public static ClassLabels indices(int k) {
        List<String> l = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            l.add(Integer.toString(c));
        }
        return new ClassLabels(l);
    }

    /**
     * The classes found in a target column.
     *
     * @param cells    the target column's cells, one per row, as text; not modified
     * @param binary   whether the model is binary (logistic): exactly two classes are then required
     * @param positive the positive class of a binary model (null: the second in sorted order); must be a label
     * @param column   the target column's name, for messages
     * @throws IllegalArgumentException for an empty cell, one class only, more than two classes for a binary model
     *                                  (suggesting softmax), more than {@value #MAX_CLASSES}, or a positive label
     *                                  that is not one of the classes
     */
    public static ClassLabels of(String[] cells, boolean binary, String positive, String column) {
        for (int i = 0; i < cells.length; i++) {
            if (cells[i] == null || cells[i].isBlank()) {
                throw new IllegalArgumentException(column + " is empty at row " + (i + 1) + " (1-based), expected a "
                        + "class label");
            }
        }
        List<String> sorted = Levels.sorted(List.of(cells));
        if (sorted.size() < 2) {
            throw new IllegalArgumentException(column + " has one class only ('" + sorted.getFirst() + "' in all "
                    + cells.length + " rows), expected at least two classes to tell apart");
        }
        if (sorted.size() > MAX_CLASSES) {
            throw new IllegalArgumentException(column + " has " + sorted.size() + " distinct values, expected at most "
                    + MAX_CLASSES + " classes (is it a class label? a numeric target is for a regression model)");
        }
        if (binary && sorted.size() > 2) {
            throw new IllegalArgumentException(column + " has " + sorted.size() + " classes " + shown(sorted)
                    + ", expected 2 for binary logistic regression (use --model softmax for K classes)");
        }
        if (positive != null) {
            if (!binary) {
                throw new IllegalArgumentException("a positive class ('" + positive + "') for " + sorted.size()
                        + " classes, expected it only for a binary model");
            }
            String p = Levels.canonical(positive, Levels.numeric(sorted));
            int at = sorted.indexOf(p);
            if (at < 0) {
                throw new IllegalArgumentException("positive class '" + positive + "' is not a class of " + column
                        + ", expected one of " + sorted);
            }
            if (at == 0) {
                sorted = List.of(sorted.get(1), sorted.get(0));
            }
        }
        return new ClassLabels(sorted);
    }

    /**
     * A typed table whose target holds class labels, made ready for an encoder that takes a numeric target: the
     * classes found in the target, and the same table with the target replaced by class indices.
     *
     * @param table the table as read; not modified (its other columns are shared, not copied)
     * @param labels the classes
     */
    public record Labelled(Table table, ClassLabels labels) {
    }

    /**
     * The classes of a table's target column (its text, or its numbers written canonically; a missing cell is
     * left missing, NaN, for the missing-value policy to drop or refuse), and the table with class indices there.
     *
     * @param table    the typed table; not modified
     * @param target   the target column
     * @param binary   whether the model is binary (logistic)
     * @param positive the positive class of a binary model, or null
     * @throws IllegalArgumentException for a target the table lacks, and as {@link #of}
     */
    public static Labelled labelTarget(Table table, String target, boolean binary, String positive) {
        int ty = targetColumn(table, target);
        String[] cells = cells(table, ty);
        List<String> present = new ArrayList<>();
        for (String c : cells) {
            if (c != null) {
                present.add(c);
            }
        }
        ClassLabels labels = of(present.toArray(new String[0]), binary, positive, target);
        return new Labelled(labels.relabel(table, target), labels);
    }

    /**
     * A table (a held-out file) with its target's labels replaced by these classes' indices (a missing cell left
     * NaN).
     *
     * @param table  not modified (its other columns are shared)
     * @param target the target column
     * @throws IllegalArgumentException for a label that is not one of these classes, naming the line (or row)
     */
    public Table relabel(Table table, String target) {
        int ty = targetColumn(table, target);
        String[] cells = cells(table, ty);
        int m = table.rows();
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            if (cells[i] == null) {
                y[i] = Double.NaN;
                continue;
            }
            int c = indexOf(cells[i]);
            if (c < 0) {
                throw new IllegalArgumentException(table.where(i) + ", column '" + target + "': class '" + cells[i]
                        + "' was not seen in training, expected one of " + shown(labels));
            }
            y[i] = c;
        }
        Table.Builder b = Table.builder(table.source());
        for (int j = 0; j < table.names().size(); j++) {
            String name = table.names().get(j);
            if (j == ty) {
                b.numeric(name, y);
                continue;
            }
            switch (table.type(j)) {
                case NUMERIC -> b.numeric(name, table.numbersUnsafe(j));
                case BOOLEAN -> b.bool(name, table.numbersUnsafe(j));
                case CATEGORICAL -> b.categorical(name, table.textUnsafe(j));
            }
        }
        if (table.line(0) >= 0) {
            long[] lines = new long[m];
            for (int i = 0; i < m; i++) {
                lines[i] = table.line(i);
            }
            b.lines(lines);
        }
        return b.build();
    }

    private static int targetColumn(Table table, String target) {
        int ty = table.indexOf(Objects.requireNonNull(target, "target"));
        if (ty < 0) {
            throw new IllegalArgumentException(table.source() + ": no column '" + target + "' (the target); columns "
                    + "are: " + String.join(", ", table.names()));
        }
        return ty;
    }

    /** The target's cells as text (numbers written canonically, booleans as true/false), null where missing. */
    private static String[] cells(Table table, int ty) {
        String[] cells = new String[table.rows()];
        boolean bool = table.type(ty) == dev.linea.models.preprocessing.ColumnType.BOOLEAN;
        for (int i = 0; i < cells.length; i++) {
            Object v = table.value(i, ty);
            cells[i] = v == null ? null : v instanceof Double d
                    ? (bool ? (d == 1 ? "true" : "false") : Levels.canonical(Double.toString(d), true)) : (String) v;
        }
        return cells;
    }

    /** @return K, the number of classes */
    public int count() {
        return labels.size();
    }

    /** @return class c's label */
    public String label(int c) {
        return labels.get(c);
    }

    /** @return the positive class of a binary model, {@code label(1)} */
    public String positive() {
        return labels.get(1);
    }

    /** @return whether every label is a number (cells are then matched by value: "1.0" is class "1") */
    public boolean numeric() {
        return Levels.numeric(labels);
    }

    /** @return the class index of a cell's label, or −1 when it is none of the classes */
    public int indexOf(String cell) {
        return labels.indexOf(Levels.canonical(cell, numeric()));
    }

    /**
     * The class index of each cell, as the estimators take y (0 … K−1).
     *
     * @param cells  the target's cells; not modified
     * @param column the column's name, for messages
     * @return a new array of class indices
     * @throws IllegalArgumentException for a label that is not one of these classes, naming the row (1-based)
     */
    public double[] encode(String[] cells, String column) {
        Objects.requireNonNull(cells, "cells");
        boolean numeric = numeric();
        Map<String, Integer> index = new HashMap<>();
        for (int c = 0; c < labels.size(); c++) {
            index.put(labels.get(c), c);
        }
        double[] y = new double[cells.length];
        for (int i = 0; i < cells.length; i++) {
            Integer c = index.get(Levels.canonical(cells[i], numeric));
            if (c == null) {
                throw new IllegalArgumentException(column + " has '" + cells[i] + "' at row " + (i + 1)
                        + " (1-based), a label the model was not trained on, expected one of " + shown(labels));
            }
            y[i] = c;
        }
        return y;
    }

    /**
     * The names of the probability columns {@code predict} writes: {@code prefix + label} for each class, in class
     * order. Labels are used as they are (any character); CSV output quotes a name that needs it.
     */
    public List<String> probabilityColumns(String prefix) {
        List<String> out = new ArrayList<>();
        for (String l : labels) {
            out.add(prefix + l);
        }
        return out;
    }

    private static String shown(List<String> l) {
        return l.size() <= 10 ? l.toString() : l.subList(0, 10).toString().replace("]", ", …]");
    }
}
