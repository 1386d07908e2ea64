package gradientkata.chain;

import java.util.List;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure; // for compositeDerivative
import org.apache.commons.math3.analysis.differentiation.UnivariateDifferentiableFunction;

/**
 * Lesson 01: the chain rule turns the derivative of a deep composition into a product with one
 * factor per layer, and products of many factors vanish or explode.
 */
public final class ChainRule {

    private ChainRule() {
    }

    /**
     * The product of the local derivatives of a chain: its end-to-end derivative.
     *
     * @param factors one local derivative per layer; at least one, none of them NaN
     * @return f₁ · f₂ · … · fₙ
     * @throws IllegalArgumentException if there are no factors or a factor is NaN
     */
    public static double product(double... factors) {
        requireFactors(factors);
        double product = 1.0;
        for (double factor : factors) {
            product *= factor;
        }
        return product;
    }

    /**
     * The gradient through {@code depth} layers that all have the same local derivative: aⁿ,
     * computed as a product of {@code depth} factors, exactly as backpropagation would.
     *
     * @param factor the local derivative a of every layer (not NaN)
     * @param depth  the number of layers n, zero or more
     * @return aⁿ in double arithmetic (1.0 for depth 0)
     * @throws IllegalArgumentException if depth is negative or factor is NaN
     */
    public static double repeatedProduct(double factor, int depth) {
        requireNumber("factor", factor);
        requireDepth(depth);
        double product = 1.0;
        for (int layer = 0; layer < depth; layer++) {
            product *= factor;
        }
        return product;
    }

    /**
     * The order of magnitude of a product, log₁₀|f₁ · … · fₙ|, computed as the sum of
     * log₁₀|fᵢ| so that it never underflows or overflows, however long the chain.
     *
     * @param factors one local derivative per layer; at least one, none of them NaN
     * @return Σ log₁₀|fᵢ| (−∞ when a factor is exactly zero)
     * @throws IllegalArgumentException if there are no factors or a factor is NaN
     */
    public static double log10Magnitude(double... factors) {
        requireFactors(factors);
        double sum = 0.0;
        for (double factor : factors) {
            sum += Math.log10(Math.abs(factor));
        }
        return sum;
    }

    /**
     * The first depth at which aⁿ, multiplied out in {@code double}, becomes exactly 0.0.
     *
     * @param factor a local derivative with |a| &lt; 1
     * @return the smallest n ≥ 1 with {@code repeatedProduct(factor, n) == 0.0}
     * @throws IllegalArgumentException if |factor| ≥ 1 (the product never reaches zero) or it is NaN
     */
    public static int underflowDepth(double factor) {
        requireNumber("factor", factor);
        if (Math.abs(factor) >= 1.0) {
            throw new IllegalArgumentException("a factor of magnitude " + Math.abs(factor)
                    + " never underflows to zero: it needs |factor| < 1");
        }
        double product = 1.0;
        int depth = 0;
        while (product != 0.0) {
            product *= factor;
            depth++;
        }
        return depth;
    }

    /**
     * The first depth at which the gradient aⁿ falls below a threshold in magnitude.
     *
     * @param factor    a local derivative with |a| &lt; 1
     * @param threshold a positive threshold below 1
     * @return the smallest n ≥ 1 with |a|ⁿ &lt; threshold
     * @throws IllegalArgumentException if |factor| ≥ 1, the threshold is not in (0, 1), or either is NaN
     */
    public static int depthBelow(double factor, double threshold) {
        requireNumber("factor", factor);
        requireNumber("threshold", threshold);
        if (Math.abs(factor) >= 1.0) {
            throw new IllegalArgumentException("a factor of magnitude " + Math.abs(factor)
                    + " never shrinks the gradient: it needs |factor| < 1");
        }
        if (threshold <= 0.0 || threshold >= 1.0) {
            throw new IllegalArgumentException("the threshold must lie strictly between 0 and 1, got " + threshold);
        }
        double magnitude = 1.0;
        int depth = 0;
        do {
            magnitude *= Math.abs(factor);
            depth++;
        } while (magnitude >= threshold);
        return depth;
    }

    /**
     * The derivative of the composition layers[n−1] ∘ … ∘ layers[0] at {@code x}, by the chain
     * rule: run the input forward, and multiply each layer's local derivative, evaluated at the
     * value that flows into that layer.
     *
     * @param layers the functions, first layer first; at least one
     * @param x      the input (not NaN)
     * @return d/dx of the whole chain at x
     * @throws IllegalArgumentException if there are no layers or x is NaN
     */
    public static double compositeDerivative(List<? extends UnivariateDifferentiableFunction> layers, double x) {
        if (layers == null || layers.isEmpty()) {
            throw new IllegalArgumentException("a chain needs at least one layer");
        }
        requireNumber("x", x);
        double value = x;
        double derivative = 1.0;
        for (UnivariateDifferentiableFunction layer : layers) {
            DerivativeStructure local = layer.value(new DerivativeStructure(1, 1, 0, value));
            derivative *= local.getPartialDerivative(1);
            value = local.getValue();
        }
        return derivative;
    }

    private static void requireFactors(double[] factors) {
        if (factors == null || factors.length == 0) {
            throw new IllegalArgumentException("a chain needs at least one factor");
        }
        for (int i = 0; i < factors.length; i++) {
            requireNumber("factor " + i, factors[i]);
        }
    }

    private static void requireNumber(String name, double value) {
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException(name + " is NaN");
        }
    }

    private static void requireDepth(int depth) {
        if (depth < 0) {
            throw new IllegalArgumentException("depth must be zero or more, got " + depth);
        }
    }
}
