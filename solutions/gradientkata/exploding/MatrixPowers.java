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

    /** The most steps {@link #powerNorms} accepts: steps + 1 norms must fit in a Java array. */
    private static final int MAX_STEPS = Integer.MAX_VALUE - 9;

    private static final int NO_EXPONENT = Integer.MIN_VALUE;

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
        requireSquare(w);
        int exponent = largestExponent(w);
        if (exponent == NO_EXPONENT) {
            return 0.0;
        }
        EigenDecomposition eigen = new EigenDecomposition(scaled(w, -exponent));
        double[] re = eigen.getRealEigenvalues();
        double[] im = eigen.getImagEigenvalues();
        double radius = 0.0;
        for (int i = 0; i < re.length; i++) {
            radius = Math.max(radius, Math.hypot(re[i], im[i]));
        }
        return Math.scalb(radius, exponent);
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
        requireFinite(w);
        int exponent = largestExponent(w);
        if (exponent == NO_EXPONENT) {
            return 0.0;
        }
        return Math.scalb(new SingularValueDecomposition(scaled(w, -exponent)).getSingularValues()[0], exponent);
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
        requireSquare(w);
        requireSteps(n);
        RealMatrix result = MatrixUtils.createRealIdentityMatrix(w.getRowDimension());
        RealMatrix square = w;
        // Invariant: result · squareᵐ = Wⁿ, where m is what is left of n.
        for (int left = n; left > 0; left >>= 1) {
            if ((left & 1) == 1) {
                result = result.multiply(square);
            }
            if (left > 1) {
                square = square.multiply(square);
            }
        }
        return result;
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
        requireSquare(w);
        requireSteps(steps);
        if (steps > MAX_STEPS) {
            throw new IllegalArgumentException(steps + " steps need " + steps + " + 1 norms, more than an array holds");
        }
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
        norms[0] = norm(current);
        for (int n = 1; n <= steps; n++) {
            current = w.operate(current);
            norms[n] = norm(current);
        }
        return norms;
    }

    /**
     * ‖v‖ = √(Σ vᵢ²) without squaring any entry: √(Σ vᵢ²) overflows once entries pass about 1e154
     * and underflows below 1e-162, long before the norm does. Math.hypot gives Infinity as soon as an
     * entry is infinite (even next to a NaN), and NaN otherwise when an entry is NaN.
     */
    private static double norm(RealVector v) {
        double norm = 0.0;
        for (int i = 0; i < v.getDimension(); i++) {
            norm = Math.hypot(norm, v.getEntry(i));
        }
        return norm;
    }

    /** The exponent e of the largest entry's magnitude, in [2ᵉ, 2ᵉ⁺¹), or NO_EXPONENT if every entry is 0. */
    private static int largestExponent(RealMatrix w) {
        double largest = 0.0;
        for (int i = 0; i < w.getRowDimension(); i++) {
            for (int j = 0; j < w.getColumnDimension(); j++) {
                largest = Math.max(largest, Math.abs(w.getEntry(i, j)));
            }
        }
        return largest == 0.0 ? NO_EXPONENT : Math.getExponent(largest);
    }

    /** 2ᵏ·W, entry by entry: exact, except for entries more than 2¹⁰²² times smaller than the largest. */
    private static RealMatrix scaled(RealMatrix w, int k) {
        double[][] entries = w.getData();
        for (double[] row : entries) {
            for (int j = 0; j < row.length; j++) {
                row[j] = Math.scalb(row[j], k);
            }
        }
        return MatrixUtils.createRealMatrix(entries);
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
