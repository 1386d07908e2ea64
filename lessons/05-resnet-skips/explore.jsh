///usr/bin/env jbang "$0" "$@" ; exit $?
//SOURCES ../notebook/Notebook.jsh
//DEPS org.apache.commons:commons-math3:3.6.1
//RUNTIME_OPTIONS -XX:TieredStopAtLevel=1
// Lesson 05 experiment: the gradient norm at every layer of a deep plain net and of the same net with skips.
// From the kata's root: ./jbang lessons/05-resnet-skips/explore.jsh [--reference]

Notebook.use("05-resnet-skips", args);   // compiles your classes (with --reference, the reference ones)
import gradientkata.residual.*;
import java.util.*;
import org.apache.commons.math3.analysis.FunctionUtils;
import org.apache.commons.math3.analysis.differentiation.UnivariateDifferentiableFunction;
import org.apache.commons.math3.analysis.function.*;
import org.apache.commons.math3.linear.*;
import org.apache.commons.math3.random.*;
import org.jfree.data.xy.XYSeries;

// The inputs and the chart's lines, declared here so that they stay in an interactive session.
int depth = 50, width = 16;
double scale = 0.5;
RandomGenerator random = new Well19937c(42);
List<RealMatrix> weights = new ArrayList<>();
RealVector x = new ArrayRealVector(width);
RealVector g = new ArrayRealVector(width);
Tanh tanh = new Tanh();
double[] plain = {};                     // ‖∂ℓ/∂x‖ at each layer, without and with the skips
double[] residual = {};
XYSeries plainLine = new XYSeries("plain net");
XYSeries residualLine = new XYSeries("with identity skips");

int status = 1;                          // stays 1 unless the experiment runs to its end
try {
    System.out.printf("Ten sigmoid blocks from x0 = 0.5:  plain  dx/dx0 = %.4e   residual  dx/dx0 = %.4f%n%n",
            ResidualChain.plainGradient(new Sigmoid(), 0.5, 10), ResidualChain.residualGradient(new Sigmoid(), 0.5, 10));

    for (int block = 0; block < depth; block++) {
        RealMatrix w = MatrixUtils.createRealMatrix(width, width);
        for (int row = 0; row < width; row++)
            for (int column = 0; column < width; column++)
                w.setEntry(row, column, random.nextGaussian() * scale / Math.sqrt(width));
        weights.add(w);
    }
    for (int k = 0; k < width; k++) x.setEntry(k, random.nextGaussian());
    for (int k = 0; k < width; k++) g.setEntry(k, random.nextGaussian());
    g = g.unitVector();

    plain = ResidualNet.layerGradientNorms(weights, tanh, ResidualNet.NO_SHORTCUT, x, g);
    residual = ResidualNet.layerGradientNorms(weights, tanh, ResidualNet.IDENTITY_SHORTCUT, x, g);
    System.out.printf("%d tanh blocks of width %d, weights N(0, %.1f²/%d), seed 42, ‖∂ℓ/∂x%d‖ = 1%n", depth, width, scale, width, depth);
    System.out.printf("%-7s%18s%18s%n", "layer", "plain ‖∂ℓ/∂x‖", "residual ‖∂ℓ/∂x‖");
    for (int layer = depth; layer >= 0; layer--) {
        System.out.printf("%-7d%18.3e%18.3e%n", layer, plain[layer], residual[layer]);
    }
    System.out.println();

    UnivariateDifferentiableFunction small = FunctionUtils.multiply(new UnivariateDifferentiableFunction[] {new Constant(0.01), tanh});
    System.out.println("A scaled shortcut x ← λ·x + 0.01·tanh(x), 50 blocks from 0.5: the gradient is about λ⁵⁰");
    System.out.printf("%-7s%16s%16s%n", "λ", "dx/dx0", "λ⁵⁰");
    for (double lambda : new double[] {0.5, 0.9, 1.0, 1.1, 1.5}) {
        System.out.printf("%-7s%16.3e%16.3e%n", lambda, ResidualChain.scaledGradient(small, lambda, 0.5, 50), Math.pow(lambda, 50));
    }

    // The chart: the gradient's norm at each layer, from the loss (layer 50) back to the input.
    for (int layer = 0; layer <= depth; layer++) {
        plainLine.add(layer, plain[layer]);
        residualLine.add(layer, residual[layer]);
    }
    Notebook.save(Notebook.logY(Notebook.lines("Gradient norm at each layer of " + depth + " tanh blocks",
            "layer", "‖∂ℓ/∂x‖", List.of(plainLine, residualLine))));
    status = 0;
} catch (Throwable e) {
    Notebook.explain(e);
}
Notebook.end(status);   // a script exits with status; in JShell (./kata jshell NN) the session stays open
