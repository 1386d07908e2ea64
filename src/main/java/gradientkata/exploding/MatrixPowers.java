package gradientkata.exploding;

import org.apache.commons.math3.linear.EigenDecomposition; // for spectralRadius
import org.apache.commons.math3.linear.MatrixUtils; // createRealIdentityMatrix, for power
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularValueDecomposition; // for largestSingularValue

/**
 * Lesson 04: a recurrent net unrolled in time multiplies the gradient by the same matrix W at
 * every step. Its eigenvalues decide the long-run growth, its largest singular value bounds a
 * single step, and a non-normal W can grow for a while even when every eigenvalue is below one.
 */
public final class MatrixPowers {

    private MatrixPowers() {
    }

    /**
     * The spectral radius ρ(W): the largest modulus |λ| over the eigenvalues of W, which may be
     * complex. ‖Wⁿv‖ grows or shrinks like ρⁿ in the long run.
     *
     * <p>Commons Math's {@code EigenDecomposition} compares with absolute tolerances (around 1e-12),
     * so it is right only for entries of ordinary size: for entries near 1e10 the radius came out 26%
     * low, and for entries near 1e-20 it throws. ρ(2ᵏ·W) = 2ᵏ·ρ(W), and scaling by a power of two is
     * exact, so W is scaled until its largest entry lies in [1, 2), decomposed, and scaled back.
     *
     * @param w a square matrix with finite entries, of any scale (all zero included)
     * @return max |λᵢ| = max √(re² + im²), to within a relative 1e-9 for well-conditioned
     *         eigenvalues; Infinity only where the radius exceeds the largest double
     * @throws IllegalArgumentException if w is null, not square, or has a NaN or infinite entry
     */
    public static double spectralRadius(RealMatrix w) {
        throw new UnsupportedOperationException("TODO lesson 04: scale w by a power of two, take the largest modulus √(re² + im²) over the eigenvalues of an EigenDecomposition, scale back");
    }

    /**
     * The largest singular value σ₁(W): the most W can stretch any vector in one step,
     * ‖Wv‖ ≤ σ₁·‖v‖, with equality for the right singular vector.
     *
     * <p>Like the eigenvalues, Commons Math's {@code SingularValueDecomposition} uses absolute
     * tolerances; W is scaled by a power of two first (exact), as in {@link #spectralRadius}.
     *
     * @param w a matrix of any shape with finite entries, of any scale (all zero included)
     * @return σ₁ ≥ 0, the spectral norm of W, to within a relative 1e-12; Infinity only where it
     *         exceeds the largest double
     * @throws IllegalArgumentException if w is null or has a NaN or infinite entry
     */
    public static double largestSingularValue(RealMatrix w) {
        throw new UnsupportedOperationException("TODO lesson 04: scale w by a power of two, take the largest singular value from a SingularValueDecomposition, scale back");
    }

    /**
     * Wⁿ, the matrix a gradient is multiplied by after n steps back in time.
     *
     * <p>Computed by repeated squaring, W⁸ = ((W²)²)², so that any int n takes at most about 62
     * matrix products: multiplying by W n times would take minutes for n near 2³¹.
     *
     * @param w a square matrix with finite entries
     * @param n the number of steps, zero or more
     * @return a new matrix Wⁿ (the identity for n = 0) in double arithmetic, where entries that
     *         overflow become ±Infinity and, after that, possibly NaN; w itself is left unchanged
     * @throws IllegalArgumentException if w is null, not square, has a NaN or infinite entry, or n is negative
     */
    public static RealMatrix power(RealMatrix w, int n) {
        throw new UnsupportedOperationException("TODO lesson 04: raise w to the power n by repeated squaring (reject a non-square matrix and a negative n)");
    }

    /**
     * The Euclidean norms ‖Wⁿv‖ for n = 0, 1, …, steps, computed by multiplying the vector by W
     * once per step, as backpropagation through time does (there is no need to form Wⁿ).
     *
     * @param w     a square matrix with finite entries
     * @param v     a non-empty vector with finite entries, of the same dimension as w
     * @param steps the last power, from 0 to Integer.MAX_VALUE − 9 (steps + 1 norms must fit in an array)
     * @return an array of steps + 1 norms; entry n is ‖Wⁿv‖ (entry 0 is ‖v‖), computed without
     *         overflow or underflow on the way; Infinity once an entry of Wⁿv has overflowed
     * @throws IllegalArgumentException if w is null or not square, v is null or empty, the dimensions
     *                                  do not match, an entry is NaN or infinite, or steps is negative or
     *                                  above Integer.MAX_VALUE − 9
     */
    public static double[] powerNorms(RealMatrix w, RealVector v, int steps) {
        throw new UnsupportedOperationException("TODO lesson 04: multiply v by w once per step and record the norm (without squaring entries) before the first step and after each one");
    }
}
