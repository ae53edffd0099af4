package dev.linea.models.formula;

import java.util.List;

/**
 * An arithmetic expression of {@code I(…)} (or a bare {@code log(x)}, {@code exp(x)}, {@code sqrt(x)}) over numeric
 * columns, evaluated row by row without allocating. Built by {@link Formula#parse}; {@link #bind} resolves its
 * column names to positions in a row.
 */
sealed interface Expr {

    /** @return the value on a row whose inputs start at {@code off} */
    double eval(double[] x, int off);

    /** The same on a float row, each value widened exactly. */
    double eval(float[] x, int off);

    /** @return the expression with each column replaced by its index in {@code inputs} */
    Expr bind(List<String> inputs);

    /** @return the expression written canonically: binary operators spaced, powers as {@code ^} */
    String text();

    /** Adds the columns it reads, in order of appearance. */
    void columns(List<String> out);

    record Num(double value, String written) implements Expr {
        public double eval(double[] x, int off) {
            return value;
        }

        public double eval(float[] x, int off) {
            return value;
        }

        public Expr bind(List<String> inputs) {
            return this;
        }

        public String text() {
            return written;
        }

        public void columns(List<String> out) {
        }
    }

    /** A column, by name until bound, then by index. */
    record Col(String name, int index) implements Expr {
        public double eval(double[] x, int off) {
            return x[off + index];
        }

        public double eval(float[] x, int off) {
            return x[off + index];
        }

        public Expr bind(List<String> inputs) {
            return new Col(name, inputs.indexOf(name));
        }

        public String text() {
            return Formula.quoteName(name);
        }

        public void columns(List<String> out) {
            if (!out.contains(name)) {
                out.add(name);
            }
        }
    }

    record Neg(Expr e) implements Expr {
        public double eval(double[] x, int off) {
            return -e.eval(x, off);
        }

        public double eval(float[] x, int off) {
            return -e.eval(x, off);
        }

        public Expr bind(List<String> inputs) {
            return new Neg(e.bind(inputs));
        }

        public String text() {
            return "-" + e.text();
        }

        public void columns(List<String> out) {
            e.columns(out);
        }
    }

    /** A binary operation: one of + − * / ^. */
    record Bin(char op, Expr a, Expr b) implements Expr {
        public double eval(double[] x, int off) {
            return apply(op, a.eval(x, off), b.eval(x, off));
        }

        public double eval(float[] x, int off) {
            return apply(op, a.eval(x, off), b.eval(x, off));
        }

        public Expr bind(List<String> inputs) {
            return new Bin(op, a.bind(inputs), b.bind(inputs));
        }

        public String text() {
            return "(" + a.text() + " " + op + " " + b.text() + ")";
        }

        public void columns(List<String> out) {
            a.columns(out);
            b.columns(out);
        }

        static double apply(char op, double u, double v) {
            return switch (op) {
                case '+' -> u + v;
                case '-' -> u - v;
                case '*' -> u * v;
                case '/' -> u / v;
                default -> v == 2 ? u * u : Math.pow(u, v); // u² exactly as the product
            };
        }
    }

    /** One of the functions log (natural), exp, sqrt. */
    record Fn(String name, Expr arg) implements Expr {
        public double eval(double[] x, int off) {
            return apply(arg.eval(x, off));
        }

        public double eval(float[] x, int off) {
            return apply(arg.eval(x, off));
        }

        private double apply(double v) {
            return switch (name) {
                case "log" -> Math.log(v);
                case "exp" -> Math.exp(v);
                default -> Math.sqrt(v);
            };
        }

        public Expr bind(List<String> inputs) {
            return new Fn(name, arg.bind(inputs));
        }

        public String text() {
            String t = arg.text();
            return name + (t.startsWith("(") && t.endsWith(")") ? t : "(" + t + ")");
        }

        public void columns(List<String> out) {
            arg.columns(out);
        }
    }
}
