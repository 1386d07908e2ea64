///usr/bin/env jbang "$0" "$@" ; exit $?
//SOURCES ../notebook/Notebook.jsh
//DEPS org.apache.commons:commons-math3:3.6.1
//RUNTIME_OPTIONS -XX:TieredStopAtLevel=1
// Lesson 06 experiment: the spread of the activations and of the gradient, layer by layer, in deep
// tanh and ReLU stacks drawn at half, exactly and twice the matched scale; and two units that never part.
// From the kata's root: ./jbang lessons/06-initialization/explore.jsh [--reference]

Notebook.use("06-initialization", args);   // compiles your classes (with --reference, the reference ones)
import gradientkata.init.*;
import java.util.*;
import org.apache.commons.math3.linear.*;
import org.apache.commons.math3.random.*;
import org.jfree.data.xy.XYSeries;

/** The largest difference between two rows (two hidden units' incoming weights) of w. */
double largestGap(RealMatrix w) {
    double gap = 0.0;
    for (int k = 0; k < w.getRowDimension(); k++)
        for (int m = 0; m < w.getRowDimension(); m++)
            gap = Math.max(gap, w.getRowVector(k).subtract(w.getRowVector(m)).getLInfNorm());
    return gap;
}

/** The largest |entry| of w. */
double largestEntry(RealMatrix w) {
    double largest = 0.0;
    for (double[] row : w.getData())
        for (double x : row) largest = Math.max(largest, Math.abs(x));
    return largest;
}

int status = 1;                            // stays 1 unless the experiment runs to its end
try {
    System.out.printf("%-14s%14s%14s%n", "layer", "Xavier std", "He std");
    for (int[] shape : new int[][] {{784, 256}, {256, 256}, {256, 10}, {10, 256}}) {
        System.out.printf("%-14s%14.6f%14.6f%n", shape[0] + " → " + shape[1],
                Initialization.xavierStd(shape[0], shape[1]), Initialization.heStd(shape[0], shape[1]));
    }
    System.out.printf("Var(z) for 784 inputs of variance 1 and He weights: %.4f%n%n",
            Initialization.outputVariance(784, Math.pow(Initialization.heStd(784, 256), 2), 1.0));

    int depth = 50, width = 64;
    double[] scales = {0.5, 1.0, 2.0};
    List<XYSeries> lines = new ArrayList<>();
    for (Activation activation : Activation.values()) {
        String scheme = activation == Activation.TANH ? "Xavier" : "He";
        double matched = activation == Activation.TANH ? Initialization.xavierStd(width, width) : Initialization.heStd(width, width);
        System.out.printf("%s, %d layers of width %d, seed 42: spread of h_l (forward) and of ∂ℓ/∂h_l (backward)%n",
                activation, depth, width);
        System.out.printf("%-7s", "layer");
        for (double c : scales) System.out.printf("%13s%13s", "h  " + c + "×", "∂ℓ " + c + "×");
        System.out.println();
        double[][] forward = new double[scales.length][];
        double[][] backward = new double[scales.length][];
        for (int s = 0; s < scales.length; s++) {
            RandomGenerator random = new Well19937c(42);
            List<RealMatrix> weights = new ArrayList<>();
            for (int layer = 0; layer < depth; layer++) {
                weights.add(Initialization.gaussianWeights(random, width, width, scales[s] * matched));
            }
            double[] x = new double[width];
            double[] g = new double[width];
            for (int k = 0; k < width; k++) x[k] = random.nextGaussian();
            for (int k = 0; k < width; k++) g[k] = random.nextGaussian();
            List<RealVector> states = DeepNet.forward(weights, activation, new ArrayRealVector(x));
            List<RealVector> gradients = DeepNet.backward(weights, activation, new ArrayRealVector(x), new ArrayRealVector(g));
            forward[s] = new double[depth + 1];
            backward[s] = new double[depth + 1];
            XYSeries line = new XYSeries(activation + ", " + scales[s] + "× " + scheme);
            for (int layer = 0; layer <= depth; layer++) {
                forward[s][layer] = DeepNet.spread(states.get(layer));
                backward[s][layer] = DeepNet.spread(gradients.get(layer));
                line.add(layer, forward[s][layer]);
            }
            lines.add(line);
        }
        for (int layer = 0; layer <= depth; layer += 10) {
            System.out.printf("%-7d", layer);
            for (int s = 0; s < scales.length; s++) System.out.printf("%13.3e%13.3e", forward[s][layer], backward[s][layer]);
            System.out.println();
        }
        System.out.println();
    }

    // Symmetry: a 3 → 4 → 2 tanh net trained from equal weights and from random ones.
    RealVector[] inputs = {new ArrayRealVector(new double[] {0.5, -1, 2}), new ArrayRealVector(new double[] {-1.5, 0.25, 0.5}),
            new ArrayRealVector(new double[] {1, 1, -0.5})};
    RealVector[] targets = {new ArrayRealVector(new double[] {0.3, -0.4}), new ArrayRealVector(new double[] {-0.6, 0.2}),
            new ArrayRealVector(new double[] {0.1, 0.5})};
    RandomGenerator random = new Well19937c(7);
    Map<String, List<RealMatrix>> starts = new LinkedHashMap<>();
    starts.put("all weights 0.3 / −0.2", List.of(MatrixUtils.createRealMatrix(4, 3).scalarAdd(0.3), MatrixUtils.createRealMatrix(2, 4).scalarAdd(-0.2)));
    starts.put("all weights 0", List.of(MatrixUtils.createRealMatrix(4, 3), MatrixUtils.createRealMatrix(2, 4)));
    starts.put("random, He scale", List.of(Initialization.gaussianWeights(random, 3, 4, Initialization.heStd(3, 4)),
            Initialization.gaussianWeights(random, 4, 2, Initialization.heStd(4, 2))));
    System.out.println("A 3 → 4 → 2 tanh net, 300 steps of η = 0.1: the largest gap between two hidden units' incoming weights, and how far the weights moved");
    System.out.printf("%-26s%18s%18s%24s%n", "start", "gap at start", "gap at end", "largest weight change");
    for (Map.Entry<String, List<RealMatrix>> start : starts.entrySet()) {
        List<RealMatrix> weights = start.getValue();
        double before = largestGap(weights.get(0));
        for (int s = 0; s < 300; s++) {
            weights = DeepNet.step(weights, Activation.TANH, inputs[s % 3], targets[s % 3], 0.1);
        }
        double moved = Math.max(largestEntry(weights.get(0).subtract(start.getValue().get(0))),
                largestEntry(weights.get(1).subtract(start.getValue().get(1))));
        System.out.printf("%-26s%18.3e%18.3e%24.3e%n", start.getKey(), before, largestGap(weights.get(0)), moved);
    }

    Notebook.save(Notebook.logY(Notebook.lines("Spread of the activations in 50-layer stacks of width 64",
            "layer", "spread of h (root mean square)", lines)));
    status = 0;
} catch (Throwable e) {
    Notebook.explain(e);
}
Notebook.end(status);   // a script exits with status; in JShell (./kata jshell NN) the session stays open
