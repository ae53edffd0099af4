package dev.linea.models.formula;

/**
 * A formula that is not in the accepted grammar (see {@link Formula}): the message says what was found and what
 * was expected, then echoes the formula with a caret under the offending character.
 */
public final class FormulaException extends IllegalArgumentException {
    private final int position;
    private final String reason;

    FormulaException(String reason, String formula, int position) {
        super(reason + "\n  " + formula + "\n  " + " ".repeat(Math.max(0, position)) + "^");
        this.position = position;
        this.reason = reason;
    }

    /** @return the 0-based index of the offending character in the formula (its length: at the end) */
    public int position() {
        return position;
    }

    /** @return the message without the echoed formula and caret */
    public String reason() {
        return reason;
    }
}
