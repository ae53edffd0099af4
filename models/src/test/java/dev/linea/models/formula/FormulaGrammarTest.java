package dev.linea.models.formula;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The formula grammar on a table: valid formulas and their term lists, invalid ones and where the caret points. */
class FormulaGrammarTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            y ~ x1                                   | true  | x1
            y ~ x1 + x2                              | true  | x1;x2
            y~x1+x2                                  | true  | x1;x2
            y ~ x1 + x2 - 1                          | false | x1;x2
            y ~ 0 + x1                               | false | x1
            y ~ -1 + x1                              | false | x1
            y ~ x1 - 1 + 1                           | true  | x1
            y ~ x1 + 0                               | false | x1
            y ~ x2:x3                                | true  | x2:x3
            y ~ x2:x3 + x3:x2                        | true  | x2:x3
            y ~ a*b                                  | true  | a;b;a:b
            y ~ a*b*c                                | true  | a;b;c;a:b;a:c;b:c;a:b:c
            y ~ a*b - a:b                            | true  | a;b
            y ~ a:b + a                              | true  | a;a:b
            y ~ x1 + x1                              | true  | x1
            y ~ C(region)                            | true  | C(region)
            y ~ C(region, Treatment('north'))        | true  | C(region, Treatment('north'))
            y ~ C(region, Treatment(reference="n"))  | true  | C(region, Treatment('n'))
            y ~ C(region):x2                         | true  | C(region):x2
            y ~ I(x1^2)                              | true  | I(x1 ^ 2)
            y ~ I(x1**2)                             | true  | I(x1 ^ 2)
            y ~ I(x1 + 2*x2)                         | true  | I(x1 + (2 * x2))
            y ~ I(-x1^2)                             | true  | I(-(x1 ^ 2))
            y ~ I((x1 + 1) / x2)                     | true  | I((x1 + 1) / x2)
            y ~ log(x1) + sqrt(x2) + exp(x3)         | true  | log(x1);sqrt(x2);exp(x3)
            y ~ I(log(x1 + 1))                       | true  | I(log(x1 + 1))
            y ~ `my col` + `a-b`:x                   | true  | `my col`;`a-b`:x
            `the y` ~ x.1 + _z                       | true  | x.1;_z
            y ~ x1 + C(region) + x2:x3 + I(x1^2) - 1 | false | x1;C(region);I(x1 ^ 2);x2:x3
            """)
    void validFormulasGiveTheirTerms(String text, boolean intercept, String terms) {
        Formula f = Formula.parse(text);
        assertThat(f.intercept()).isEqualTo(intercept);
        assertThat(f.termNames()).isEqualTo(Arrays.asList(terms.split(";")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ~ x1                          | 0  | expected the response
            y x1                          | 2  | expected '~'
            y ~                           | 3  | expected a term after '~'
            y ~ x1 +                      | 8  | expected a term after '+'
            y ~ x1 + + x2                 | 9  | found '+', expected a term
            y ~ x1 x2                     | 7  | expected '+', '-', '*' or ':' between terms
            y ~ x1 + 2                    | 9  | found the number 2 as a term
            y ~ (a + b):c                 | 4  | parentheses group terms only inside I(…)
            y ~ f(x)                      | 4  | unknown function 'f'
            y ~ I(x1 ^ )                  | 11 | expected a number, a column, a function or '(' in I(…)
            y ~ I(x1                      | 8  | expected ')' closing I(
            y ~ I(x1 % 2)                 | 9  | expected ')' closing I(
            y ~ I(foo(x1))                | 6  | unknown function 'foo', expected log, exp or sqrt
            y ~ C(r, Sum)                 | 9  | contrast 'Sum' is not supported
            y ~ C(r, Treatment('a')       | 23 | expected ')' closing C(
            y ~ `my col + x               | 4  | an unclosed backquote
            y ~ x1 - x2                   | 9  | which is not among the terms
            y ~ x1 + +                    | 9  | found '+', expected a term
            y ~ 1:x                       | 5  | found ':' after the intercept 1
            y ~ x1 $ x2                   | 7  | found '$', expected '+', '-', '*' or ':' between terms
            """)
    void invalidFormulasPointAtTheCharacter(String text, int caret, String reason) {
        FormulaException e = catchThrowableOfType(FormulaException.class, () -> Formula.parse(text));
        assertThat(e).as(text).isNotNull();
        assertThat(e.reason()).contains(reason);
        assertThat(e.position()).as(e.getMessage()).isEqualTo(caret);
        // the message echoes the formula with the caret under that character
        List<String> lines = e.getMessage().lines().toList();
        assertThat(lines.get(1)).isEqualTo("  " + text);
        assertThat(lines.get(2)).isEqualTo("  " + " ".repeat(caret) + "^");
    }
}
