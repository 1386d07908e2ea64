package gradientkata.backprop;

import java.util.Arrays;
import java.util.Objects;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;

/**
 * The gradient of a chain's output hₙ with respect to its input and to every parameter: what one
 * backward pass returns, or what a gradient check estimates. Immutable: the arrays are copied on
 * the way in and on the way out.
 *
 * @param input   ∂hₙ/∂x, the gradient that reaches the input
 * @param weights ∂hₙ/∂wₖ for k = 1 … n, at index k − 1
 * @param biases  ∂hₙ/∂bₖ for k = 1 … n, at index k − 1
 */
public record Gradients(double input, double[] weights, double[] biases) {

    public Gradients {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(biases, "biases");
        if (weights.length != biases.length) {
            throw new IllegalArgumentException("one weight gradient and one bias gradient per layer, but got "
                    + weights.length + " and " + biases.length);
        }
        weights = weights.clone();
        biases = biases.clone();
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    @Override
    public double[] biases() {
        return biases.clone();
    }

    /** The number of layers these gradients belong to. */
    public int depth() {
        return weights.length;
    }

    /** All gradients in one vector, [∂x, ∂w₁ … ∂wₙ, ∂b₁ … ∂bₙ]: the form a gradient check compares. */
    public RealVector toVector() {
        RealVector all = new ArrayRealVector(1 + 2 * weights.length);
        all.setEntry(0, input);
        for (int k = 0; k < weights.length; k++) {
            all.setEntry(1 + k, weights[k]);
            all.setEntry(1 + weights.length + k, biases[k]);
        }
        return all;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Gradients g
                && Double.compare(input, g.input) == 0
                && Arrays.equals(weights, g.weights)
                && Arrays.equals(biases, g.biases);
    }

    @Override
    public int hashCode() {
        return Objects.hash(input, Arrays.hashCode(weights), Arrays.hashCode(biases));
    }

    @Override
    public String toString() {
        return "Gradients[input=" + input + ", weights=" + Arrays.toString(weights)
                + ", biases=" + Arrays.toString(biases) + "]";
    }
}
