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
     * @param w a square matrix with finite entries
     * @return max |λᵢ| = max √(re² + im²)
     * @throws IllegalArgumentException if w is null, not square, or has a NaN or infinite entry
     */
    public static double spectralRadius(RealMatrix w) {
        throw new UnsupportedOperationException("TODO lesson 04: take the largest modulus √(re² + im²) over the eigenvalues of an EigenDecomposition");
    }

    /**
     * The largest singular value σ₁(W): the most W can stretch any vector in one step,
     * ‖Wv‖ ≤ σ₁·‖v‖, with equality for the right singular vector.
     *
     * @param w a matrix of any shape with finite entries
     * @return σ₁ ≥ 0, the spectral norm of W
     * @throws IllegalArgumentException if w is null or has a NaN or infinite entry
     */
    public static double largestSingularValue(RealMatrix w) {
        throw new UnsupportedOperationException("TODO lesson 04: return the largest singular value from a SingularValueDecomposition");
    }

    /**
     * Wⁿ, the matrix a gradient is multiplied by after n steps back in time.
     *
     * @param w a square matrix with finite entries
     * @param n the number of steps, zero or more
     * @return Wⁿ (the identity for n = 0); w itself is left unchanged
     * @throws IllegalArgumentException if w is null, not square, has a NaN or infinite entry, or n is negative
     */
    public static RealMatrix power(RealMatrix w, int n) {
        throw new UnsupportedOperationException("TODO lesson 04: multiply the identity by w, n times (reject a non-square matrix and a negative n)");
    }

    /**
     * The Euclidean norms ‖Wⁿv‖ for n = 0, 1, …, steps, computed by multiplying the vector by W
     * once per step, as backpropagation through time does (there is no need to form Wⁿ).
     *
     * @param w     a square matrix with finite entries
     * @param v     a non-empty vector with finite entries, of the same dimension as w
     * @param steps the last power, zero or more
     * @return an array of steps + 1 norms; entry n is ‖Wⁿv‖ (entry 0 is ‖v‖)
     * @throws IllegalArgumentException if w is not square, the dimensions do not match, v is empty,
     *                                  an entry is NaN or infinite, or steps is negative
     */
    public static double[] powerNorms(RealMatrix w, RealVector v, int steps) {
        throw new UnsupportedOperationException("TODO lesson 04: multiply v by w once per step and record the norm before the first step and after each one");
    }
}
