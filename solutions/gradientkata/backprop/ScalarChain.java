package gradientkata.backprop;

import java.util.Arrays; // Arrays.fill, for uniform

/**
 * Lesson 02: a deep chain of scalar sigmoid layers, h₀ = x and hₖ = σ(wₖ·hₖ₋₁ + bₖ) for
 * k = 1 … n, with its forward pass and its backward pass. The backward pass (backpropagation)
 * returns the exact gradient of the output hₙ, up to rounding, however small it is.
 *
 * <p>Layer k (counting from 1) uses {@code weights[k − 1]} and {@code biases[k − 1]}.
 */
public final class ScalarChain {

    private final double[] weights;
    private final double[] biases;

    /** Keeps copies, so nobody can change the chain behind its back. The factories check the arrays. */
    private ScalarChain(double[] weights, double[] biases) {
        this.weights = weights.clone();
        this.biases = biases.clone();
    }

    /**
     * A chain with one layer per weight: layer k computes σ(weights[k−1]·hₖ₋₁ + biases[k−1]).
     *
     * @param weights wₖ for every layer; at least one, all finite
     * @param biases  bₖ for every layer; as many as weights, all finite
     * @return the chain (it keeps its own copies of the arrays)
     * @throws IllegalArgumentException if either array is null or empty, their lengths differ, or an
     *                                  entry is NaN or infinite
     */
    public static ScalarChain of(double[] weights, double[] biases) {
        if (weights == null || biases == null) {
            throw new IllegalArgumentException("a chain needs an array of weights and an array of biases, not null");
        }
        if (weights.length == 0) {
            throw new IllegalArgumentException("a chain needs at least one layer, but got no weights");
        }
        if (weights.length != biases.length) {
            throw new IllegalArgumentException("every layer needs one weight and one bias, but got "
                    + weights.length + " weights and " + biases.length + " biases");
        }
        for (int k = 0; k < weights.length; k++) {
            requireFinite("the weight of layer " + (k + 1), weights[k]);
            requireFinite("the bias of layer " + (k + 1), biases[k]);
        }
        return new ScalarChain(weights, biases);
    }

    /**
     * A chain of {@code depth} identical layers, each σ(weight·h + bias).
     *
     * @param depth  the number of layers, at least 1
     * @param weight the weight of every layer (finite)
     * @param bias   the bias of every layer (finite)
     * @return the chain
     * @throws IllegalArgumentException if depth is negative or zero (an empty chain), or weight or
     *                                  bias is NaN or infinite
     */
    public static ScalarChain uniform(int depth, double weight, double bias) {
        if (depth < 0) {
            throw new IllegalArgumentException("depth must be at least 1, got a negative depth " + depth);
        }
        if (depth == 0) {
            throw new IllegalArgumentException("a chain needs at least one layer, but depth is 0");
        }
        requireFinite("the weight", weight);
        requireFinite("the bias", bias);
        double[] weights = new double[depth];
        double[] biases = new double[depth];
        Arrays.fill(weights, weight);
        Arrays.fill(biases, bias);
        return new ScalarChain(weights, biases);
    }

    /** The number of layers n. */
    public int depth() {
        return weights.length;
    }

    /** A copy of the weights, w₁ … wₙ at indices 0 … n − 1. */
    public double[] weights() {
        return weights.clone();
    }

    /** A copy of the biases, b₁ … bₙ at indices 0 … n − 1. */
    public double[] biases() {
        return biases.clone();
    }

    /**
     * The forward pass: every value the chain computes on its way from x to the output.
     *
     * @param x the input h₀ (finite)
     * @return n + 1 activations [h₀, h₁, …, hₙ], with h₀ = x and hₙ the output
     * @throws IllegalArgumentException if x is NaN or infinite
     */
    public double[] forward(double x) {
        requireFinite("the input x", x);
        double[] activations = new double[depth() + 1];
        activations[0] = x;
        for (int k = 1; k <= depth(); k++) {
            activations[k] = sigmoid(weights[k - 1] * activations[k - 1] + biases[k - 1]);
        }
        return activations;
    }

    /**
     * The backward pass: the gradient of the output hₙ with respect to the input and to every
     * weight and bias, by the chain rule applied from the output back to the input. It reuses
     * the forward pass's activations instead of recomputing anything.
     *
     * @param activations what {@link #forward} returned for this chain: n + 1 values, none NaN
     * @return ∂hₙ/∂x, ∂hₙ/∂wₖ and ∂hₙ/∂bₖ for every layer k
     * @throws IllegalArgumentException if activations is null, has a length other than n + 1, or
     *                                  holds a NaN
     */
    public Gradients backward(double[] activations) {
        if (activations == null || activations.length != depth() + 1) {
            throw new IllegalArgumentException("backward needs the " + (depth() + 1) + " activations that forward "
                    + "returns for this " + depth() + "-layer chain, but got "
                    + (activations == null ? "null" : activations.length + " values"));
        }
        for (int k = 0; k < activations.length; k++) {
            if (Double.isNaN(activations[k])) {
                throw new IllegalArgumentException("activation h" + k + " is NaN");
            }
        }
        double[] weightGradients = new double[depth()];
        double[] biasGradients = new double[depth()];
        // upstream holds ∂hₙ/∂hₖ; at the output it is ∂hₙ/∂hₙ = 1.
        double upstream = 1.0;
        for (int k = depth(); k >= 1; k--) {
            double h = activations[k];
            // σ′(zₖ) = σ(zₖ)(1 − σ(zₖ)), and σ(zₖ) is the stored output hₖ.
            double slope = h * (1.0 - h);
            // ∂hₙ/∂zₖ, where zₖ = wₖ·hₖ₋₁ + bₖ
            double dz = upstream * slope;
            weightGradients[k - 1] = dz * activations[k - 1];
            biasGradients[k - 1] = dz;
            upstream = dz * weights[k - 1];
        }
        return new Gradients(upstream, weightGradients, biasGradients);
    }

    private static double sigmoid(double z) {
        return 1.0 / (1.0 + Math.exp(-z));
    }

    private static void requireFinite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number, got " + value);
        }
    }
}
