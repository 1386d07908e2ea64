package gradientkata.residual;

import org.apache.commons.math3.analysis.differentiation.DerivativeStructure; // for F′
import org.apache.commons.math3.analysis.differentiation.UnivariateDifferentiableFunction;

/**
 * Lesson 05, scalar form: a deep chain of blocks that all share one function F, with or without
 * the shortcut. A plain block replaces its input, x ← F(x); a residual block adds to it,
 * x ← x + F(x); a block with a scaled shortcut keeps λ times it, x ← λ·x + F(x). The gradient
 * through the chain is a product with one factor per block: F′, 1 + F′ or λ + F′, each taken at
 * the value entering that block.
 */
public final class ResidualChain {

    private ResidualChain() {
    }

    /**
     * Runs {@code x0} through {@code depth} plain blocks: x ← F(x), again and again.
     *
     * @param branch the function F of every block
     * @param x0     the input (not NaN)
     * @param depth  the number of blocks L, zero or more
     * @return x_L, the value leaving the last block (x0 itself for depth 0)
     * @throws IllegalArgumentException if branch is null, x0 is NaN or depth is negative
     */
    public static double plainForward(UnivariateDifferentiableFunction branch, double x0, int depth) {
        requireChain(branch, x0, depth);
        double x = x0;
        for (int block = 0; block < depth; block++) {
            x = branch.value(x);
        }
        return x;
    }

    /**
     * Runs {@code x0} through {@code depth} residual blocks: x ← x + F(x), again and again.
     *
     * @param branch the function F of every block
     * @param x0     the input (not NaN)
     * @param depth  the number of blocks L, zero or more
     * @return x_L, the value leaving the last block (x0 itself for depth 0)
     * @throws IllegalArgumentException if branch is null, x0 is NaN or depth is negative
     */
    public static double residualForward(UnivariateDifferentiableFunction branch, double x0, int depth) {
        requireChain(branch, x0, depth);
        double x = x0;
        for (int block = 0; block < depth; block++) {
            x = x + branch.value(x);
        }
        return x;
    }

    /**
     * The derivative of the plain chain's output with respect to its input: dx_L/dx₀ = Π F′(x_{i−1}),
     * where x_{i−1} is the value entering block i.
     *
     * @param branch the function F of every block
     * @param x0     the input (not NaN)
     * @param depth  the number of blocks L, zero or more
     * @return the product of the blocks' local derivatives (1.0 for depth 0)
     * @throws IllegalArgumentException if branch is null, x0 is NaN or depth is negative
     */
    public static double plainGradient(UnivariateDifferentiableFunction branch, double x0, int depth) {
        requireChain(branch, x0, depth);
        double x = x0;
        double gradient = 1.0;
        for (int block = 0; block < depth; block++) {
            gradient *= derivative(branch, x);
            x = branch.value(x);
        }
        return gradient;
    }

    /**
     * The derivative of the residual chain's output with respect to its input:
     * dx_L/dx₀ = Π (1 + F′(x_{i−1})), where x_{i−1} is the value entering block i. The 1 is the
     * shortcut's own derivative: the gradient that flows around the branch.
     *
     * @param branch the function F of every block
     * @param x0     the input (not NaN)
     * @param depth  the number of blocks L, zero or more
     * @return the product of the blocks' local derivatives 1 + F′ (1.0 for depth 0)
     * @throws IllegalArgumentException if branch is null, x0 is NaN or depth is negative
     */
    public static double residualGradient(UnivariateDifferentiableFunction branch, double x0, int depth) {
        requireChain(branch, x0, depth);
        double x = x0;
        double gradient = 1.0;
        for (int block = 0; block < depth; block++) {
            double slope = derivative(branch, x);
            gradient *= 1.0 + slope;
            x = x + branch.value(x);
        }
        return gradient;
    }

    /**
     * The derivative of a chain of blocks with a scaled shortcut, x ← λ·x + F(x), with respect to
     * its input: Π (λ + F′(x_{i−1})). With λ = 0 this is the plain chain, with λ = 1 the residual
     * one; when F′ is small it is close to λᴸ, and exactly λᴸ when F′ ≡ 0.
     *
     * @param branch   the function F of every block
     * @param shortcut the shortcut's scale λ (not NaN)
     * @param x0       the input (not NaN)
     * @param depth    the number of blocks L, zero or more
     * @return the product of the blocks' local derivatives λ + F′ (1.0 for depth 0)
     * @throws IllegalArgumentException if branch is null, shortcut or x0 is NaN, or depth is negative
     */
    public static double scaledGradient(UnivariateDifferentiableFunction branch, double shortcut, double x0, int depth) {
        requireChain(branch, x0, depth);
        if (Double.isNaN(shortcut)) {
            throw new IllegalArgumentException("the shortcut scale λ is NaN");
        }
        double x = x0;
        double gradient = 1.0;
        for (int block = 0; block < depth; block++) {
            gradient *= shortcut + derivative(branch, x);
            x = shortcut * x + branch.value(x);
        }
        return gradient;
    }

    /** F′(x), by forward-mode differentiation. */
    private static double derivative(UnivariateDifferentiableFunction branch, double x) {
        return branch.value(new DerivativeStructure(1, 1, 0, x)).getPartialDerivative(1);
    }

    private static void requireChain(UnivariateDifferentiableFunction branch, double x0, int depth) {
        if (branch == null) {
            throw new IllegalArgumentException("a chain of blocks needs a branch function F, got null");
        }
        if (Double.isNaN(x0)) {
            throw new IllegalArgumentException("the input x0 is NaN");
        }
        if (depth < 0) {
            throw new IllegalArgumentException("the depth must be zero or more, got " + depth);
        }
    }
}
