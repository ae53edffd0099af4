package dev.linea.models.ols;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * All 11 NIST StRD linear least-squares datasets, fitted with the default (AUTO) solver on every available backend;
 * the asserted LREs are the ones reached (docs/nist.md holds the table), not wishes.
 */
class NistStrdTest {

    /**
     * Minimum LRE asserted on every dataset and quantity (coefficients, their SDs, residual SD, R²): the lowest
     * reached is 13.2 (Wampler2's coefficients); the targets were 9 (hard) and 12 (easy).
     */
    static final double FLOOR = 13;

    static Stream<Arguments> cases() {
        List<Arguments> list = new ArrayList<>();
        for (Backend b : Backends.available()) {
            for (String name : NistDataset.NAMES) {
                list.add(Arguments.of(b.name(), name));
            }
        }
        list.add(Arguments.of("auto", "Filip"));
        list.add(Arguments.of("auto", "Wampler5"));
        return list.stream();
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("cases")
    void reachesCertifiedDigits(String backend, String name) {
        NistDataset d = NistDataset.load(NistStrdTest.class, "/nist/", name);
        NistCheck c = NistCheck.run(d, OlsOptions.defaults(), Backends.named(backend));
        assertThat(c.coefficients()).as("coefficients").isGreaterThanOrEqualTo(FLOOR);
        assertThat(c.stdErrors()).as("standard deviations").isGreaterThanOrEqualTo(FLOOR);
        assertThat(c.residualSd()).as("residual SD").isGreaterThanOrEqualTo(FLOOR);
        assertThat(c.rSquared()).as("R²").isGreaterThanOrEqualTo(FLOOR);
    }

    /** Every explicit solver that can run the dataset, on the scalar backend. */
    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("solverCases")
    void explicitSolvers(String name, OlsSolver solver, double floor) {
        NistDataset d = NistDataset.load(NistStrdTest.class, "/nist/", name);
        NistCheck c = NistCheck.run(d, OlsOptions.defaults().withSolver(solver), Backends.named("scalar"));
        assertThat(c.solver()).isEqualTo(solver.name());
        assertThat(c.min()).as(c.toString()).isGreaterThanOrEqualTo(floor);
    }

    static Stream<Arguments> solverCases() {
        List<Arguments> list = new ArrayList<>();
        for (String name : NistDataset.NAMES) {
            list.add(Arguments.of(name, OlsSolver.QR, FLOOR));
            list.add(Arguments.of(name, OlsSolver.PIVOTED_QR, FLOOR));
        }
        // The normal equations square κ: fine on the well-conditioned sets only (measured LREs: Norris 14,
        // Pontius 13.5, NoInt1/2 14.7); Longley (κ≈111 centred) reaches about 11.
        for (String name : List.of("Norris", "Pontius", "NoInt1", "NoInt2")) {
            list.add(Arguments.of(name, OlsSolver.NORMAL_EQUATIONS, FLOOR));
        }
        return list.stream();
    }

    /**
     * The limit of double storage: Filip's design rounded to plain doubles has an exact least-squares solution
     * only 7.7 digits from NIST's (checked in rational arithmetic); the refined QR gets that solution.
     */
    @Test
    void filipStoredInPlainDoublesIsLimitedByItsRounding() {
        NistDataset d = NistDataset.load(NistStrdTest.class, "/nist/", "Filip");
        NistDataset plain = d.roundedToDoubles();
        assertThat(plain.data().hasLowParts()).isFalse();
        NistCheck c = NistCheck.run(plain, OlsOptions.defaults(), Backends.named("scalar"));
        assertThat(c.coefficients()).isBetween(7.0, 8.5);
    }

    @Test
    void lreDefinition() {
        assertThat(NistDataset.lre(1.0, 1.0)).isEqualTo(15);
        assertThat(NistDataset.lre(1.001, 1.0)).isCloseTo(3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(NistDataset.lre(1e-9, 0)).isCloseTo(9, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(NistDataset.lre(5, 1)).isZero();
        assertThat(NistDataset.lre(Double.NaN, 1)).isNaN();
    }

    @Test
    void parsesHeaders() {
        NistDataset noint = NistDataset.load(NistStrdTest.class, "/nist/", "NoInt2");
        assertThat(noint.intercept()).isFalse();
        assertThat(noint.data().rows()).isEqualTo(3);
        assertThat(noint.certified()).containsExactly(0.727272727272727);
        NistDataset longley = NistDataset.load(NistStrdTest.class, "/nist/", "Longley");
        assertThat(longley.intercept()).isTrue();
        assertThat(longley.data().cols()).isEqualTo(6);
        assertThat(longley.certified()).hasSize(7);
        assertThat(longley.residualSd()).isEqualTo(304.854073561965);
        NistDataset filip = NistDataset.load(NistStrdTest.class, "/nist/", "Filip");
        assertThat(filip.data().cols()).isEqualTo(10);
        assertThat(filip.data().rows()).isEqualTo(82);
        assertThat(filip.data().featureNames()).startsWith("x", "x^2");
    }
}
