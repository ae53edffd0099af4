package dev.linea.cli;

import org.junit.jupiter.api.Test;

import static dev.linea.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code linea path}, {@code linea cv} and {@code fit --model lasso|elasticnet} on the embedded diabetes data. */
class PathCvCliTest {

    @Test
    void lassoPathMatchesGlmnet() {
        CliTest.Run r = run("path", "diabetes", "--backend", "vector");
        assertThat(r.code()).as(r.err()).isZero();
        // glmnet 4.1 on the same data (models' lasso goldens): λ_max 45.16003, then dev.ratio 0.0646 with 2 non-zero.
        assertThat(r.out()).contains("100 λ values", "45.1600", "0.0646");
        CliTest.Run j = run("path", "diabetes", "--model", "elasticnet", "--l1-ratio", "0.5", "--n-lambda", "20",
                "--json");
        assertThat(j.code()).as(j.err()).isZero();
        assertThat(j.out()).contains("\"deviance_ratio\"", "\"coefficients\"", "elasticnet");
    }

    @Test
    void pathJsonListsEachLambdasNonZerosOnly() throws java.io.IOException {
        CliTest.Run j = run("path", "diabetes", "--n-lambda", "20", "--json");
        assertThat(j.code()).as(j.err()).isZero();
        com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(j.out());
        assertThat(root.get("features").asInt()).isEqualTo(10);
        com.fasterxml.jackson.databind.JsonNode first = root.get("path").get(0).get("coefficients");
        assertThat(first.get("size").asInt()).isEqualTo(10);
        assertThat(first.get("indices").size()).isZero(); // λ_max: every coefficient is 0
        com.fasterxml.jackson.databind.JsonNode last = root.get("path").get(19);
        com.fasterxml.jackson.databind.JsonNode c = last.get("coefficients");
        assertThat(c.get("indices").size()).isEqualTo(last.get("nonzero").asInt()).isEqualTo(c.get("values").size())
                .isEqualTo(c.get("names").size()).isPositive();
        int previous = -1;
        for (int t = 0; t < c.get("indices").size(); t++) {
            assertThat(c.get("indices").get(t).asInt()).isGreaterThan(previous).isLessThan(10);
            previous = c.get("indices").get(t).asInt();
            assertThat(c.get("values").get(t).asDouble()).isNotZero();
        }
    }

    @Test
    void cvReportsBothChoicesAndFitUsesLambdaMin() {
        CliTest.Run r = run("cv", "diabetes", "--folds", "5", "--seed", "3");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("<- lambda.min", "<- lambda.1se", "5-fold");
        CliTest.Run f = run("fit", "diabetes", "--model", "lasso", "--folds", "5", "--seed", "3", "--json");
        assertThat(f.code()).as(f.err()).isZero();
        assertThat(f.out()).contains("lambda_chosen_by", "lambda_1se");
        CliTest.Run fixed = run("fit", "diabetes", "--model", "lasso", "--lambda", "100");
        assertThat(fixed.code()).as(fixed.err()).isZero();
        assertThat(fixed.out()).contains("nonzero: 0"); // above λ_max every coefficient is 0
        assertThat(run("fit", "diabetes", "--model", "lasso", "--l1-ratio", "0.5").err())
                .contains("--l1-ratio does not apply to --model lasso", "--model elasticnet");
    }
}
