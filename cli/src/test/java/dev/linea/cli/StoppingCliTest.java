package dev.linea.cli;

import static dev.linea.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** --tol and --max-iter of the coordinate-descent models, and the certificate in the text and JSON reports. */
class StoppingCliTest {

    @Test
    void lassoCertifiesItsDualityGapInTextAndJson() {
        CliTest.Run text = run("fit", "diabetes", "--model", "lasso", "--lambda", "0.785");
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).contains("certified: relative duality gap");
        CliTest.Run json = run("fit", "diabetes", "--model", "elasticnet", "--lambda", "0.785", "--tol", "1e-10",
                "--json");
        assertThat(json.code()).as(json.err()).isZero();
        assertThat(json.out()).contains("\"certificate\" : {", "\"kind\" : \"relative duality gap\"",
                "\"tolerance\" : 1.0E-10", "\"met\" : true", "\"distance_bound\" : ");
    }

    @Test
    void logisticTakesTolAndMaxIterAndCertifiesItsGradient() {
        CliTest.Run r = run("fit", "breast_cancer", "--model", "logistic", "--standardize", "--tol", "1e-10",
                "--max-iter", "500", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"kind\" : \"scaled gradient norm\"", "\"tolerance\" : 1.0E-10");
        CliTest.Run few = run("fit", "breast_cancer", "--model", "logistic", "--standardize", "--max-iter", "2");
        assertThat(few.code()).as(few.out() + few.err()).isEqualTo(1);
    }

    @Test
    void tooFewPassesExitOneWithTheGapReached() {
        CliTest.Run r = run("fit", "diabetes", "--model", "lasso", "--lambda", "0.01", "--max-iter", "1");
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out() + r.err()).contains("within maxPasses = 1", "relative gap");
    }

    @Test
    void badToleranceIsMisuseNamingTheValue() {
        CliTest.Run r = run("fit", "diabetes", "--model", "lasso", "--lambda", "0.1", "--tol", "0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("threshold (--tol) is 0.0", "expected a finite value > 0");
        CliTest.Run m = run("path", "diabetes", "--max-iter", "0");
        assertThat(m.code()).isEqualTo(2);
        assertThat(m.err()).contains("maxPasses (--max-iter) is 0");
        CliTest.Run logistic = run("fit", "breast_cancer", "--model", "logistic", "--standardize", "--tol", "-1");
        assertThat(logistic.code()).isEqualTo(2);
        assertThat(logistic.err()).contains("tol is -1.0");
        CliTest.Run ols = run("fit", "diabetes", "--model", "ols", "--tol", "1e-9");
        assertThat(ols.code()).isEqualTo(2);
        assertThat(ols.err()).contains("--tol");
    }
}
