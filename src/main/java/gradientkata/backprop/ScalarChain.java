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
        throw new UnsupportedOperationException("TODO lesson 02: check the arrays (not null, not empty, the same length, every entry finite) and return new ScalarChain(weights, biases)");
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
        throw new UnsupportedOperationException("TODO lesson 02: reject a negative or zero depth and a non-finite weight or bias, then build depth identical layers");
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
     * <p>Every finite input, weight and bias is legal: a pre-activation wₖ·hₖ₋₁ + bₖ that overflows
     * to ±Infinity gives σ = 1 or 0, and σ(z) for z down to about −745 is the subnormal eᶻ, not 0.
     *
     * @param x the input h₀ (finite)
     * @return n + 1 activations [h₀, h₁, …, hₙ], with h₀ = x and hₙ the output
     * @throws IllegalArgumentException if x is NaN or infinite
     */
    public double[] forward(double x) {
        throw new UnsupportedOperationException("TODO lesson 02: return [h0, h1, ..., hn] with h0 = x and hk = sigmoid(wk * h(k-1) + bk) (reject a non-finite x)");
    }

    /**
     * The backward pass: the gradient of the output hₙ with respect to the input and to every
     * weight and bias, by the chain rule applied from the output back to the input. It reuses
     * the forward pass's activations instead of recomputing anything, and leaves them unchanged.
     *
     * <p>Accuracy: each layer's slope is read from its stored output as hₖ(1 − hₖ), which is
     * right to rounding while hₖ is not close to 1. In a saturated layer the subtraction 1 − hₖ
     * loses digits (about a relative 10⁻¹⁶ / (1 − hₖ)), and once zₖ exceeds about 36.7, hₖ rounds
     * to 1 and the slope to exactly 0: lesson 03 computes σ′ without that loss.
     *
     * @param activations what {@link #forward} returned for this chain: n + 1 finite values
     * @return ∂hₙ/∂x, ∂hₙ/∂wₖ and ∂hₙ/∂bₖ for every layer k
     * @throws IllegalArgumentException if activations is null, has a length other than n + 1, or
     *                                  holds a NaN or an infinite value
     */
    public Gradients backward(double[] activations) {
        throw new UnsupportedOperationException("TODO lesson 02: walk from the output back to the input, multiplying sigma'(zk) = hk(1 - hk) and wk, and record dhn/dwk and dhn/dbk on the way");
    }

    /**
     * σ(z) = 1 / (1 + e⁻ᶻ), written for z &lt; 0 as eᶻ / (1 + eᶻ) so that e⁻ᶻ cannot overflow: below
     * z ≈ −709 the first form returns 0 although σ(z) ≈ eᶻ is still a (subnormal) double down to
     * z ≈ −745. Exact 0 and 1 come only where σ(z) rounds to them.
     */
    private static double sigmoid(double z) {
        if (z >= 0) {
            return 1.0 / (1.0 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1.0 + e);
    }

    private static void requireFinite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number, got " + value);
        }
    }
}
