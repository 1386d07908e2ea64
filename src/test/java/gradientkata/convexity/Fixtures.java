package gradientkata.convexity;

import static gradientkata.support.Expect.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * Lesson 07's test helpers: data sets, independent references (the losses written out with
 * {@link DerivativeStructure}, so that every derivative the tests expect comes from forward-mode
 * differentiation, not from the code under test), and comparisons with messages.
 */
final class Fixtures {

    private Fixtures() {
    }

    static RealVector vector(double... entries) {
        return new ArrayRealVector(entries);
    }

    /** "0.9 5; 0 0.9" → the matrix with rows [0.9, 5] and [0, 0.9]. */
    static RealMatrix matrix(String rows) {
        return MatrixUtils.createRealMatrix(Arrays.stream(rows.split(";"))
                .map(r -> Arrays.stream(r.strip().split("\\s+")).mapToDouble(Double::parseDouble).toArray())
                .toArray(double[][]::new));
    }

    /** A seeded data set: m examples, a first column of ones (the bias) and n − 1 features drawn from N(0, 1), random labels. */
    record Data(RealMatrix x, RealVector y) {

        static Data seeded(long seed, int m, int n) {
            RandomGenerator random = new Well19937c(seed);
            RealMatrix x = MatrixUtils.createRealMatrix(m, n);
            RealVector y = new ArrayRealVector(m);
            for (int i = 0; i < m; i++) {
                x.setEntry(i, 0, 1.0);
                for (int j = 1; j < n; j++) {
                    x.setEntry(i, j, random.nextGaussian());
                }
                y.setEntry(i, random.nextBoolean() ? 1.0 : 0.0);
            }
            return new Data(x, y);
        }

        /** Four points of XOR (label 1 where the signs agree), four more near them, and two points at the origin with opposite labels. */
        static Data xor() {
            return new Data(matrix("1 1; 1 -1; -1 1; -1 -1; 0.5 1; -1 0.5; 1 -0.5; -0.5 -1; 0 0; 0 0"),
                    vector(1, 0, 0, 1, 1, 0, 0, 1, 0, 1));
        }
    }

    static RealVector gaussian(RandomGenerator random, int size, double scale) {
        RealVector v = new ArrayRealVector(size);
        for (int j = 0; j < size; j++) {
            v.setEntry(j, scale * random.nextGaussian());
        }
        return v;
    }

    /** The variables θ₀ … θ_{n−1} of forward mode, of the given order. */
    static DerivativeStructure[] variables(RealVector point, int order) {
        int n = point.getDimension();
        DerivativeStructure[] v = new DerivativeStructure[n];
        for (int j = 0; j < n; j++) {
            v[j] = new DerivativeStructure(n, order, j, point.getEntry(j));
        }
        return v;
    }

    /** −log σ(a) for y = 1, −log(1 − σ(a)) for y = 0, written as log(1 + e^{∓a}) on a DerivativeStructure (fine for |a| below about 700). */
    static DerivativeStructure crossEntropy(DerivativeStructure a, double y) {
        DerivativeStructure signed = y == 1.0 ? a.negate() : a;
        return signed.exp().log1p();
    }

    /** Logistic regression's mean cross-entropy on forward-mode variables w. */
    static DerivativeStructure logisticLoss(RealMatrix x, RealVector y, DerivativeStructure[] w) {
        DerivativeStructure sum = w[0].getField().getZero();
        for (int i = 0; i < x.getRowDimension(); i++) {
            DerivativeStructure z = w[0].linearCombination(x.getRow(i), w);
            sum = sum.add(crossEntropy(z, y.getEntry(i)));
        }
        return sum.divide(x.getRowDimension());
    }

    /** The one-hidden-layer net's mean cross-entropy, θ laid out as W row by row, b, v, c. */
    static DerivativeStructure netLoss(int inputs, int hidden, RealMatrix x, RealVector y, DerivativeStructure[] theta) {
        DerivativeStructure sum = theta[0].getField().getZero();
        for (int i = 0; i < x.getRowDimension(); i++) {
            DerivativeStructure a = theta[hidden * inputs + 2 * hidden];
            for (int j = 0; j < hidden; j++) {
                DerivativeStructure pre = theta[hidden * inputs + j];
                for (int k = 0; k < inputs; k++) {
                    pre = pre.add(theta[j * inputs + k].multiply(x.getEntry(i, k)));
                }
                a = a.add(theta[hidden * inputs + hidden + j].multiply(pre.tanh()));
            }
            sum = sum.add(crossEntropy(a, y.getEntry(i)));
        }
        return sum.divide(x.getRowDimension());
    }

    /** The net's loss as a plain number, by the same formula. */
    static double netLossValue(int inputs, int hidden, RealMatrix x, RealVector y, RealVector theta) {
        return netLoss(inputs, hidden, x, y, variables(theta, 0)).getValue();
    }

    static double partial(DerivativeStructure f, int... orders) {
        return f.getPartialDerivative(orders);
    }

    /** ∂f/∂θⱼ. */
    static double first(DerivativeStructure f, int j) {
        int[] orders = new int[f.getFreeParameters()];
        orders[j] = 1;
        return f.getPartialDerivative(orders);
    }

    /** ∂²f/∂θⱼ∂θₖ. */
    static double second(DerivativeStructure f, int j, int k) {
        int[] orders = new int[f.getFreeParameters()];
        orders[j]++;
        orders[k]++;
        return f.getPartialDerivative(orders);
    }

    /** The eigenvalues of a symmetric matrix, computed here after dividing by its largest entry. */
    static double smallestEigenvalueHere(RealMatrix symmetric) {
        double scale = 0;
        for (int j = 0; j < symmetric.getRowDimension(); j++) {
            for (int k = 0; k < symmetric.getColumnDimension(); k++) {
                scale = Math.max(scale, Math.abs(symmetric.getEntry(j, k)));
            }
        }
        if (scale == 0) {
            return 0;
        }
        return Arrays.stream(new EigenDecomposition(symmetric.scalarMultiply(1 / scale)).getRealEigenvalues()).min().orElseThrow() * scale;
    }

    /** Entry by entry: finite, and within {@code tolerance} of the expected entry, relative to the largest expected entry (at least 1e−300). */
    static void assertVectorClose(RealVector actual, RealVector expected, double tolerance, String what, String why) {
        assertThat(actual).withFailMessage("%s came back as null (expected %s). %s", what, expected, why).isNotNull();
        assertThat(actual.getDimension()).withFailMessage("%s has %d entries, expected %d. %s", what, actual.getDimension(),
                expected.getDimension(), why).isEqualTo(expected.getDimension());
        double scale = Math.max(1e-300, expected.getLInfNorm());
        for (int j = 0; j < expected.getDimension(); j++) {
            double a = actual.getEntry(j);
            double e = expected.getEntry(j);
            assertThat(a).withFailMessage("%s: entry %d came back as %s, not a finite number (expected %s). %s", what, j, a, e, why)
                    .isFinite();
            assertThat(Math.abs(a - e)).withFailMessage("%s: entry %d should be %s (to within %s) but is %s. %s",
                    what, j, e, tolerance * scale, a, why).isLessThanOrEqualTo(tolerance * scale);
        }
    }

    /** Entry by entry, like {@link #assertVectorClose}, relative to the largest expected entry. */
    static void assertMatrixClose(RealMatrix actual, RealMatrix expected, double tolerance, String what, String why) {
        int rows = expected.getRowDimension();
        int columns = expected.getColumnDimension();
        assertThat(actual).withFailMessage("%s came back as null. %s", what, why).isNotNull();
        assertThat(new int[] {actual.getRowDimension(), actual.getColumnDimension()})
                .withFailMessage("%s should be %d × %d but is %d × %d. %s", what, rows, columns,
                        actual.getRowDimension(), actual.getColumnDimension(), why)
                .containsExactly(rows, columns);
        double scale = Math.max(1e-300, expected.getNorm() == 0 ? 0 : largest(expected));
        for (int j = 0; j < rows; j++) {
            for (int k = 0; k < columns; k++) {
                double a = actual.getEntry(j, k);
                double e = expected.getEntry(j, k);
                assertThat(a).withFailMessage("%s: entry (%d, %d) came back as %s, not a finite number (expected %s). %s",
                        what, j, k, a, e, why).isFinite();
                assertThat(Math.abs(a - e)).withFailMessage("%s: entry (%d, %d) should be %s (to within %s) but is %s. %s",
                        what, j, k, e, tolerance * scale, a, why).isLessThanOrEqualTo(tolerance * scale);
            }
        }
    }

    static double largest(RealMatrix m) {
        double largest = 0;
        for (int j = 0; j < m.getRowDimension(); j++) {
            for (int k = 0; k < m.getColumnDimension(); k++) {
                largest = Math.max(largest, Math.abs(m.getEntry(j, k)));
            }
        }
        return largest;
    }

    /** A value from the oracle: exactly when 0 is expected, else to a relative tolerance. */
    static void assertOracle(double actual, double expected, double relativeTolerance, String what, String why) {
        if (expected == 0.0) {
            // The true value is below the smallest double (or zero): the correctly rounded answer is 0 (of either sign).
            assertThat(actual).withFailMessage("%s: expected 0 (the true value is too small for a double) but got %s. %s",
                    what, actual, why).isIn(0.0, -0.0);
        } else {
            assertClose(actual, expected, relativeTolerance, what, why);
        }
    }
}
