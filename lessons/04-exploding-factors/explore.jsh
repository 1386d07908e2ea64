///usr/bin/env jbang "$0" "$@" ; exit $?
//SOURCES ../notebook/Notebook.jsh
//DEPS org.apache.commons:commons-math3:3.6.1
//RUNTIME_OPTIONS -XX:TieredStopAtLevel=1
// Lesson 04 experiment: how ‖Wⁿv‖ grows or shrinks with n for a contracting, an expanding and a
// non-normal matrix; where products overflow; where a sigmoid layer amplifies; and what clipping does.
// From the kata's root: ./jbang lessons/04-exploding-factors/explore.jsh [--reference]

Notebook.use("04-exploding-factors", args);   // compiles your classes (with --reference, the reference ones)
import gradientkata.exploding.Clipping;
import gradientkata.exploding.Growth;
import gradientkata.exploding.MatrixPowers;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.jfree.data.xy.XYSeries;

// The inputs and the chart's lines, declared here so that they stay in an interactive session.
String[] names = {"contracting", "expanding", "non-normal"};
RealMatrix[] matrices = {
    MatrixUtils.createRealMatrix(new double[][] {{0.5, 0.2}, {0.2, 0.5}}),
    MatrixUtils.createRealMatrix(new double[][] {{1.0, 0.2}, {0.2, 1.0}}),
    MatrixUtils.createRealMatrix(new double[][] {{0.9, 5.0}, {0.0, 0.9}})};
RealVector v = new ArrayRealVector(new double[] {0.0, 1.0});
int steps = 100;
double[][] norms = new double[matrices.length][];   // ‖Wⁿv‖ for n = 0 … steps, one row per matrix
RealVector g = new ArrayRealVector(new double[] {10.0, 0.1});
RealVector huge = new ArrayRealVector(new double[] {1e200, 1e200});
List<XYSeries> lines = new ArrayList<>();

int status = 1;                               // stays 1 unless the experiment runs to its end
try {
    for (int m = 0; m < matrices.length; m++) norms[m] = MatrixPowers.powerNorms(matrices[m], v, steps);

    System.out.println("‖Wⁿv‖ for v = [0, 1]: a recurrent net multiplies the gradient by W once per time step.");
    System.out.printf("%-12s", "");
    for (String name : names) System.out.printf("%14s", name);
    System.out.println();
    System.out.printf("%-12s", "ρ(W)");
    for (RealMatrix w : matrices) System.out.printf("%14.4f", MatrixPowers.spectralRadius(w));
    System.out.println();
    System.out.printf("%-12s", "σ₁(W)");
    for (RealMatrix w : matrices) System.out.printf("%14.4f", MatrixPowers.largestSingularValue(w));
    System.out.println();
    for (int n : new int[] {0, 1, 2, 3, 5, 9, 15, 20, 30, 40, 50, 55, 60, 80, 100}) {
        System.out.printf("n = %-8d", n);
        for (double[] row : norms) System.out.printf("%14.4e", row[n]);
        System.out.println();
    }
    System.out.println("The non-normal matrix has ρ = 0.9 < 1, yet it first amplifies the vector almost twentyfold.");
    System.out.println();

    System.out.println("Depth at which aⁿ multiplied out in double first becomes Infinity:");
    for (double a : new double[] {1.1, 1.5, 2.0, 4.0, 10.0, -3.0}) {
        System.out.printf("  a = %-5s  depth %5d%n", a, Growth.overflowDepth(a));
    }
    System.out.printf("  and then NaN: 1e200 · 1e200 · 0 = %s,  1e200·1e200 − 1e200·1e200 = %s%n",
            Growth.sumOverPaths(new double[] {1e200, 1e200, 0.0}),
            Growth.sumOverPaths(new double[] {1e200, 1e200}, new double[] {-1e200, 1e200}));
    System.out.println();

    System.out.println("Where a sigmoid layer σ(w·x) amplifies the gradient, |w·σ′(w·x)| > 1:");
    System.out.printf("  %-7s %12s %24s %10s%n", "w", "|z| below", "inputs x", "width");
    for (double w : new double[] {4.5, 5.0, 6.9, 8.0, 16.0, 100.0, 1000.0}) {
        Growth.Band band = Growth.amplifyingBand(w, 0.0);
        System.out.printf("  %-7s %12.6f   (%9.6f, %9.6f) %10.6f%n", w, Growth.amplifyingHalfWidth(w),
                band.low(), band.high(), band.width());
    }
    System.out.println();

    System.out.println("Clipping g = [10, 0.1] to 1, and g = [1e200, 1e200] to 1:");
    System.out.println("  by norm:      " + Clipping.clipByNorm(g, 1.0) + "   (same direction)");
    System.out.println("  by component: " + Clipping.clipByValue(g, 1.0) + "   (turned by about 5 degrees)");
    System.out.println("  ‖[1e200, 1e200]‖ = " + Clipping.norm(huge) + ", clipped: " + Clipping.clipByNorm(huge, 1.0));

    // The chart: ‖Wⁿv‖ against n on a log scale, where ρ(W)ⁿ is a straight line. The non-normal
    // matrix climbs first and falls only later, though its ρ is the contracting 0.9.
    for (int m = 0; m < matrices.length; m++) {
        XYSeries line = new XYSeries(String.format("%s (ρ = %.1f)", names[m], MatrixPowers.spectralRadius(matrices[m])));
        for (int n = 0; n <= steps; n++) line.add(n, norms[m][n]);
        lines.add(line);
    }
    Notebook.save(Notebook.logY(Notebook.lines("The gradient through n steps of a recurrent net: ‖Wⁿv‖",
            "time steps n", "‖Wⁿv‖", lines)));
    status = 0;
} catch (Throwable e) {
    Notebook.explain(e);
}
Notebook.end(status);   // a script exits with status; in JShell (./kata jshell NN) the session stays open
