package gradientkata.convexity;

import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.analysis.MultivariateVectorFunction;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Lesson 07: three ways to ask whether a function f of a parameter vector is convex. A convex
 * function lies on or below every chord, f((1 − t)·a + t·b) ≤ (1 − t)·f(a) + t·f(b) for t in
 * [0, 1]; a twice-differentiable one is convex exactly when its Hessian has no negative
 * eigenvalue anywhere. One point above one chord, or one negative eigenvalue at one point, is a
 * certificate that f is not convex.
 */
public final class Convexity {

    private Convexity() {
    }

    /**
     * How far f rises above its chord from a to b, at worst. At the interior points
     * tₖ = k/(points − 1), k = 1 … points − 2, it evaluates f at (1 − tₖ)·a + tₖ·b and subtracts
     * the chord (1 − tₖ)·f(a) + tₖ·f(b); it returns the largest of these differences. A positive
     * result is a point above the chord: f is not convex. A convex f gives a result ≤ 0 (up to
     * rounding); a strictly convex one, a negative result.
     *
     * @param f      the function, finite at every point evaluated
     * @param a      one end of the segment, finite entries
     * @param b      the other end, the same size as a
     * @param points the number of evenly spaced points, ends included: at least 3
     * @return max over the interior points of f(point) − chord(point)
     * @throws IllegalArgumentException if f is null, a or b is empty, missing, of another size or not
     *                                  finite, points is below 3, or f is NaN or infinite at a point
     */
    public static double chordGap(MultivariateFunction f, double[] a, double[] b, int points) {
        requireSegment(f, a, b);
        if (points < 3) {
            throw new IllegalArgumentException("a chord check needs at least 3 points (both ends and one between), not " + points);
        }
        double fa = valueAt(f, a, 0.0);
        double fb = valueAt(f, b, 1.0);
        double worst = Double.NEGATIVE_INFINITY;
        for (int k = 1; k < points - 1; k++) {
            double t = (double) k / (points - 1);
            double[] point = new double[a.length];
            for (int j = 0; j < a.length; j++) {
                point[j] = (1 - t) * a[j] + t * b[j];
            }
            double gap = valueAt(f, point, t) - ((1 - t) * fa + t * fb);
            worst = Math.max(worst, gap);
        }
        return worst;
    }

    /**
     * The smallest eigenvalue of a symmetric matrix, with Commons Math's {@link EigenDecomposition}.
     * The decomposition uses absolute tolerances, so the matrix is first divided by its largest
     * entry in absolute value (and the eigenvalue multiplied back): without that, a Hessian with
     * entries near 1e−200 comes back with its diagonal as eigenvalues, and one near 1e200 fails
     * to converge.
     *
     * @param symmetric a square, non-empty matrix with finite entries, symmetric: entries (j, k)
     *                  and (k, j) may differ by at most 1e−12 of the largest entry, and their mean is used
     * @return the smallest eigenvalue (0 for a zero matrix)
     * @throws IllegalArgumentException if the matrix is missing, empty, not square, not symmetric or not finite
     */
    public static double smallestEigenvalue(RealMatrix symmetric) {
        requireSymmetric(symmetric);
        int n = symmetric.getRowDimension();
        double scale = 0.0;
        for (int j = 0; j < n; j++) {
            for (int k = 0; k < n; k++) {
                scale = Math.max(scale, Math.abs(symmetric.getEntry(j, k)));
            }
        }
        if (scale == 0.0) {
            return 0.0;
        }
        RealMatrix scaled = MatrixUtils.createRealMatrix(n, n);
        for (int j = 0; j < n; j++) {
            for (int k = 0; k < n; k++) {
                scaled.setEntry(j, k, (symmetric.getEntry(j, k) / scale + symmetric.getEntry(k, j) / scale) / 2);
            }
        }
        double smallest = Double.POSITIVE_INFINITY;
        for (double eigenvalue : new EigenDecomposition(scaled).getRealEigenvalues()) {
            smallest = Math.min(smallest, eigenvalue);
        }
        return smallest * scale;
    }

    /**
     * The Hessian of a function whose gradient is known, by central differences of that gradient:
     * column k is (∇f(θ + h·eₖ) − ∇f(θ − h·eₖ)) / (2h). The result is made exactly symmetric by
     * averaging it with its transpose. The error is of order h² (from the third derivatives) plus
     * rounding of order ε·|∇f|/h: h = 1e−4 gives about eight good digits for a smooth f of order one.
     *
     * @param gradient the gradient ∇f, finite at every point evaluated, with as many entries as θ
     * @param theta    the point, finite entries, not empty
     * @param step     the step h, finite and greater than 0
     * @return the symmetric n × n matrix of second derivatives, n = θ's size
     * @throws IllegalArgumentException if the gradient is null or returns the wrong size or a non-finite
     *                                  entry, θ is empty or not finite, or the step is out of range
     */
    public static RealMatrix hessianByDifferences(MultivariateVectorFunction gradient, double[] theta, double step) {
        if (gradient == null) {
            throw new IllegalArgumentException("the gradient function is missing");
        }
        requirePoint("θ", theta);
        if (!(step > 0.0) || Double.isInfinite(step)) {
            throw new IllegalArgumentException("the step h must be a finite number above 0, not " + step);
        }
        int n = theta.length;
        RealMatrix h = MatrixUtils.createRealMatrix(n, n);
        for (int k = 0; k < n; k++) {
            double[] up = theta.clone();
            up[k] += step;
            double[] down = theta.clone();
            down[k] -= step;
            double[] gUp = gradientAt(gradient, up, n);
            double[] gDown = gradientAt(gradient, down, n);
            for (int j = 0; j < n; j++) {
                h.setEntry(j, k, (gUp[j] - gDown[j]) / (2 * step));
            }
        }
        return h.add(h.transpose()).scalarMultiply(0.5);
    }

    // ---- the checks every method makes first (given: call them, do not change them) ----

    /** f at a point, which must be finite; t says where on the segment, for the message. */
    static double valueAt(MultivariateFunction f, double[] point, double t) {
        double value = f.value(point);
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("f is " + value + " at t = " + t + " on the segment: the chord check needs finite values");
        }
        return value;
    }

    /** ∇f at a point: n finite entries. */
    static double[] gradientAt(MultivariateVectorFunction gradient, double[] point, int n) {
        double[] g = gradient.value(point);
        if (g == null) {
            throw new IllegalArgumentException("the gradient returned nothing");
        }
        if (g.length != n) {
            throw new IllegalArgumentException("the gradient has " + g.length + " entries at a point with " + n);
        }
        for (double entry : g) {
            if (!Double.isFinite(entry)) {
                throw new IllegalArgumentException("the gradient has an entry " + entry + ": differences of it would mean nothing");
            }
        }
        return g;
    }

    static void requireSegment(MultivariateFunction f, double[] a, double[] b) {
        if (f == null) {
            throw new IllegalArgumentException("the function f is missing");
        }
        requirePoint("the end a", a);
        requirePoint("the end b", b);
        if (a.length != b.length) {
            throw new IllegalArgumentException("the ends have " + a.length + " and " + b.length + " entries: a segment joins two points of one space");
        }
    }

    static void requirePoint(String name, double[] point) {
        if (point == null || point.length == 0) {
            throw new IllegalArgumentException(name + " is missing or empty");
        }
        for (int j = 0; j < point.length; j++) {
            if (!Double.isFinite(point[j])) {
                throw new IllegalArgumentException(name + " has " + point[j] + " at entry " + j + ": every entry must be finite");
            }
        }
    }

    static void requireSymmetric(RealMatrix m) {
        if (m == null) {
            throw new IllegalArgumentException("the matrix is missing");
        }
        int n = m.getRowDimension();
        if (n == 0 || !m.isSquare()) {
            throw new IllegalArgumentException("the matrix is " + n + " × " + m.getColumnDimension() + ": it must be square and not empty");
        }
        double largest = 0.0;
        for (int j = 0; j < n; j++) {
            for (int k = 0; k < n; k++) {
                if (!Double.isFinite(m.getEntry(j, k))) {
                    throw new IllegalArgumentException("the matrix has " + m.getEntry(j, k) + " at (" + j + ", " + k + ")");
                }
                largest = Math.max(largest, Math.abs(m.getEntry(j, k)));
            }
        }
        for (int j = 0; j < n; j++) {
            for (int k = 0; k < n; k++) {
                if (Math.abs(m.getEntry(j, k) - m.getEntry(k, j)) > 1e-12 * largest) {
                    throw new IllegalArgumentException("the matrix is not symmetric: entry (" + j + ", " + k + ") is "
                            + m.getEntry(j, k) + " but (" + k + ", " + j + ") is " + m.getEntry(k, j));
                }
            }
        }
    }
}
