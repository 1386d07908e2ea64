///usr/bin/env jbang "$0" "$@" ; exit $?
//DEPS org.apache.commons:commons-math3:3.6.1
// Lesson 03 experiment: the derivatives of σ, tanh and ReLU over [-8, 8], where σ' rounds away, and
// how many units saturate as the pre-activations spread out.
// Runs on your Activations and Saturation: put target/classes on the class path (see the lesson's README).

import gradientkata.saturation.Activations;
import gradientkata.saturation.Saturation;

int status = 0;
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
    double[] levels = {0.1, 0.01, 0.001};
    System.out.println("Fraction of units with σ' below a level, for pre-activations N(0, s²):");
    System.out.printf("%6s", "s");
    for (double d : levels) {
        System.out.printf("   σ' < %-5s (|z| > %5.2f)", d, Saturation.saturationThreshold(d));
    }
    System.out.println();
    for (double sd : new double[] {0.25, 0.5, 1, 2, 4, 8, 16, 32}) {
        System.out.printf("%6s", sd);
        for (double d : levels) {
            System.out.printf("   %25.3e", Saturation.saturatedFraction(sd, Saturation.saturationThreshold(d)));
        }
        System.out.println();
    }
    System.out.println();
    System.out.printf("The gradient through n sigmoid layers with |w| ≤ 1 is at most 4^-n: %.1e at n = 10, %.1e at n = 50.%n",
            Saturation.layerBound(10, 1.0), Saturation.layerBound(50, 1.0));
} catch (UnsupportedOperationException e) {
    System.err.println("Not implemented yet: " + e.getMessage());
    status = 1;
} catch (Throwable e) {
    System.err.println("The experiment failed: " + e);
    status = 1;
}
System.exit(status);
/exit
