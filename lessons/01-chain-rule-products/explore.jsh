///usr/bin/env jbang "$0" "$@" ; exit $?
//SOURCES ../notebook/Notebook.jsh
//DEPS org.apache.commons:commons-math3:3.6.1
//RUNTIME_OPTIONS -XX:TieredStopAtLevel=1
// Lesson 01 experiment: how the gradient through n layers of the same factor grows or vanishes.
// From the kata's root: ./jbang lessons/01-chain-rule-products/explore.jsh [--reference]

Notebook.use("01-chain-rule-products", args);   // compiles your ChainRule (with --reference, the reference one)
import gradientkata.chain.ChainRule;
import org.jfree.data.xy.XYSeries;

// The inputs and the chart's lines, declared here so that they stay in an interactive session.
double[] factors = {0.25, 0.9, 1.0, 1.1, 4.0};
int[] depths = {1, 5, 10, 20, 30, 40, 50, 60};
List<XYSeries> lines = new ArrayList<>();

int status = 1;                                 // stays 1 unless the experiment runs to its end
try {
    System.out.printf("%-7s", "depth");
    for (double a : factors) System.out.printf("%14s", "a = " + a);
    System.out.println();
    for (int n : depths) {
        System.out.printf("%-7d", n);
        for (double a : factors) System.out.printf("%14.3e", ChainRule.repeatedProduct(a, n));
        System.out.println();
    }
    System.out.println();
    System.out.println("log10 |gradient| at depth 1000 (never underflows):");
    for (double a : factors) {
        double[] chain = new double[1000];
        java.util.Arrays.fill(chain, a);
        System.out.printf("  a = %-5s  log10 = %10.2f   linear product = %s%n", a,
                ChainRule.log10Magnitude(chain), ChainRule.product(chain));
    }
    System.out.println();
    System.out.printf("0.25^n is exactly 0.0 from depth %d on; 0.9^n drops below 1e-6 at depth %d.%n",
            ChainRule.underflowDepth(0.25), ChainRule.depthBelow(0.9, 1e-6));

    // The chart: |gradient| against depth. On a log scale, aⁿ is a straight line of slope log a.
    for (double a : factors) {
        XYSeries line = new XYSeries("a = " + a);
        for (int n = 0; n <= 60; n++) line.add(n, ChainRule.repeatedProduct(a, n));
        lines.add(line);
    }
    Notebook.save(Notebook.logY(Notebook.lines("Gradient through n layers that each multiply it by a",
            "depth n", "|gradient| = aⁿ", lines)));
    status = 0;
} catch (Throwable e) {
    Notebook.explain(e);
}
Notebook.end(status);   // a script exits with status; in JShell (./kata jshell NN) the session stays open
