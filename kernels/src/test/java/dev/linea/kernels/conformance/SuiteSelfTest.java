package dev.linea.kernels.conformance;

import dev.linea.kernels.conformance.MutantBackend.Defect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests the conformance suite itself: each check, run on a {@link MutantBackend} with one typical SIMD-rewrite
 * defect, must fail and say which backend and kernel, and where; a legitimate reordering of a sum must pass.
 */
class SuiteSelfTest {

    private static void caught(Defect d, String kernel, String detail, Check check) {
        MutantBackend b = new MutantBackend(d);
        assertThatThrownBy(() -> check.run(b)).as("the suite must catch %s", d)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("backend=mutant " + kernel)
                .hasMessageContaining(detail);
    }

    interface Check {
        void run(MutantBackend b) throws Exception;
    }

    @Test
    void aReorderedSumIsNotABug() {
        MutantBackend b = new MutantBackend(Defect.NONE_DOT_REORDERED);
        Executable dot = () -> new Level1ConformanceTest().dot(b);
        assertThatCode(dot::execute).doesNotThrowAnyException();
        assertThatCode(() -> new DeterminismConformanceTest().repeatedCallsAreBitIdentical(b))
                .doesNotThrowAnyException();
    }

    @Test
    void aDroppedElementIsCaughtWithTheWorstElement() {
        caught(Defect.DOT_DROPS_LAST_ELEMENT, "dot", "worst result = ", b -> new Level1ConformanceTest().dot(b));
    }

    @Test
    void aWriteOutsideTheOutputIsCaught() {
        caught(Defect.GEMV_WRITES_PAST_Y, "gemv", "outside its", b -> new GemvConformanceTest().gemv(b));
    }

    @Test
    void readingTheOutputWhenBetaIsZeroIsCaught() {
        caught(Defect.GEMV_READS_Y_WHEN_BETA_IS_ZERO, "gemv", "beta=0.0", b -> new GemvConformanceTest().gemv(b));
    }

    @Test
    void ignoringTheLeadingDimensionIsCaught() {
        caught(Defect.GEMM_ASSUMES_TIGHT_LDB, "gemm", "ldb=", b -> new GemmConformanceTest().gemm(b));
    }

    @Test
    void ignoringWeightsIsCaught() {
        caught(Defect.GRAM_IGNORES_WEIGHTS, "gram", "weights=true", b -> new GramConformanceTest().gram(b));
    }

    @Test
    void writingCholeskysUpperTriangleIsCaught() {
        caught(Defect.CHOLESKY_WRITES_UPPER_TRIANGLE, "cholesky", "strict upper triangle",
                b -> new CholeskyConformanceTest().cholesky(b));
    }

    @Test
    void aWrongInfoIsCaught() {
        caught(Defect.CHOLESKY_INFO_ZERO_BASED, "cholesky", "expected",
                b -> new NumericalFailureConformanceTest().choleskyReportsTheFirstLeadingMinorThatIsNotPositiveDefinite(b));
    }

    @Test
    void readingAUnitDiagonalIsCaught() {
        caught(Defect.TRIANGULAR_SOLVE_READS_UNIT_DIAGONAL, "triangularSolve", "diag=UNIT",
                b -> new TriangularSolveConformanceTest().triangularSolve(b));
    }

    @Test
    void aWrongTransposeIsCaught() {
        caught(Defect.QR_MULTIPLY_Q_IGNORES_TRANS, "qrMultiplyQ", "trans=NONE",
                b -> new QrConformanceTest().qrMultiplyQ(b));
    }

    @Test
    void aMissingInterceptIsCaught() {
        caught(Defect.GRADIENT_IGNORES_INTERCEPT, "leastSquaresGradient", "intercept=true",
                b -> new FusedGradientConformanceTest().leastSquaresGradient(b));
    }

    @Test
    void anOverflowingLogisticLossIsCaught() {
        caught(Defect.LOGISTIC_LOSS_OVERFLOWS, "logisticGradient", "returned loss = Infinity",
                b -> new FusedGradientConformanceTest().logisticGradientWithLargeMargins(b));
    }

    @Test
    void aNonDeterministicKernelIsCaught() {
        caught(Defect.DOT_NOT_DETERMINISTIC, "dot", "not bit-identical",
                b -> new DeterminismConformanceTest().repeatedCallsAreBitIdentical(b));
    }
}
