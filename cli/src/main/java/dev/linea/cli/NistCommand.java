package dev.linea.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.models.FitException;
import dev.linea.models.ols.NistCheck;
import dev.linea.models.ols.NistDataset;
import dev.linea.models.ols.OlsOptions;
import dev.linea.models.ols.OlsSolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code linea nist}: fits the 11 NIST StRD linear least-squares datasets (embedded, NIST's files byte for byte)
 * and prints the log relative error (correct significant digits, capped at 15) of the coefficients, their standard
 * deviations, the residual standard deviation and R², per dataset and solver.
 */
@Command(name = "nist", mixinStandardHelpOptions = true,
        description = {"Fit the 11 NIST StRD linear least-squares datasets and print the log relative error "
                + "(LRE, correct digits, capped at 15) against the certified values.",
                "B = min over coefficients, SD = min over their standard deviations, s = residual SD, R2 = R-squared."})
public final class NistCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Option(names = "--backend", paramLabel = "NAME",
            description = "Backend: scalar, vector, native or auto (default: the default backend).")
    String backend;

    @Option(names = "--solver", paramLabel = "S",
            description = "AUTO, NORMAL_EQUATIONS, QR or PIVOTED_QR (default: all four).")
    OlsSolver solver;

    @Option(names = "--refinement-steps", paramLabel = "N",
            description = "Maximum iterative-refinement steps (default ${DEFAULT-VALUE}; 0 = textbook solvers).")
    int refinementSteps = OlsOptions.DEFAULT_REFINEMENT_STEPS;

    @Option(names = "--plain-doubles", description = "Round the designs to plain doubles (as a CSV would) instead of"
            + " keeping NIST's decimals in double-double.")
    boolean plainDoubles;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        Backend b = backend == null ? Backends.defaultBackend() : Backends.named(backend);
        List<OlsSolver> solvers = solver == null ? List.of(OlsSolver.values()) : List.of(solver);
        List<Map<String, Object>> rows = new ArrayList<>();
        if (!json) {
            out.printf("%-9s %-17s %-17s %6s %6s %6s %6s%n", "dataset", "solver", "used", "B", "SD", "s", "R2");
        }
        for (OlsSolver s : solvers) {
            for (String name : NistDataset.NAMES) {
                NistDataset d = NistDataset.load(NistCommand.class, "/nist/", name);
                if (plainDoubles) {
                    d = d.roundedToDoubles();
                }
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("dataset", name);
                row.put("solver", s.name());
                row.put("backend", b.name());
                try {
                    NistCheck c = NistCheck.run(d,
                            OlsOptions.defaults().withSolver(s).withRefinementSteps(refinementSteps), b);
                    row.put("used", c.solver());
                    row.put("lre_coefficients", round(c.coefficients()));
                    row.put("lre_std_errors", round(c.stdErrors()));
                    row.put("lre_residual_sd", round(c.residualSd()));
                    row.put("lre_r_squared", round(c.rSquared()));
                    if (!json) {
                        out.printf(Locale.ROOT, "%-9s %-17s %-17s %6.1f %6.1f %6.1f %6.1f%n", name, s, c.solver(),
                                c.coefficients(), c.stdErrors(), c.residualSd(), c.rSquared());
                    }
                } catch (FitException e) {
                    row.put("failed", e.getMessage());
                    if (!json) {
                        out.printf("%-9s %-17s failed: %s%n", name, s, e.getMessage());
                    }
                }
                rows.add(row);
            }
        }
        if (json) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("backend", b.name());
            root.put("lre_cap", NistDataset.CERTIFIED_DIGITS);
            root.put("refinement_steps", refinementSteps);
            root.put("plain_doubles", plainDoubles);
            root.put("results", rows);
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root));
        } else {
            out.println();
            out.println("backend: " + b.name() + ", refinement steps: " + refinementSteps
                    + (plainDoubles ? ", designs rounded to plain doubles" : ", designs in double-double") + "; LRE = -log10(|est - cert| / |cert|) (absolute error when cert = 0),"
                    + " capped at 15");
        }
        return 0;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
