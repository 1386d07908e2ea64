package gradientkata.backprop;

import org.apache.commons.math3.analysis.UnivariateFunction;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.MathArrays; // MathArrays.safeNorm, for relativeError

/**
 * Lesson 02: the gradient check. Estimate a gradient by central differences, which need nothing
 * but the forward pass, and compare it with backpropagation's by a relative error.
 */
public final class GradientCheck {

    private GradientCheck() {
    }

    /**
     * The central-difference estimate of f′(x): (f(x + s) − f(x − s)) / 2s. Its error shrinks like
     * s², until the two values of f are too close for a {@code double} to tell apart.
     *
     * <p>Neither the difference of the two values nor 2s may overflow on the way: when either
     * would, the estimate is computed as (f(x + s)/2 − f(x − s)/2) / s instead, so a finite slope
     * of finite values comes back finite.
     *
     * @param f    the function (not null)
     * @param x    where to estimate the slope (finite)
     * @param step the step s, positive and finite, with x + s and x − s finite
     * @return the estimate of f′(x)
     * @throws IllegalArgumentException if f is null, x is not finite, step is not a positive finite
     *                                  number, or x ± step overflows
     */
    public static double centralDifference(UnivariateFunction f, double x, double step) {
        throw new UnsupportedOperationException("TODO lesson 02: return (f(x + step) - f(x - step)) / (2 * step), halving the values before subtracting when the difference or 2 * step would overflow (reject a step that is not positive and finite, and x ± step that overflows)");
    }

    /**
     * Every gradient of a chain's output, estimated by central differences: nudge the input, then
     * each weight and each bias in turn, by ± step, and run the chain forward each time.
     *
     * @param chain the chain (not null)
     * @param x     the input (finite)
     * @param step  the step s, positive and finite, small enough that x, every weight and every
     *              bias stay finite when nudged by it
     * @return estimates of ∂hₙ/∂x, ∂hₙ/∂wₖ and ∂hₙ/∂bₖ
     * @throws IllegalArgumentException if chain is null, x is not finite, step is not a positive
     *                                  finite number, or a nudged value overflows
     */
    public static Gradients numericalGradients(ScalarChain chain, double x, double step) {
        throw new UnsupportedOperationException("TODO lesson 02: estimate dhn/dx, then every dhn/dwk and dhn/dbk, by central differences on the chain's output");
    }

    /**
     * The relative error of two gradients, ‖g − ĝ‖ / (‖g‖ + ‖ĝ‖), with Euclidean norms computed so
     * that they neither underflow nor overflow. It lies between 0 (identical) and 1 (nothing in
     * common, e.g. one of them is zero); two zero vectors agree perfectly, so their error is 0.
     *
     * <p>Every finite entry is legal, up to ±{@code Double.MAX_VALUE}: g − ĝ and ‖g‖ + ‖ĝ‖ would
     * overflow there, so both vectors are first scaled by the power of two that brings their
     * largest entry near 1 (exact, and the ratio does not change).
     *
     * @param exact    g, e.g. from backpropagation
     * @param estimate ĝ, e.g. from central differences, with the same dimension
     * @return the relative error, in [0, 1]
     * @throws IllegalArgumentException if either is null, their dimensions differ, or an entry is NaN or infinite
     */
    public static double relativeError(RealVector exact, RealVector estimate) {
        throw new UnsupportedOperationException("TODO lesson 02: return ||g - gHat|| / (||g|| + ||gHat||) with norms that cannot underflow, after scaling both by a power of two so that nothing overflows (0 when both are zero)");
    }

    /**
     * The relative error of one gradient, |g − ĝ| / (|g| + |ĝ|): the same measure for a single number.
     *
     * <p>Every finite pair is legal: near ±{@code Double.MAX_VALUE}, where g − ĝ and |g| + |ĝ|
     * would overflow, both are first scaled by a power of two (exact, and the ratio does not change).
     *
     * @param exact    g, e.g. from backpropagation (finite)
     * @param estimate ĝ, e.g. from central differences (finite)
     * @return the relative error, in [0, 1]; 0 when both are zero
     * @throws IllegalArgumentException if either is NaN or infinite
     */
    public static double relativeError(double exact, double estimate) {
        throw new UnsupportedOperationException("TODO lesson 02: return |g - gHat| / (|g| + |gHat|), after scaling both by a power of two so that nothing overflows (0 when both are zero)");
    }

    private static double output(ScalarChain chain, double x) {
        double[] activations = chain.forward(x);
        return activations[activations.length - 1];
    }

    private static double[] replaced(double[] values, int index, double value) {
        double[] copy = values.clone();
        copy[index] = value;
        return copy;
    }

    private static void requireFinite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number, got " + value);
        }
    }

    private static void requireStep(double step) {
        if (!(step > 0.0) || Double.isInfinite(step)) {
            throw new IllegalArgumentException("the step size must be a positive finite number, got " + step);
        }
    }
}
