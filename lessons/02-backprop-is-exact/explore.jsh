///usr/bin/env jbang "$0" "$@" ; exit $?
//SOURCES ../notebook/Notebook.jsh
//DEPS org.apache.commons:commons-math3:3.6.1
//RUNTIME_OPTIONS -XX:TieredStopAtLevel=1
// Lesson 02 experiment: one gradient, three ways - backprop, forward mode and central differences.
// From the kata's root: ./jbang lessons/02-backprop-is-exact/explore.jsh [--reference]

Notebook.use("02-backprop-is-exact", args);   // compiles your classes (with --reference, the reference ones)
import gradientkata.backprop.GradientCheck;
import gradientkata.backprop.Gradients;
import gradientkata.backprop.ScalarChain;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.apache.commons.math3.analysis.function.Sigmoid;
import org.jfree.data.xy.XYSeries;

// The inputs and the chart's lines, declared here so that they stay in an interactive session.
double x0 = 0.5;
double step = 1e-5;
Sigmoid sigmoid = new Sigmoid();
int[] depths = {1, 5, 10, 15, 20, 30};
double[] steps = {1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9};
List<XYSeries> lines = new ArrayList<>();

int status = 1;                               // stays 1 unless the experiment runs to its end
try {
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
    System.out.printf("%-8s", "step");
    for (int depth : depths) System.out.printf("%11s", "depth " + depth);
    System.out.println();
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

    // The chart: the error of central differences against the step size, one line per depth.
    // Too large a step and the curve's bend spoils the estimate; too small and rounding does.
    for (int depth : new int[] {1, 10, 20, 30}) {
        XYSeries line = new XYSeries("depth " + depth);
        ScalarChain chain = ScalarChain.uniform(depth, 1.0, 0.0);
        double backprop = chain.backward(chain.forward(x0)).input();
        for (int e = -100; e <= -5; e++) {
            double stepSize = Math.pow(10, e / 10.0);
            double central = GradientCheck.centralDifference(x -> chain.forward(x)[depth], x0, stepSize);
            line.add(stepSize, GradientCheck.relativeError(backprop, central));
        }
        lines.add(line);
    }
    Notebook.save(Notebook.logX(Notebook.logY(Notebook.lines("Central differences against backprop",
            "step size h", "relative error", lines))));
    status = 0;
} catch (Throwable e) {
    Notebook.explain(e);
}
Notebook.end(status);   // a script exits with status; in JShell (./kata jshell NN) the session stays open
