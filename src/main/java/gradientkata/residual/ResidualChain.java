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
     * @param x0     the input, a finite number
     * @param depth  the number of blocks L, zero or more
     * @return x_L, the value leaving the last block (x0 itself for depth 0)
     * @throws IllegalArgumentException if branch is null, x0 is NaN or infinite, or depth is negative
     */
    public static double plainForward(UnivariateDifferentiableFunction branch, double x0, int depth) {
        throw new UnsupportedOperationException("TODO lesson 05: apply the branch to x depth times, x ← F(x), and return the last value (reject a null branch, a NaN x0 and a negative depth)");
    }

    /**
     * Runs {@code x0} through {@code depth} residual blocks: x ← x + F(x), again and again.
     *
     * @param branch the function F of every block
     * @param x0     the input, a finite number
     * @param depth  the number of blocks L, zero or more
     * @return x_L, the value leaving the last block (x0 itself for depth 0)
     * @throws IllegalArgumentException if branch is null, x0 is NaN or infinite, or depth is negative
     */
    public static double residualForward(UnivariateDifferentiableFunction branch, double x0, int depth) {
        throw new UnsupportedOperationException("TODO lesson 05: add the branch to x depth times, x ← x + F(x), and return the last value (reject bad input as in plainForward)");
    }

    /**
     * The derivative of the plain chain's output with respect to its input: dx_L/dx₀ = Π F′(x_{i−1}),
     * where x_{i−1} is the value entering block i.
     *
     * @param branch the function F of every block
     * @param x0     the input, a finite number
     * @param depth  the number of blocks L, zero or more
     * @return the product of the blocks' local derivatives (1.0 for depth 0)
     * @throws IllegalArgumentException if branch is null, x0 is NaN or infinite, or depth is negative
     */
    public static double plainGradient(UnivariateDifferentiableFunction branch, double x0, int depth) {
        throw new UnsupportedOperationException("TODO lesson 05: multiply the F′ of every block, taken at the value entering it, then move x on to F(x); start the product at 1.0");
    }

    /**
     * The derivative of the residual chain's output with respect to its input:
     * dx_L/dx₀ = Π (1 + F′(x_{i−1})), where x_{i−1} is the value entering block i. The 1 is the
     * shortcut's own derivative: the gradient that flows around the branch.
     *
     * @param branch the function F of every block
     * @param x0     the input, a finite number
     * @param depth  the number of blocks L, zero or more
     * @return the product of the blocks' local derivatives 1 + F′ (1.0 for depth 0)
     * @throws IllegalArgumentException if branch is null, x0 is NaN or infinite, or depth is negative
     */
    public static double residualGradient(UnivariateDifferentiableFunction branch, double x0, int depth) {
        throw new UnsupportedOperationException("TODO lesson 05: multiply 1 + F′ for every block, F′ taken at the value entering it, then move x on to x + F(x); the 1 is the shortcut");
    }

    /**
     * The derivative of a chain of blocks with a scaled shortcut, x ← λ·x + F(x), with respect to
     * its input: Π (λ + F′(x_{i−1})). With λ = 0 this is the plain chain, with λ = 1 the residual
     * one; when F′ is small it is close to λᴸ, and exactly λᴸ when F′ ≡ 0.
     *
     * @param branch   the function F of every block
     * @param shortcut the shortcut's scale λ, a finite number
     * @param x0       the input, a finite number
     * @param depth    the number of blocks L, zero or more
     * @return the product of the blocks' local derivatives λ + F′ (1.0 for depth 0)
     * @throws IllegalArgumentException if branch is null, shortcut or x0 is NaN or infinite, or depth is negative
     */
    public static double scaledGradient(UnivariateDifferentiableFunction branch, double shortcut, double x0, int depth) {
        throw new UnsupportedOperationException("TODO lesson 05: multiply λ + F′ for every block, F′ taken at the value entering it, then move x on to λ·x + F(x) (reject a NaN λ)");
    }
}
