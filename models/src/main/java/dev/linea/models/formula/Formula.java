package dev.linea.models.formula;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A model formula as statsmodels (patsy) and R write it: {@code y ~ x1 + C(region) + x2:x3 + I(x1^2) - 1}.
 * {@link #parse} reads it into a response and a list of terms; {@link DesignPlan#compile} turns it into the design
 * step that makes the features from a table's columns (and that a model file stores and a scorer replays).
 *
 * <h2>Accepted grammar</h2>
 * <pre>
 * formula     := response '~' terms
 * response    := name
 * terms       := ['-'] product { ('+' | '-') product }      '+' adds terms, '-' removes them
 * product     := interaction { '*' interaction }            a*b = a + b + a:b (a*b*c: every combination)
 * interaction := factor { ':' factor }                      a:b: the product of the factors' columns
 * factor      := name                                       a column (numeric, or categorical if text)
 *              | 'C(' name [',' 'Treatment(' level ')'] ')' a categorical column [with its reference level]
 *              | 'I(' expr ')'                              arithmetic on numeric columns
 *              | ('log' | 'exp' | 'sqrt') '(' expr ')'      the same, without I()
 *              | '1' | '0'                                  the intercept: '+ 1' keeps it, '- 1' or '+ 0' drops it
 * expr        := sum:  term {('+'|'-') term};  term := unary {('*'|'/') unary};  unary := ('-'|'+') unary | power;
 *                power := primary [('^' | '**') unary]  (right-associative, above unary minus: -x^2 = -(x^2));
 *                primary := number | name | ('log'|'exp'|'sqrt') '(' expr ')' | '(' expr ')'
 * name        := [A-Za-z_.][A-Za-z0-9_.]*  |  '`' any characters but '`' '`'   (R's backquotes, patsy's Q())
 * level       := 'text' | "text" | number | name ,  optionally as reference='…'
 * number      := digits [. digits] [(e|E) [+|-] digits]
 * </pre>
 * Spaces are free between tokens. Inside {@code I(…)} {@code ^} and {@code **} are both powers (not Python's
 * exclusive or), {@code log} is the natural logarithm. Not accepted (a clear error with a caret under the
 * character): parentheses grouping terms ({@code (a + b):c}), {@code a^2} or {@code %in%} or {@code /} between
 * terms, other contrasts than {@code Treatment}, other functions, a number other than 0 or 1 as a term, a term
 * that only removes when nothing was added, an empty formula side.
 *
 * <p>Terms are kept in the order written, then stably ordered by degree (the number of factors), as R and patsy
 * do; a term given twice ({@code a:b} and {@code b:a} are the same term) counts once. The intercept is on unless
 * removed. A term's name joins its factors' names with {@code :}.
 */
public final class Formula {
    /** A term: its factors, in the order written; equal terms have the same set of factors. */
    public record Term(List<Factor> factors) {
        public Term {
            factors = List.copyOf(factors);
        }

        /** @return the factors' names joined by ':' */
        public String name() {
            StringBuilder b = new StringBuilder();
            for (Factor f : factors) {
                b.append(b.isEmpty() ? "" : ":").append(f.name());
            }
            return b.toString();
        }

        /** Same set of factors, whatever the order. */
        boolean sameAs(Term o) {
            return Set.copyOf(factors).equals(Set.copyOf(o.factors));
        }

        @Override
        public String toString() {
            return name();
        }
    }

    private final String text;
    private final String response;
    private final List<Term> terms;
    private final boolean intercept;

    private Formula(String text, String response, List<Term> terms, boolean intercept) {
        this.text = text;
        this.response = response;
        this.terms = List.copyOf(terms);
        this.intercept = intercept;
    }

    /**
     * Parses a formula in the grammar of this class.
     *
     * @throws FormulaException for anything else, pointing at the character
     */
    public static Formula parse(String text) {
        Objects.requireNonNull(text, "formula");
        return new Parser(text).formula();
    }

    /** @return the formula as given */
    public String text() {
        return text;
    }

    /** @return the response (target) column */
    public String response() {
        return response;
    }

    /** @return the terms after additions and removals, ordered by degree; the intercept is not among them */
    public List<Term> terms() {
        return terms;
    }

    /** @return whether the model has an intercept */
    public boolean intercept() {
        return intercept;
    }

    /** @return the columns the terms read, in order of first appearance (the response excluded) */
    public List<String> columns() {
        Set<String> out = new LinkedHashSet<>();
        for (Term t : terms) {
            for (Factor f : t.factors()) {
                out.addAll(f.columns());
            }
        }
        return new ArrayList<>(out);
    }

    /** @return the term names, e.g. {@code [x1, C(region), x2:x3]} */
    public List<String> termNames() {
        List<String> out = new ArrayList<>();
        terms.forEach(t -> out.add(t.name()));
        return out;
    }

    @Override
    public String toString() {
        return text;
    }

    /** A name as a formula writes it: bare when it is an identifier, else in backquotes. */
    static String quoteName(String name) {
        return name.matches("[A-Za-z_.][A-Za-z0-9_.]*") ? name : "`" + name + "`";
    }

    /** Recursive descent over the text, one token of look-ahead. */
    private static final class Parser {
        private static final Set<String> FUNCTIONS = Set.of("log", "exp", "sqrt");
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        private FormulaException error(String reason, int at) {
            return new FormulaException(reason, s, at);
        }

        private void skip() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        private boolean at(String token) {
            skip();
            return s.startsWith(token, pos);
        }

        private char peek() {
            skip();
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        private void expect(char c, String what) {
            if (peek() != c) {
                throw error(found() + ", expected " + what, pos);
            }
            pos++;
        }

        private String found() {
            skip();
            return pos >= s.length() ? "the formula ends" : "found '" + s.charAt(pos) + "'";
        }

        Formula formula() {
            if (peek() == '~' || pos >= s.length()) {
                throw error(found() + ", expected the response column's name before '~' (y ~ x1 + x2)", pos);
            }
            String response = name("the response column's name");
            if (peek() != '~') {
                throw error(found() + ", expected '~' after the response (y ~ x1 + x2)", pos);
            }
            pos++;
            List<Term> terms = new ArrayList<>();
            boolean intercept = true;
            boolean first = true;
            while (true) {
                skip();
                int start = pos;
                boolean remove = false;
                if (peek() == '-') {
                    remove = true;
                    pos++;
                } else if (peek() == '+') {
                    if (first) {
                        throw error("found '+' before the first term, expected a term", pos);
                    }
                    pos++;
                } else if (!first) {
                    throw error(found() + ", expected '+', '-', '*' or ':' between terms", pos);
                }
                first = false;
                skip();
                if (pos >= s.length()) {
                    throw error("the formula ends, expected a term" + (remove || start < pos ? " after '"
                            + s.charAt(start) + "'" : " after '~'"), pos);
                }
                int termAt = pos;
                Integer constant = constant();
                if (constant != null) {
                    intercept = remove ? constant == 0 : constant == 1;
                } else {
                    List<Term> product = product();
                    if (remove) {
                        boolean any = false;
                        for (Term t : product) {
                            any |= terms.removeIf(t::sameAs);
                        }
                        if (!any) {
                            throw error("'-' removes " + product + ", which is not among the terms " + terms
                                    + ", expected a term added before", termAt);
                        }
                    } else {
                        for (Term t : product) {
                            if (terms.stream().noneMatch(t::sameAs)) {
                                terms.add(t);
                            }
                        }
                    }
                }
                skip();
                if (pos >= s.length()) {
                    break;
                }
            }
            List<Term> ordered = new ArrayList<>(terms);
            ordered.sort(java.util.Comparator.comparingInt(t -> t.factors().size()));
            return new Formula(s, response, ordered, intercept);
        }

        /** '0' or '1' standing alone as a term; any other number is an error. */
        private Integer constant() {
            skip();
            int start = pos;
            if (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
                    pos++;
                }
                String num = s.substring(start, pos);
                if (!num.equals("0") && !num.equals("1")) {
                    throw error("found the number " + num + " as a term, expected a column, C(…), I(…), or 0 or 1 "
                            + "(the intercept)", start);
                }
                char next = peek();
                if (next == ':' || next == '*') {
                    throw error("found '" + next + "' after the intercept " + num + ", expected '+' or '-'", pos);
                }
                return Integer.parseInt(num);
            }
            return null;
        }

        private List<Term> product() {
            List<List<Factor>> parts = new ArrayList<>();
            parts.add(interaction());
            while (peek() == '*') {
                pos++;
                parts.add(interaction());
            }
            // every non-empty combination of the parts, in order of size then of writing (a, b, a:b)
            List<Term> out = new ArrayList<>();
            int n = parts.size();
            for (int size = 1; size <= n; size++) {
                for (int mask = 1; mask < 1 << n; mask++) {
                    if (Integer.bitCount(mask) != size) {
                        continue;
                    }
                    List<Factor> f = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        if ((mask & 1 << i) != 0) {
                            for (Factor x : parts.get(i)) {
                                if (!f.contains(x)) {
                                    f.add(x);
                                }
                            }
                        }
                    }
                    Term t = new Term(f);
                    if (out.stream().noneMatch(t::sameAs)) {
                        out.add(t);
                    }
                }
            }
            return out;
        }

        private List<Factor> interaction() {
            List<Factor> f = new ArrayList<>();
            f.add(factor());
            while (peek() == ':') {
                pos++;
                Factor next = factor();
                if (!f.contains(next)) {
                    f.add(next);
                }
            }
            return f;
        }

        private Factor factor() {
            skip();
            int start = pos;
            char c = peek();
            if (c == '(') {
                throw error("found '(': parentheses group terms only inside I(…), expected a column, C(…) or I(…)",
                        pos);
            }
            if (Character.isDigit(c)) {
                throw error("found a number where a factor belongs, expected a column, C(…) or I(…) (the "
                        + "intercept 0 or 1 stands alone)", pos);
            }
            if (c != '`' && !(Character.isLetter(c) || c == '_' || c == '.')) {
                throw error(found() + ", expected a term (a column, C(…), I(…))", pos);
            }
            boolean quoted = c == '`';
            String name = name("a column");
            if (!quoted && peek() == '(') {
                int open = pos;
                pos++;
                switch (name) {
                    case "C" -> {
                        return categorical();
                    }
                    case "I" -> {
                        Expr e = sum();
                        expect(')', "')' closing I(");
                        return new Factor.Expression(e, false);
                    }
                    default -> {
                        if (FUNCTIONS.contains(name)) {
                            Expr e = sum();
                            expect(')', "')' closing " + name + "(");
                            return new Factor.Expression(new Expr.Fn(name, e), true);
                        }
                        throw error("unknown function '" + name + "', expected C(…), I(…), log, exp or sqrt", start);
                    }
                }
            }
            return new Factor.Column(name);
        }

        private Factor categorical() {
            skip();
            String col = name("a column inside C(…)");
            String ref = null;
            if (peek() == ',') {
                pos++;
                skip();
                int at = pos;
                String contrast = peek() == '`' ? null : name("a contrast: Treatment('level')");
                if (!"Treatment".equals(contrast)) {
                    throw error("contrast '" + contrast + "' is not supported, expected Treatment('level') "
                            + "(treatment coding with that reference level)", at);
                }
                expect('(', "'(' after Treatment");
                skip();
                if (s.startsWith("reference", pos) && s.substring(pos + 9).stripLeading().startsWith("=")) {
                    pos += 9;
                    expect('=', "'='");
                }
                ref = level();
                expect(')', "')' closing Treatment(");
            }
            expect(')', "')' closing C(");
            return new Factor.Categorical(col, ref);
        }

        private String level() {
            skip();
            char c = peek();
            if (c == '\'' || c == '"') {
                int start = pos;
                int end = s.indexOf(c, pos + 1);
                if (end < 0) {
                    throw error("an unclosed quote, expected the level to end with " + c, start);
                }
                pos = end + 1;
                return s.substring(start + 1, end);
            }
            int start = pos;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || "._+-".indexOf(s.charAt(pos))
                    >= 0)) {
                pos++;
            }
            if (pos == start) {
                throw error(found() + ", expected a level ('text' or a number)", pos);
            }
            return s.substring(start, pos);
        }

        /** An identifier or a backquoted name. */
        private String name(String what) {
            skip();
            int start = pos;
            if (pos < s.length() && s.charAt(pos) == '`') {
                int end = s.indexOf('`', pos + 1);
                if (end < 0) {
                    throw error("an unclosed backquote, expected the name to end with `", start);
                }
                if (end == pos + 1) {
                    throw error("an empty name ``, expected a column name between the backquotes", start);
                }
                pos = end + 1;
                return s.substring(start + 1, end);
            }
            if (pos < s.length() && (Character.isLetter(s.charAt(pos)) || s.charAt(pos) == '_'
                    || s.charAt(pos) == '.')) {
                while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_'
                        || s.charAt(pos) == '.')) {
                    pos++;
                }
                return s.substring(start, pos);
            }
            throw error(found() + ", expected " + what + " (letters, digits, _ and . or a name in `backquotes`)",
                    pos);
        }

        // I(…) arithmetic

        private Expr sum() {
            Expr e = product2();
            while (true) {
                char c = peek();
                if (c == '+' || c == '-') {
                    pos++;
                    e = new Expr.Bin(c, e, product2());
                } else {
                    return e;
                }
            }
        }

        private Expr product2() {
            Expr e = unary();
            while (true) {
                char c = peek();
                if (c == '*' && !at("**") || c == '/') {
                    pos++;
                    e = new Expr.Bin(c, e, unary());
                } else {
                    return e;
                }
            }
        }

        private Expr unary() {
            char c = peek();
            if (c == '-') {
                pos++;
                return new Expr.Neg(unary());
            }
            if (c == '+') {
                pos++;
                return unary();
            }
            return power();
        }

        private Expr power() {
            Expr base = primary();
            if (at("**")) {
                pos += 2;
                return new Expr.Bin('^', base, unary());
            }
            if (peek() == '^') {
                pos++;
                return new Expr.Bin('^', base, unary());
            }
            return base;
        }

        private Expr primary() {
            char c = peek();
            int start = pos;
            if (c == '(') {
                pos++;
                Expr e = sum();
                expect(')', "')'");
                return e;
            }
            if (Character.isDigit(c) || c == '.' && pos + 1 < s.length() && Character.isDigit(s.charAt(pos + 1))) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?")
                        .matcher(s).region(pos, s.length());
                m.lookingAt();
                pos = m.end();
                return new Expr.Num(Double.parseDouble(m.group()), m.group());
            }
            if (c == '`' || Character.isLetter(c) || c == '_' || c == '.') {
                boolean quoted = c == '`';
                String name = name("a column or a number");
                if (!quoted && peek() == '(') {
                    if (!FUNCTIONS.contains(name)) {
                        throw error("unknown function '" + name + "', expected log, exp or sqrt", start);
                    }
                    pos++;
                    Expr e = sum();
                    expect(')', "')' closing " + name + "(");
                    return new Expr.Fn(name, e);
                }
                return new Expr.Col(name, -1);
            }
            throw error(found() + ", expected a number, a column, a function or '(' in I(…) arithmetic", pos);
        }
    }
}
