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
        if (f == null) {
            throw new IllegalArgumentException("central differences need a function, not null");
        }
        requireFinite("x", x);
        requireStep(step);
        return (f.value(x + step) - f.value(x - step)) / (2 * step);
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
        if (chain == null) {
            throw new IllegalArgumentException("a gradient check needs a chain, not null");
        }
        requireFinite("x", x);
        requireStep(step);
        double[] weights = chain.weights();
        double[] biases = chain.biases();
        double inputGradient = centralDifference(input -> output(chain, input), x, step);
        double[] weightGradients = new double[chain.depth()];
        double[] biasGradients = new double[chain.depth()];
        for (int k = 0; k < chain.depth(); k++) {
            int layer = k;
            weightGradients[k] = centralDifference(
                    w -> output(ScalarChain.of(replaced(weights, layer, w), biases), x), weights[k], step);
            biasGradients[k] = centralDifference(
                    b -> output(ScalarChain.of(weights, replaced(biases, layer, b)), x), biases[k], step);
        }
        return new Gradients(inputGradient, weightGradients, biasGradients);
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
        if (exact == null || estimate == null) {
            throw new IllegalArgumentException("a relative error needs two gradients, not null");
        }
        if (exact.getDimension() != estimate.getDimension()) {
            throw new IllegalArgumentException("the gradients must have the same dimension, but got "
                    + exact.getDimension() + " and " + estimate.getDimension());
        }
        if (exact.isNaN() || exact.isInfinite() || estimate.isNaN() || estimate.isInfinite()) {
            throw new IllegalArgumentException("a relative error needs finite gradients, but an entry is NaN or infinite");
        }
        double denominator = MathArrays.safeNorm(exact.toArray()) + MathArrays.safeNorm(estimate.toArray());
        if (denominator == 0.0) {
            return 0.0;
        }
        return MathArrays.safeNorm(exact.subtract(estimate).toArray()) / denominator;
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
        requireFinite("the exact gradient", exact);
        requireFinite("the estimated gradient", estimate);
        double denominator = Math.abs(exact) + Math.abs(estimate);
        if (denominator == 0.0) {
            return 0.0;
        }
        return Math.abs(exact - estimate) / denominator;
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
