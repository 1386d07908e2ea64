package gradientkata.convexity;

import static gradientkata.convexity.Fixtures.assertMatrixClose;
import static gradientkata.convexity.Fixtures.assertOracle;
import static gradientkata.convexity.Fixtures.assertVectorClose;
import static gradientkata.convexity.Fixtures.first;
import static gradientkata.convexity.Fixtures.matrix;
import static gradientkata.convexity.Fixtures.second;
import static gradientkata.convexity.Fixtures.smallestEigenvalueHere;
import static gradientkata.convexity.Fixtures.variables;
import static gradientkata.convexity.Fixtures.vector;
import static gradientkata.support.Expect.assertClose;
import static gradientkata.support.Expect.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import gradientkata.convexity.Fixtures.Data;
import gradientkata.support.Oracle;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Lesson 07 · Convexity: logistic regression's loss is a bowl")
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class LogisticRegressionTest {

    /** Relative tolerance against 400-digit values: a handful of roundings. */
    private static final double TOLERANCE = 1e-12;

    /** Relative tolerance against forward mode on 20 examples: sums of 20 terms in two different orders. */
    private static final double FORWARD_TOLERANCE = 1e-11;

    @Nested
    @Order(1)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    @DisplayName("One example, any logit: no overflow, no cancellation (values from 400-digit arithmetic)")
    class OneExample {

        @Order(1)
        @Test
        @DisplayName("σ(z) and softplus(z) = log(1 + e^z)")
        void sigmoidAndSoftplus() {
            Oracle.eachRow("/oracle/07-convexity/one-example.csv", row -> sigmoidAndSoftplus(row.real(0), row.real(3), row.real(4)));
        }

        private void sigmoidAndSoftplus(double z, double sigmoid, double softplus) {
            assertOracle(LogisticRegression.sigmoid(z), sigmoid, TOLERANCE, "σ(" + z + ")",
                    "For z < 0 write σ(z) = e^z/(1 + e^z), so that e^{−z} never overflows.");
            assertOracle(LogisticRegression.softplus(z), softplus, TOLERANCE, "softplus(" + z + ")",
                    "log(1 + e^z) = max(z, 0) + log1p(e^{−|z|}): e^800 overflows to Infinity, and 1 + e^{−40} rounds to 1.");
            // σ(z) + σ(−z) = 1 and softplus(z) − softplus(−z) = z: both sides of zero must be right, not just one.
            assertClose(LogisticRegression.sigmoid(z) + LogisticRegression.sigmoid(-z), 1.0, TOLERANCE,
                    "σ(" + z + ") + σ(" + (-z) + ")", "The two tails of σ add up to one.");
            assertThat(Math.abs(LogisticRegression.softplus(z) - LogisticRegression.softplus(-z) - z))
                    .withFailMessage("softplus(%s) − softplus(%s) should be %s, but it is %s: log(1 + e^z) − log(1 + e^{−z}) = z.",
                            z, -z, z, LogisticRegression.softplus(z) - LogisticRegression.softplus(-z))
                    .isLessThanOrEqualTo(TOLERANCE * Math.max(1, Math.abs(z)));
        }

        @Order(2)
        @Test
        @DisplayName("the cross-entropy of one example is softplus(−z) for label 1 and softplus(z) for label 0")
        void crossEntropy() {
            Oracle.eachRow("/oracle/07-convexity/one-example.csv", row -> crossEntropy(row.real(0), row.real(1), row.real(2)));
        }

        private void crossEntropy(double z, double y, double crossEntropy) {
            assertOracle(LogisticRegression.crossEntropy(z, y), crossEntropy, TOLERANCE,
                    "the cross-entropy of logit " + z + " with label " + (int) y,
                    "log(1 + e^z) − y·z loses everything to cancellation for y = 1 and large z (40 + 4e−18 − 40 = 0); "
                            + "softplus(−z) keeps it.");
            // The two labels' cross-entropies differ by exactly z: softplus(z) − softplus(−z) = z.
            double difference = LogisticRegression.crossEntropy(z, 0) - LogisticRegression.crossEntropy(z, 1);
            assertThat(Math.abs(difference - z))
                    .withFailMessage("crossEntropy(%s, 0) − crossEntropy(%s, 1) should be %s, but it is %s: the two labels' "
                            + "losses differ by the logit itself.", z, z, z, difference)
                    .isLessThanOrEqualTo(TOLERANCE * Math.max(1, Math.abs(z)));
        }

        @Order(3)
        @Test
        @DisplayName("a data set of one example x = (1) at w = (z): loss, gradient σ(z) − y and Hessian σ(z)(1 − σ(z))")
        void oneExampleDataSet() {
            Oracle.eachRow("/oracle/07-convexity/one-example.csv",
                    row -> oneExampleDataSet(row.real(0), row.real(1), row.real(2), row.real(5), row.real(6)));
        }

        private void oneExampleDataSet(double z, double y, double crossEntropy, double error, double hessian) {
            RealMatrix x = matrix("1");
            RealVector w = vector(z);
            assertOracle(LogisticRegression.loss(x, vector(y), w), crossEntropy, TOLERANCE,
                    "the loss of one example with logit " + z + " and label " + (int) y,
                    "With one example the mean cross-entropy is that example's cross-entropy.");
            RealVector g = LogisticRegression.gradient(x, vector(y), w);
            assertThat(g).as("the gradient at w = (%s)", z).isNotNull();
            assertThat(g.getDimension()).as("the size of the gradient").isEqualTo(1);
            assertOracle(g.getEntry(0), error, TOLERANCE, "the gradient at logit " + z + " with label " + (int) y,
                    "The error p − y: for y = 1 compute it as −σ(−z), since σ(40) rounds to 1 and 1 − 1 = 0 loses the 4e−18.");
            RealMatrix h = LogisticRegression.hessian(x, w);
            assertThat(h).as("the Hessian at w = (%s)", z).isNotNull();
            assertThat(h.getRowDimension()).as("the size of the Hessian").isEqualTo(1);
            assertOracle(h.getEntry(0, 0), hessian, TOLERANCE, "the Hessian at logit " + z,
                    "The weight p(1 − p) is computed as σ(z)·σ(−z): with p = σ(700) = 1.0, 1 − p is 0 but the true value is 1e−304.");
        }
    }

    @Nested
    @Order(2)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    @DisplayName("Loss, gradient Xᵀ(p − y)/m and Hessian XᵀSX/m agree with independent computations")
    class Derivatives {

        private final RealMatrix tinyX = matrix("1 0.5 -1.5; 1 -2 0.25; 1 1 1; 1 -0.5 3");
        private final RealVector tinyY = vector(1, 0, 0, 1);
        private final RealVector tinyW = vector(0.25, -1, 0.5);

        @Order(1)
        @Test
        @DisplayName("four examples, three weights: every value against 400-digit arithmetic")
        void tinyDataSet() {
            Oracle.eachRow("/oracle/07-convexity/tiny-logistic.csv", row -> tinyDataSet(row.text(0), row.integer(1), row.integer(2), row.real(3)));
        }

        private void tinyDataSet(String quantity, int j, int k, double expected) {
            String why = "Loss (1/m)Σ crossEntropy(xᵢ·w, yᵢ); gradient (1/m)Σ (pᵢ − yᵢ)·xᵢ; Hessian (1/m)Σ pᵢ(1 − pᵢ)·xᵢxᵢᵀ. "
                    + "All three are means over the examples: do not forget the 1/m.";
            switch (quantity) {
                case "loss" -> assertClose(LogisticRegression.loss(tinyX, tinyY, tinyW), expected, TOLERANCE,
                        "the loss on the four-example data set", why);
                case "gradient" -> {
                    RealVector g = LogisticRegression.gradient(tinyX, tinyY, tinyW);
                    assertThat(g).as("the gradient").isNotNull();
                    assertThat(g.getDimension()).as("the size of the gradient: one entry per weight").isEqualTo(3);
                    assertClose(g.getEntry(j), expected, TOLERANCE, "∂L/∂w" + j, why);
                }
                default -> {
                    RealMatrix h = LogisticRegression.hessian(tinyX, tinyW);
                    assertThat(h).as("the Hessian").isNotNull();
                    assertThat(h.getRowDimension()).as("the size of the Hessian: n × n").isEqualTo(3);
                    assertThat(h.getColumnDimension()).as("the size of the Hessian: n × n").isEqualTo(3);
                    assertClose(h.getEntry(j, k), expected, TOLERANCE, "∂²L/∂w" + j + "∂w" + k, why);
                }
            }
        }

        @Order(2)
        @ParameterizedTest(name = "seed {0}, weights of size {1}")
        @CsvSource({"1, 0.5", "2, 2.0", "3, 5.0"})
        @DisplayName("20 seeded examples: the gradient and the Hessian agree with forward-mode differentiation of the loss")
        void agreeWithForwardMode(long seed, double scale) {
            Data data = Data.seeded(seed, 20, 4);
            RealVector w = Fixtures.gaussian(new Well19937c(seed + 100), 4, scale);
            DerivativeStructure loss = Fixtures.logisticLoss(data.x(), data.y(), variables(w, 2));
            RealVector expectedGradient = new ArrayRealVector(4);
            RealMatrix expectedHessian = MatrixUtils.createRealMatrix(4, 4);
            for (int j = 0; j < 4; j++) {
                expectedGradient.setEntry(j, first(loss, j));
                for (int k = 0; k < 4; k++) {
                    expectedHessian.setEntry(j, k, second(loss, j, k));
                }
            }
            assertClose(LogisticRegression.loss(data.x(), data.y(), w), loss.getValue(), FORWARD_TOLERANCE,
                    "the loss on 20 seeded examples", "The mean over the examples of each one's cross-entropy.");
            assertVectorClose(LogisticRegression.gradient(data.x(), data.y(), w), expectedGradient, FORWARD_TOLERANCE,
                    "the gradient on 20 seeded examples",
                    "Forward mode differentiates the loss itself; Xᵀ(p − y)/m must give the same numbers (mind the sign: p − y, not y − p).");
            assertMatrixClose(LogisticRegression.hessian(data.x(), w), expectedHessian, FORWARD_TOLERANCE,
                    "the Hessian on 20 seeded examples",
                    "Entry (j, k) is (1/m)Σ pᵢ(1 − pᵢ)·xᵢⱼ·xᵢₖ: weight every example by p(1 − p), not by p, and divide by m.");
        }
    }

    @Nested
    @Order(3)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    @DisplayName("The loss is convex: a Hessian with no negative eigenvalue, and no point above a chord")
    class Convex {

        @Order(1)
        @ParameterizedTest(name = "seed {0}, weights of size {1}")
        @CsvSource({"4, 0.5", "5, 3.0", "6, 30.0", "7, 0.0"})
        @DisplayName("the Hessian's smallest eigenvalue is ≥ 0, within 1e−12 of its largest entry")
        void hessianIsPositiveSemidefinite(long seed, double scale) {
            // XᵀSX/m with S ≥ 0 gives vᵀHv = (1/m)Σ pᵢ(1 − pᵢ)(xᵢ·v)² ≥ 0 for every v. The eigenvalues are computed
            // here, after dividing by the largest entry (Commons Math's tolerances are absolute); rounding can push
            // a zero eigenvalue slightly below 0, by a few ε of the largest entry, hence the 1e−12.
            Data data = Data.seeded(seed, 12, 5);
            RealVector w = Fixtures.gaussian(new Well19937c(seed + 200), 5, scale);
            RealMatrix h = LogisticRegression.hessian(data.x(), w);
            assertThat(h).as("the Hessian").isNotNull();
            DerivativeStructure loss = Fixtures.logisticLoss(data.x(), data.y(), variables(w, 2));
            assertClose(h.getEntry(0, 0), second(loss, 0, 0), FORWARD_TOLERANCE, "∂²L/∂w0²",
                    "The bias's own curvature (1/m)Σ pᵢ(1 − pᵢ): positive, though tiny when every example is far from the boundary.");
            double smallest = smallestEigenvalueHere(h);
            assertThat(smallest)
                    .withFailMessage("The Hessian's smallest eigenvalue is %s, below −1e−12 × its largest entry %s. "
                            + "XᵀSX/m with every pᵢ(1 − pᵢ) ≥ 0 cannot have a negative eigenvalue: that is why the loss is a bowl.",
                            smallest, Fixtures.largest(h))
                    .isGreaterThanOrEqualTo(-1e-12 * Fixtures.largest(h));
        }

        @Order(2)
        @ParameterizedTest(name = "seed {0}")
        @CsvSource({"8", "9", "10", "11", "12"})
        @DisplayName("on every segment tried, the loss at 19 points between the ends is on or below the chord")
        void lossLiesBelowEveryChord(long seed) {
            // Convexity: L((1 − t)a + tb) ≤ (1 − t)L(a) + tL(b). Rounding can lift a point above the chord by a few ε
            // of the loss, never by 1e−12 of it.
            Data data = Data.seeded(seed, 15, 3);
            RandomGenerator random = new Well19937c(seed + 300);
            RealVector a = Fixtures.gaussian(random, 3, 2.0);
            RealVector b = Fixtures.gaussian(random, 3, 2.0);
            double la = LogisticRegression.loss(data.x(), data.y(), a);
            double lb = LogisticRegression.loss(data.x(), data.y(), b);
            assertClose(la, Fixtures.logisticLoss(data.x(), data.y(), variables(a, 0)).getValue(), FORWARD_TOLERANCE,
                    "the loss at the segment's end a", "The loss must be right before its shape can be.");
            assertClose(lb, Fixtures.logisticLoss(data.x(), data.y(), variables(b, 0)).getValue(), FORWARD_TOLERANCE,
                    "the loss at the segment's end b", "The loss must be right before its shape can be.");
            for (int k = 1; k < 20; k++) {
                double t = k / 20.0;
                double value = LogisticRegression.loss(data.x(), data.y(), a.mapMultiply(1 - t).add(b.mapMultiply(t)));
                double chord = (1 - t) * la + t * lb;
                assertThat(value)
                        .withFailMessage("At t = %s the loss is %s, above the chord's %s: a convex loss lies on or below every chord.",
                                t, value, chord)
                        .isLessThanOrEqualTo(chord + 1e-12 * Math.max(la, lb));
            }
        }
    }

    @Nested
    @Order(4)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    @DisplayName("Bad input gets a clear error, not a wrong number")
    class BadInput {

        private final RealMatrix x = matrix("1 2; 1 -1; 1 0.5");
        private final RealVector y = vector(1, 0, 1);
        private final RealVector w = vector(0.5, -0.5);

        @Order(1)
        @ParameterizedTest(name = "{0}")
        @CsvSource({"sigmoid", "softplus", "crossEntropy"})
        @DisplayName("the one-number methods reject NaN, and the cross-entropy a label other than 0 and 1")
        void oneNumber(String method) {
            switch (method) {
                case "sigmoid" -> assertRejected(() -> LogisticRegression.sigmoid(Double.NaN), "σ(NaN)");
                case "softplus" -> assertRejected(() -> LogisticRegression.softplus(Double.NaN), "softplus(NaN)");
                default -> {
                    assertRejected(() -> LogisticRegression.crossEntropy(Double.NaN, 1), "the cross-entropy of logit NaN");
                    assertRejected(() -> LogisticRegression.crossEntropy(1, 0.5), "the cross-entropy with label 0.5");
                    assertRejected(() -> LogisticRegression.crossEntropy(1, 2), "the cross-entropy with label 2");
                    assertRejected(() -> LogisticRegression.crossEntropy(1, Double.NaN), "the cross-entropy with label NaN");
                }
            }
        }

        @Order(2)
        @ParameterizedTest(name = "{0}")
        @CsvSource({"loss", "gradient", "hessian"})
        @DisplayName("an empty data set, mismatched sizes, and NaN or infinite entries are rejected")
        void dataSets(String method) {
            assertRejected(call(method, new Array2DRowRealMatrix(), new ArrayRealVector(0), new ArrayRealVector(0)),
                    method + " on an empty data set");
            assertRejected(call(method, null, y, w), method + " with no example matrix");
            assertRejected(call(method, x, y, vector(0.5, -0.5, 1)), method + " with 3 weights for 2 columns");
            assertRejected(call(method, x, y, null), method + " with no weights");
            assertRejected(call(method, matrix("1 NaN; 1 -1; 1 0.5"), y, w), method + " with a NaN feature");
            assertRejected(call(method, matrix("1 Infinity; 1 -1; 1 0.5"), y, w), method + " with an infinite feature");
            assertRejected(call(method, x, y, vector(Double.NaN, 0)), method + " with a NaN weight");
            assertRejected(call(method, x, y, vector(Double.NEGATIVE_INFINITY, 0)), method + " with an infinite weight");
        }

        @Order(3)
        @ParameterizedTest(name = "{0}")
        @CsvSource({"loss", "gradient"})
        @DisplayName("labels that are not one per example, or not 0 and 1, are rejected")
        void labels(String method) {
            assertRejected(call(method, x, vector(1, 0), w), method + " with 2 labels for 3 examples");
            assertRejected(call(method, x, null, w), method + " with no labels");
            assertRejected(call(method, x, vector(1, 0, 0.5), w), method + " with a label 0.5");
            assertRejected(call(method, x, vector(1, 0, -1), w), method + " with a label −1");
            assertRejected(call(method, x, vector(1, Double.NaN, 0), w), method + " with a label NaN");
        }

        private ThrowingCallable call(String method, RealMatrix x, RealVector y, RealVector w) {
            return switch (method) {
                case "loss" -> () -> LogisticRegression.loss(x, y, w);
                case "gradient" -> () -> LogisticRegression.gradient(x, y, w);
                default -> () -> LogisticRegression.hessian(x, w);
            };
        }
    }
}
