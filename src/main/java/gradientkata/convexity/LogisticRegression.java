package gradientkata.convexity;

import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/**
 * Lesson 07, the convex half: logistic regression. A data set is a matrix {@code x} with one row
 * per example (m rows, n columns) and a vector {@code y} of m labels, each 0 or 1. The model
 * gives example i the logit zᵢ = xᵢ·w and the probability pᵢ = σ(zᵢ) of label 1; its loss is the
 * mean cross-entropy
 *
 * <pre>
 *   L(w) = (1/m) Σᵢ [ log(1 + e^{zᵢ}) − yᵢ·zᵢ ]
 * </pre>
 *
 * with gradient Xᵀ(p − y)/m and Hessian XᵀSX/m, S = diag(pᵢ(1 − pᵢ)). A bias is a column of ones
 * in {@code x}. Every method is exact to rounding for any finite logit, however large: the naive
 * formulas overflow or cancel long before the true values do.
 */
public final class LogisticRegression {

    private LogisticRegression() {
    }

    /**
     * σ(z) = 1 / (1 + e^{−z}), without overflow for any z.
     *
     * @param z any number but NaN (σ(−∞) = 0, σ(+∞) = 1)
     * @throws IllegalArgumentException if z is NaN
     */
    public static double sigmoid(double z) {
        throw new UnsupportedOperationException("TODO lesson 07: return 1/(1 + e^{−z}) for z ≥ 0 and e^z/(1 + e^z) for z < 0, so that nothing overflows (reject NaN with requireNumber)");
    }

    /**
     * softplus(z) = log(1 + e^z), without overflow for large z and without losing the tiny answer
     * for very negative z: softplus(800) = 800, softplus(−40) ≈ 4.25e−18.
     *
     * @param z any number but NaN (softplus(−∞) = 0, softplus(+∞) = +∞)
     * @throws IllegalArgumentException if z is NaN
     */
    public static double softplus(double z) {
        throw new UnsupportedOperationException("TODO lesson 07: return log(1 + e^z) as max(z, 0) + log1p(e^{−|z|}), which never overflows (reject NaN with requireNumber)");
    }

    /**
     * The cross-entropy of one example with logit z and label y: −log σ(z) when y = 1, −log(1 − σ(z))
     * when y = 0. Equal to log(1 + e^z) − y·z, but computed without cancellation: for y = 1 it is
     * softplus(−z), for y = 0 softplus(z).
     *
     * @param z the example's logit, any number but NaN
     * @param y the example's label, 0 or 1
     * @throws IllegalArgumentException if z is NaN or y is not 0 or 1
     */
    public static double crossEntropy(double z, double y) {
        throw new UnsupportedOperationException("TODO lesson 07: return softplus(−z) for label 1 and softplus(z) for label 0 (check y with requireLabel; softplus rejects a NaN z)");
    }

    /**
     * The mean cross-entropy L(w) = (1/m) Σᵢ crossEntropy(xᵢ·w, yᵢ).
     *
     * @param x the examples, m × n with m ≥ 1 and n ≥ 1, all entries finite
     * @param y the m labels, each 0 or 1
     * @param w the n weights, all finite
     * @return L(w) ≥ 0
     * @throws IllegalArgumentException if the data set is empty, a dimension does not match, a label
     *                                  is not 0 or 1, or an entry is NaN or infinite
     */
    public static double loss(RealMatrix x, RealVector y, RealVector w) {
        throw new UnsupportedOperationException("TODO lesson 07: return the mean over the rows of x of crossEntropy(xᵢ·w, yᵢ) (check the input with requireData and requireVector first)");
    }

    /**
     * The gradient ∇L(w) = Xᵀ(p − y)/m. Each error pᵢ − yᵢ is computed without cancellation: for
     * yᵢ = 1 it is −σ(−zᵢ), which stays accurate when σ(zᵢ) rounds to 1.
     *
     * @param x the examples, m × n with m ≥ 1 and n ≥ 1, all entries finite
     * @param y the m labels, each 0 or 1
     * @param w the n weights, all finite
     * @return the n partial derivatives ∂L/∂wⱼ
     * @throws IllegalArgumentException as {@link #loss}
     */
    public static RealVector gradient(RealMatrix x, RealVector y, RealVector w) {
        throw new UnsupportedOperationException("TODO lesson 07: return Xᵀ(p − y)/m, writing pᵢ − yᵢ as −σ(−zᵢ) when yᵢ = 1 (check the input with requireData and requireVector first)");
    }

    /**
     * The Hessian ∇²L(w) = XᵀSX/m with S = diag(pᵢ(1 − pᵢ)): entry (j, k) is
     * (1/m) Σᵢ pᵢ(1 − pᵢ)·xᵢⱼ·xᵢₖ. The weight pᵢ(1 − pᵢ) is computed as σ(zᵢ)·σ(−zᵢ), which stays
     * accurate in the tails where 1 − pᵢ would round to 0. The result is exactly symmetric. It does
     * not depend on the labels.
     *
     * @param x the examples, m × n with m ≥ 1 and n ≥ 1, all entries finite
     * @param w the n weights, all finite
     * @return the n × n Hessian, positive semidefinite
     * @throws IllegalArgumentException if the data set is empty, w does not match x's columns, or an
     *                                  entry is NaN or infinite
     */
    public static RealMatrix hessian(RealMatrix x, RealVector w) {
        throw new UnsupportedOperationException("TODO lesson 07: return XᵀSX/m, entry (j, k) = (1/m)Σ σ(zᵢ)·σ(−zᵢ)·xᵢⱼ·xᵢₖ, exactly symmetric (check the input with requireExamples and requireVector first)");
    }

    // ---- the checks every method makes first (given: call them, do not change them) ----

    /** Rejects NaN. */
    static void requireNumber(String name, double value) {
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException(name + " is NaN");
        }
    }

    /** Rejects a label other than 0 and 1. */
    static void requireLabel(double label) {
        if (label != 0.0 && label != 1.0) {
            throw new IllegalArgumentException("a label must be 0 or 1, not " + label);
        }
    }

    /** Rejects a missing or empty example matrix, and NaN or infinite entries. */
    static void requireExamples(RealMatrix x) {
        if (x == null) {
            throw new IllegalArgumentException("the example matrix x is missing");
        }
        if (x.getRowDimension() == 0 || x.getColumnDimension() == 0) {
            throw new IllegalArgumentException("the data set is empty: x is " + x.getRowDimension() + " × "
                    + x.getColumnDimension() + ", and a mean over no examples is undefined");
        }
        for (int i = 0; i < x.getRowDimension(); i++) {
            for (int j = 0; j < x.getColumnDimension(); j++) {
                if (!Double.isFinite(x.getEntry(i, j))) {
                    throw new IllegalArgumentException("x has " + x.getEntry(i, j) + " at (" + i + ", " + j
                            + "): every feature must be a finite number");
                }
            }
        }
    }

    /** Rejects bad examples, labels that do not match them in number, and labels other than 0 and 1. */
    static void requireData(RealMatrix x, RealVector y) {
        requireExamples(x);
        if (y == null) {
            throw new IllegalArgumentException("the label vector y is missing");
        }
        if (y.getDimension() != x.getRowDimension()) {
            throw new IllegalArgumentException("x has " + x.getRowDimension() + " examples but y has " + y.getDimension()
                    + " labels: one label per row of x");
        }
        for (int i = 0; i < y.getDimension(); i++) {
            if (y.getEntry(i) != 0.0 && y.getEntry(i) != 1.0) {
                throw new IllegalArgumentException("label " + i + " is " + y.getEntry(i) + ": every label must be 0 or 1");
            }
        }
    }

    /** Rejects a missing vector, one of the wrong size, and NaN or infinite entries. */
    static void requireVector(String name, RealVector v, int size) {
        if (v == null) {
            throw new IllegalArgumentException(name + " is missing");
        }
        if (v.getDimension() != size) {
            throw new IllegalArgumentException(name + " has " + v.getDimension() + " entries, expected " + size);
        }
        for (int j = 0; j < size; j++) {
            if (!Double.isFinite(v.getEntry(j))) {
                throw new IllegalArgumentException(name + " has " + v.getEntry(j) + " at entry " + j
                        + ": every entry must be a finite number");
            }
        }
    }
}
