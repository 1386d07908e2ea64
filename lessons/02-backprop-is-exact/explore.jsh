///usr/bin/env jbang "$0" "$@" ; exit $?
//DEPS org.apache.commons:commons-math3:3.6.1
// Lesson 02 experiment: one gradient, three ways - backprop, forward mode and central differences.
// Runs on your ScalarChain and GradientCheck: put target/classes on the class path (see the lesson's README).

import gradientkata.backprop.GradientCheck;
import gradientkata.backprop.Gradients;
import gradientkata.backprop.ScalarChain;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.apache.commons.math3.analysis.function.Sigmoid;

int status = 0;
try {
    double x0 = 0.5;
    double step = 1e-5;
    Sigmoid sigmoid = new Sigmoid();
    System.out.println("The chain h = sigmoid(h) (w = 1, b = 0) from x0 = 0.5: dh/dx0 three ways.");
    System.out.println("Forward mode is Commons Math's DerivativeStructure; central differences use step 1e-5.");
    System.out.println();
    System.out.printf("%-6s %24s %24s %24s %12s %12s%n", "depth", "backprop", "forward mode", "central diff",
            "rel bp-fm", "rel bp-cd");
    for (int n = 1; n <= 30; n++) {
        int depth = n;
        ScalarChain chain = ScalarChain.uniform(depth, 1.0, 0.0);
        double backprop = chain.backward(chain.forward(x0)).input();
        DerivativeStructure h = new DerivativeStructure(1, 1, 0, x0);
        for (int k = 0; k < depth; k++) {
            h = sigmoid.value(h);
        }
        double forwardMode = h.getPartialDerivative(1);
        double central = GradientCheck.centralDifference(x -> chain.forward(x)[depth], x0, step);
        System.out.printf("%-6d %24.16e %24.16e %24.16e %12.1e %12.1e%n", depth, backprop, forwardMode, central,
                GradientCheck.relativeError(backprop, forwardMode), GradientCheck.relativeError(backprop, central));
    }

    System.out.println();
    System.out.println("Relative error of central differences against backprop, by step size and depth:");
    int[] depths = {1, 5, 10, 15, 20, 30};
    System.out.printf("%-8s", "step");
    for (int depth : depths) System.out.printf("%11s", "depth " + depth);
    System.out.println();
    double[] steps = {1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9};
    for (double stepSize : steps) {
        System.out.printf("%-8.0e", stepSize);
        for (int depth : depths) {
            ScalarChain chain = ScalarChain.uniform(depth, 1.0, 0.0);
            double exact = chain.backward(chain.forward(x0)).input();
            double estimate = GradientCheck.centralDifference(x -> chain.forward(x)[depth], x0, stepSize);
            System.out.printf("%11.1e", GradientCheck.relativeError(exact, estimate));
        }
        System.out.println();
    }

    System.out.println();
    ScalarChain deep = ScalarChain.uniform(30, 1.0, 0.0);
    Gradients exact = deep.backward(deep.forward(x0));
    Gradients estimate = GradientCheck.numericalGradients(deep, x0, step);
    System.out.printf("Depth 30, all 61 gradients at once: relative error %.1e (looks fine);%n",
            GradientCheck.relativeError(exact.toVector(), estimate.toVector()));
    System.out.printf("the input's gradient alone: backprop %.4e, central differences %s, relative error %.1f.%n",
            exact.input(), estimate.input(), GradientCheck.relativeError(exact.input(), estimate.input()));
} catch (UnsupportedOperationException e) {
    System.err.println("Not implemented yet: " + e.getMessage());
    status = 1;
} catch (Throwable e) {
    System.err.println("The experiment failed: " + e);
    status = 1;
}
System.exit(status);
/exit
