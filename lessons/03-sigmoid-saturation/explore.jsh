///usr/bin/env jbang "$0" "$@" ; exit $?
//SOURCES ../notebook/Notebook.jsh
//DEPS org.apache.commons:commons-math3:3.6.1
//RUNTIME_OPTIONS -XX:TieredStopAtLevel=1
// Lesson 03 experiment: the derivatives of σ, tanh and ReLU over [-8, 8], where σ' rounds away, and
// how many units saturate as the pre-activations spread out.
// From the kata's root: ./jbang lessons/03-sigmoid-saturation/explore.jsh [--reference]

Notebook.use("03-sigmoid-saturation", args);   // compiles your classes (with --reference, the reference ones)
import gradientkata.saturation.Activations;
import gradientkata.saturation.Saturation;
import org.jfree.data.xy.XYSeries;

// The inputs and the chart's series, declared here so that they stay in an interactive session.
double[] levels = {0.1, 0.01, 0.001};
double[] spreads = {0.25, 0.5, 1, 2, 4, 8, 16, 32};
XYSeries sigma = new XYSeries("your σ'(z)");
XYSeries naive = new XYSeries("naive σ(z)·(1 − σ(z))");
XYSeries tanh = new XYSeries("your tanh'(z)");
XYSeries relu = new XYSeries("your ReLU'(z)");

int status = 1;                                // stays 1 unless the experiment runs to its end
try {
    System.out.printf("%6s %10s %12s %12s %8s%n", "z", "σ(z)", "σ'(z)", "tanh'(z)", "ReLU'(z)");
    for (int z = -8; z <= 8; z++) {
        System.out.printf("%6d %10.6f %12.4e %12.4e %8.0f%n", z, Activations.sigmoid(z),
                Activations.sigmoidDerivative(z), Activations.tanhDerivative(z), Activations.reluDerivative(z));
    }
    System.out.println();
    System.out.println("Far in the tail: your σ' against the naive σ(z)·(1 − σ(z)):");
    System.out.printf("%6s %24s %24s%n", "z", "your σ'(z)", "naive s·(1 − s)");
    for (double z : new double[] {10, 20, 30, 36, 37, 40, 100, 700}) {
        double s = Activations.sigmoid(z);
        System.out.printf("%6.0f %24s %24s%n", z, Activations.sigmoidDerivative(z), s * (1 - s));
    }
    System.out.println();
    System.out.println("Fraction of units with σ' below a level, for pre-activations N(0, s²):");
    System.out.printf("%6s", "s");
    for (double d : levels) {
        System.out.printf("   σ' < %-5s (|z| > %5.2f)", d, Saturation.saturationThreshold(d));
    }
    System.out.println();
    for (double sd : spreads) {
        System.out.printf("%6s", sd);
        for (double d : levels) {
            System.out.printf("   %25.3e", Saturation.saturatedFraction(sd, Saturation.saturationThreshold(d)));
        }
        System.out.println();
    }
    System.out.println();
    System.out.printf("The gradient through n sigmoid layers with |w| ≤ 1 is at most 4^-n: %.1e at n = 10, %.1e at n = 50.%n",
            Saturation.layerBound(10, 1.0), Saturation.layerBound(50, 1.0));

    // The chart: the local derivatives as a unit's input z grows. On a log scale σ' and tanh' fall
    // along straight lines (they shrink like e^-z and 4e^-2z); the naive σ(z)·(1 − σ(z)) (dots) is 0 from 37 on.
    for (int i = 0; i <= 400; i++) {
        double z = i / 10.0;
        double s = Activations.sigmoid(z);
        sigma.add(z, Activations.sigmoidDerivative(z));
        if (i % 10 == 0) naive.add(z, s * (1 - s));
        tanh.add(z, Activations.tanhDerivative(z));
        relu.add(z, Activations.reluDerivative(z));
    }
    Notebook.save(Notebook.logY(Notebook.dots(Notebook.lines("Local derivatives of three activations",
            "pre-activation z", "local derivative", List.of(sigma, naive, tanh, relu)), 1)));
    status = 0;
} catch (Throwable e) {
    Notebook.explain(e);
}
Notebook.end(status);   // a script exits with status; in JShell (./kata jshell NN) the session stays open
