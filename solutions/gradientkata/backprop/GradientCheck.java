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
        if (f == null) {
            throw new IllegalArgumentException("central differences need a function, not null");
        }
        requireFinite("x", x);
        requireStep(step);
        if (Double.isInfinite(x + step) || Double.isInfinite(x - step)) {
            throw new IllegalArgumentException("x ± step overflows: x = " + x + ", step = " + step);
        }
        double above = f.value(x + step);
        double below = f.value(x - step);
        double difference = above - below;
        if (Double.isInfinite(difference) || Double.isInfinite(2 * step)) {
            return (above / 2 - below / 2) / step;
        }
        return difference / (2 * step);
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
        if (chain == null) {
            throw new IllegalArgumentException("a gradient check needs a chain, not null");
        }
        // centralDifference checks x and step first, before any other nudge
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
        double largest = Math.max(exact.getLInfNorm(), estimate.getLInfNorm());
        if (largest == 0.0) {
            return 0.0;
        }
        int scale = -Math.getExponent(largest);
        RealVector g = exact.map(v -> Math.scalb(v, scale));
        RealVector gHat = estimate.map(v -> Math.scalb(v, scale));
        double denominator = MathArrays.safeNorm(g.toArray()) + MathArrays.safeNorm(gHat.toArray());
        return MathArrays.safeNorm(g.subtract(gHat).toArray()) / denominator;
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
        requireFinite("the exact gradient", exact);
        requireFinite("the estimated gradient", estimate);
        double largest = Math.max(Math.abs(exact), Math.abs(estimate));
        if (largest == 0.0) {
            return 0.0;
        }
        int scale = -Math.getExponent(largest);
        double g = Math.scalb(exact, scale);
        double gHat = Math.scalb(estimate, scale);
        return Math.abs(g - gHat) / (Math.abs(g) + Math.abs(gHat));
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
