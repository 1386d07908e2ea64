package gradientkata.exploding;

import org.apache.commons.math3.linear.EigenDecomposition; // for spectralRadius
import org.apache.commons.math3.linear.MatrixUtils; // createRealIdentityMatrix, for power
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularValueDecomposition; // for largestSingularValue
import org.apache.commons.math3.util.MathArrays;

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
        requireSquare(w);
        EigenDecomposition eigen = new EigenDecomposition(w);
        double[] re = eigen.getRealEigenvalues();
        double[] im = eigen.getImagEigenvalues();
        double radius = 0.0;
        for (int i = 0; i < re.length; i++) {
            radius = Math.max(radius, Math.hypot(re[i], im[i]));
        }
        return radius;
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
        requireFinite(w);
        return new SingularValueDecomposition(w).getSingularValues()[0];
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
        requireSquare(w);
        requireSteps(n);
        RealMatrix result = MatrixUtils.createRealIdentityMatrix(w.getRowDimension());
        for (int step = 0; step < n; step++) {
            result = w.multiply(result);
        }
        return result;
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
        requireSquare(w);
        requireSteps(steps);
        if (v == null || v.getDimension() == 0) {
            throw new IllegalArgumentException("the vector is empty");
        }
        if (v.getDimension() != w.getColumnDimension()) {
            throw new IllegalArgumentException("a " + w.getRowDimension() + "x" + w.getColumnDimension()
                    + " matrix cannot multiply a vector of dimension " + v.getDimension());
        }
        if (v.isNaN() || v.isInfinite()) {
            throw new IllegalArgumentException("the vector has a NaN or infinite entry: " + v);
        }
        double[] norms = new double[steps + 1];
        RealVector current = v;
        // safeNorm, not getNorm: √(Σ vᵢ²) overflows once entries pass about 1e154, long before the norm does.
        norms[0] = MathArrays.safeNorm(current.toArray());
        for (int n = 1; n <= steps; n++) {
            current = w.operate(current);
            norms[n] = MathArrays.safeNorm(current.toArray());
        }
        return norms;
    }

    private static void requireSquare(RealMatrix w) {
        requireFinite(w);
        if (!w.isSquare()) {
            throw new IllegalArgumentException("the matrix must be square to be raised to powers, but it is "
                    + w.getRowDimension() + "x" + w.getColumnDimension());
        }
    }

    private static void requireFinite(RealMatrix w) {
        if (w == null) {
            throw new IllegalArgumentException("the matrix is missing (null)");
        }
        for (int i = 0; i < w.getRowDimension(); i++) {
            for (int j = 0; j < w.getColumnDimension(); j++) {
                double entry = w.getEntry(i, j);
                if (!Double.isFinite(entry)) {
                    throw new IllegalArgumentException("the matrix entry (" + i + ", " + j + ") is " + entry
                            + ": every entry must be a finite number");
                }
            }
        }
    }

    private static void requireSteps(int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("the number of steps must be zero or more, got " + steps);
        }
    }
}
