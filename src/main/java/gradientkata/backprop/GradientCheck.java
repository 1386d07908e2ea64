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
     * @param f    the function (not null)
     * @param x    where to estimate the slope (finite)
     * @param step the step s, positive and finite
     * @return the estimate of f′(x)
     * @throws IllegalArgumentException if f is null, x is not finite, or step is not a positive finite number
     */
    public static double centralDifference(UnivariateFunction f, double x, double step) {
        throw new UnsupportedOperationException("TODO lesson 02: return (f(x + step) - f(x - step)) / (2 * step) (reject a step that is not positive and finite)");
    }

    /**
     * Every gradient of a chain's output, estimated by central differences: nudge the input, then
     * each weight and each bias in turn, by ± step, and run the chain forward each time.
     *
     * @param chain the chain (not null)
     * @param x     the input (finite)
     * @param step  the step s, positive and finite
     * @return estimates of ∂hₙ/∂x, ∂hₙ/∂wₖ and ∂hₙ/∂bₖ
     * @throws IllegalArgumentException if chain is null, x is not finite, or step is not a positive finite number
     */
    public static Gradients numericalGradients(ScalarChain chain, double x, double step) {
        throw new UnsupportedOperationException("TODO lesson 02: estimate dhn/dx, then every dhn/dwk and dhn/dbk, by central differences on the chain's output");
    }

    /**
     * The relative error of two gradients, ‖g − ĝ‖ / (‖g‖ + ‖ĝ‖), with Euclidean norms computed so
     * that they neither underflow nor overflow. It lies between 0 (identical) and 1 (nothing in
     * common, e.g. one of them is zero); two zero vectors agree perfectly, so their error is 0.
     *
     * @param exact    g, e.g. from backpropagation
     * @param estimate ĝ, e.g. from central differences, with the same dimension
     * @return the relative error, in [0, 1]
     * @throws IllegalArgumentException if either is null, their dimensions differ, or an entry is NaN or infinite
     */
    public static double relativeError(RealVector exact, RealVector estimate) {
        throw new UnsupportedOperationException("TODO lesson 02: return ||g - gHat|| / (||g|| + ||gHat||) with norms that cannot underflow (0 when both are zero)");
    }

    /**
     * The relative error of one gradient, |g − ĝ| / (|g| + |ĝ|): the same measure for a single number.
     *
     * @param exact    g, e.g. from backpropagation (finite)
     * @param estimate ĝ, e.g. from central differences (finite)
     * @return the relative error, in [0, 1]; 0 when both are zero
     * @throws IllegalArgumentException if either is NaN or infinite
     */
    public static double relativeError(double exact, double estimate) {
        throw new UnsupportedOperationException("TODO lesson 02: return |g - gHat| / (|g| + |gHat|) (0 when both are zero)");
    }
}
