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
        throw new UnsupportedOperationException("TODO lesson 01: multiply the factors together (reject an empty chain and NaN factors)");
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
        throw new UnsupportedOperationException("TODO lesson 01: multiply factor by itself depth times, starting from 1.0 (reject a negative depth)");
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
        throw new UnsupportedOperationException("TODO lesson 01: add up log10|factor| instead of multiplying, so nothing underflows");
    }

    /**
     * The first depth at which aⁿ, multiplied out in {@code double}, becomes exactly 0.0.
     *
     * @param factor a local derivative with |a| &lt; 1
     * @return the smallest n ≥ 1 with {@code repeatedProduct(factor, n) == 0.0}
     * @throws IllegalArgumentException if |factor| ≥ 1 (the product never reaches zero) or it is NaN
     */
    public static int underflowDepth(double factor) {
        throw new UnsupportedOperationException("TODO lesson 01: keep multiplying by factor until the product is exactly 0.0, and count the layers");
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
        throw new UnsupportedOperationException("TODO lesson 01: find the first depth n at which |factor|^n drops below threshold");
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
        throw new UnsupportedOperationException("TODO lesson 01: run x forward through the layers and multiply each local derivative, taken at the value entering that layer");
    }
}
