package gradientkata.chain;

import java.util.List;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure; // for compositeDerivative
import org.apache.commons.math3.analysis.differentiation.UnivariateDifferentiableFunction;

/**
 * Lesson 01: the chain rule turns the derivative of a deep composition into a product with one
 * factor per layer, and products of many factors vanish or explode.
 */
public final class ChainRule {

    /** depthBelow rejects inputs whose depth, estimated as ln(threshold) / ln|factor|, reaches 2²⁹. */
    private static final double MAX_DEPTH_ESTIMATE = 0x1p29;

    private ChainRule() {
    }

    /**
     * The product of the local derivatives of a chain: its end-to-end derivative, multiplied out
     * from the first factor to the last in {@code double} arithmetic, exactly as backpropagation
     * would. It can overflow to ±Infinity or underflow to ±0.0, and a zero factor after an
     * overflow gives NaN (∞ · 0): that is what a real backward pass would do.
     *
     * @param factors one local derivative per layer; at least one, all finite
     * @return f₁ · f₂ · … · fₙ in double arithmetic
     * @throws IllegalArgumentException if factors is null or empty, or a factor is NaN or infinite
     */
    public static double product(double... factors) {
        throw new UnsupportedOperationException("TODO lesson 01: multiply the factors together, first to last (reject a null or empty chain and NaN or infinite factors)");
    }

    /**
     * The gradient through {@code depth} layers that all have the same local derivative: aⁿ,
     * computed as a product of {@code depth} factors, exactly as backpropagation would.
     *
     * @param factor the local derivative a of every layer (finite)
     * @param depth  the number of layers n, zero or more
     * @return aⁿ in double arithmetic (1.0 for depth 0); it may overflow to ±Infinity or underflow to ±0.0
     * @throws IllegalArgumentException if depth is negative or factor is NaN or infinite
     */
    public static double repeatedProduct(double factor, int depth) {
        throw new UnsupportedOperationException("TODO lesson 01: multiply factor by itself depth times, starting from 1.0 (reject a negative depth and a NaN or infinite factor)");
    }

    /**
     * The order of magnitude of a product, log₁₀|f₁ · … · fₙ|, computed as the sum of
     * log₁₀|fᵢ| so that it never underflows or overflows, however long the chain.
     *
     * @param factors one local derivative per layer; at least one, all finite (subnormals too)
     * @return Σ log₁₀|fᵢ| (−∞ when a factor is exactly zero)
     * @throws IllegalArgumentException if factors is null or empty, or a factor is NaN or infinite
     */
    public static double log10Magnitude(double... factors) {
        throw new UnsupportedOperationException("TODO lesson 01: add up log10|factor| instead of multiplying, so nothing underflows (reject a null or empty chain and NaN or infinite factors)");
    }

    /**
     * The first depth at which aⁿ, multiplied out in {@code double}, becomes exactly 0.0.
     *
     * <p>Only factors with |a| ≤ 1/2 ever get there. Once the product reaches the smallest
     * subnormal 2⁻¹⁰⁷⁴, a factor with 1/2 &lt; |a| &lt; 1 gives |a|·2⁻¹⁰⁷⁴, which rounds back to
     * 2⁻¹⁰⁷⁴: the product sticks there for ever. With |a| = 1/2 the product 2⁻¹⁰⁷⁵ is a tie that
     * rounds to even, which is zero. Since each step at least halves the product, the answer is at
     * most 1075.
     *
     * @param factor a local derivative with |a| ≤ 1/2 (0 gives 1)
     * @return the smallest n ≥ 1 with {@code repeatedProduct(factor, n) == 0.0}
     * @throws IllegalArgumentException if |factor| &gt; 1/2 (the product never reaches zero) or it is NaN
     */
    public static int underflowDepth(double factor) {
        throw new UnsupportedOperationException("TODO lesson 01: keep multiplying by factor until the product is exactly 0.0, and count the layers (reject |factor| > 1/2: the product would stick at 2^-1074)");
    }

    /**
     * The first depth at which the gradient aⁿ, multiplied out in {@code double} as
     * {@link #repeatedProduct} does, falls below a threshold in magnitude. A product exactly equal
     * to the threshold is not below it.
     *
     * <p>Two kinds of input have no answer an {@code int} can give, and are rejected. A factor
     * with 1/2 &lt; |a| &lt; 1 stops shrinking among the subnormals (k·2⁻¹⁰⁷⁴ times |a| rounds
     * back to k·2⁻¹⁰⁷⁴ once k·(1 − |a|) &lt; 1/2), so a threshold at or below where it sticks is
     * never crossed. And a factor a hair below one needs about ln(threshold) / ln|a| layers:
     * when that estimate is 2²⁹ (about 5.4·10⁸) or more, the input is rejected before any
     * multiplication, since no network is that deep and counting it would take seconds.
     *
     * @param factor    a local derivative with |a| &lt; 1
     * @param threshold a threshold strictly between 0 and 1
     * @return the smallest n ≥ 1 with |aⁿ| &lt; threshold, aⁿ multiplied out in double
     * @throws IllegalArgumentException if |factor| ≥ 1, the threshold is not in (0, 1), either is
     *                                  NaN, ln(threshold) / ln|factor| ≥ 2²⁹, or the product sticks
     *                                  at a subnormal at or above the threshold
     */
    public static int depthBelow(double factor, double threshold) {
        throw new UnsupportedOperationException("TODO lesson 01: multiply |factor| out until the product is below threshold (equal is not below), and count the layers; reject a product that stops changing, and a depth ln(threshold)/ln|factor| >= 2^29");
    }

    /**
     * The derivative of the composition layers[n−1] ∘ … ∘ layers[0] at {@code x}, by the chain
     * rule: run the input forward, and multiply each layer's local derivative, evaluated at the
     * value that flows into that layer.
     *
     * @param layers the functions, first layer first; at least one, none of them null
     * @param x      the input (finite)
     * <p>The result is as accurate as the layers' own derivatives: Commons Math's {@code Tanh} and
     * {@code Sigmoid}, for example, differentiate as 1 − tanh² and σ(1 − σ), which lose digits far
     * out in their tails.
     *
     * @return d/dx of the whole chain at x, the product of the local derivatives in double arithmetic
     * @throws IllegalArgumentException if layers is null or empty, a layer is null, or x is NaN or infinite
     */
    public static double compositeDerivative(List<? extends UnivariateDifferentiableFunction> layers, double x) {
        throw new UnsupportedOperationException("TODO lesson 01: run x forward through the layers and multiply each local derivative, taken at the value entering that layer");
    }

    private static void requireFactors(double[] factors) {
        if (factors == null || factors.length == 0) {
            throw new IllegalArgumentException("a chain needs at least one factor");
        }
        for (int i = 0; i < factors.length; i++) {
            requireFinite("factor " + (i + 1), factors[i]);
        }
    }

    private static void requireFinite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number, got " + value);
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
