package gradientkata.training;

import static gradientkata.support.Expect.assertClose;
import static gradientkata.support.Expect.assertExactly;
import static gradientkata.support.Expect.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import gradientkata.support.Oracle;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.TestMethodOrder;

@DisplayName("Lesson 08 · Training deep nets: the binary cross-entropy on logits")
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class BinaryCrossEntropyTest {

    /** Softplus evaluated stably is accurate to a few ulps; 1e-14 leaves room for the mean's rounding. */
    private static final double TOLERANCE = 1e-14;

    private static final double LN2 = 0.6931471805599453;

    @Nested
    @Order(1)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    @DisplayName("The loss of one sample, from logit 0 to ±1000")
    class Loss {

        @Order(1)
        @Test
        @DisplayName("agrees with 60-digit arithmetic (src/test/oracle/08-training-deep-nets.py), finite even at ±1000")
        void agreesWithTheOracle() {
            Oracle.eachRow("/oracle/08-training-deep-nets/bce.csv", row -> agreesWithTheOracle(row.real(0), row.real(1), row.real(2)));
        }

        private void agreesWithTheOracle(double logit, double label, double expected) {
            // −log σ(z) − (−log(1 − σ(z))) = log((1 − σ(z))/σ(z)) = −z: the logit is the log-odds, so the two
            // labels' losses differ by exactly z. Checked first, because it holds at every logit, 0 excepted.
            if (logit != 0) {
                double difference = BinaryCrossEntropy.loss(new double[] {logit}, new double[] {1})
                        - BinaryCrossEntropy.loss(new double[] {logit}, new double[] {0});
                assertClose(difference, -logit, TOLERANCE, "loss(z, y = 1) − loss(z, y = 0) at z = " + logit,
                        "The logit z is the log-odds log(p/(1 − p)), so the two losses differ by exactly −z.");
            }
            assertClose(BinaryCrossEntropy.loss(new double[] {logit}, new double[] {label}), expected, TOLERANCE,
                    "the cross-entropy of logit " + logit + " with label " + label,
                    "Compute it as softplus(−z) for label 1 and softplus(z) for label 0, with softplus(x) = max(x, 0) + "
                            + "log1p(e^−|x|): −log σ(z) overflows to Infinity at z = −1000 (e¹⁰⁰⁰ is too big), and "
                            + "loses the tiny losses of confident right answers (z = 30) to 1 − σ rounding.");
        }

        @Order(2)
        @Test
        @DisplayName("a batch's loss is the mean of its samples' losses: logits (0, 0, 1000, −1000) with labels (1, 0, 0, 0) give (2 ln 2 + 1000)/4")
        void meanOverTheBatch() {
            double loss = BinaryCrossEntropy.loss(new double[] {0, 0, 1000, -1000}, new double[] {1, 0, 0, 0});
            assertClose(loss, (2 * LN2 + 1000) / 4, TOLERANCE, "the mean loss of four samples",
                    "ln 2 twice (a logit of 0 is a coin toss), 1000 for a confident wrong answer, 0 for a confident "
                            + "right one, divided by the batch size 4: the mean, not the sum.");
        }

        @Order(3)
        @Test
        @DisplayName("an infinite logit is a certain answer: 0 when right, +Infinity when wrong; NaN stays NaN")
        void infiniteAndNaN() {
            double inf = Double.POSITIVE_INFINITY;
            assertExactly(BinaryCrossEntropy.loss(new double[] {inf}, new double[] {1}), 0.0, "the loss of z = +∞, y = 1",
                    "A certain right answer costs nothing.");
            assertExactly(BinaryCrossEntropy.loss(new double[] {-inf}, new double[] {1}), inf, "the loss of z = −∞, y = 1",
                    "A certain wrong answer costs without bound.");
            assertExactly(BinaryCrossEntropy.loss(new double[] {-inf}, new double[] {0}), 0.0, "the loss of z = −∞, y = 0",
                    "A certain right answer costs nothing.");
            double nan = BinaryCrossEntropy.loss(new double[] {1, Double.NaN}, new double[] {1, 0});
            assertThat(nan).withFailMessage("The loss of a batch with a NaN logit should be NaN but came back as %s: a net that "
                    + "blew up must say so, not report a number that looks like progress.", nan).isNaN();
        }
    }

    @Nested
    @Order(2)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    @DisplayName("The gradient ∂loss/∂z = (σ(z) − y)/n")
    class Gradient {

        @Order(1)
        @Test
        @DisplayName("agrees with 60-digit arithmetic, to the last digits even where σ(z) − 1 would cancel")
        void agreesWithTheOracle() {
            Oracle.eachRow("/oracle/08-training-deep-nets/bce.csv", row -> agreesWithTheOracle(row.real(0), row.real(1), row.real(3)));
        }

        private void agreesWithTheOracle(double logit, double label, double expected) {
            double[] gradient = {99};
            BinaryCrossEntropy.gradient(new double[] {logit}, new double[] {label}, gradient);
            assertClose(gradient[0], expected, TOLERANCE, "∂loss/∂z at z = " + logit + ", y = " + label,
                    "σ(z) − y, computed as −σ(−z) for y = 1: at z = 40, σ(z) rounds to 1 and σ(z) − 1 to 0, while the "
                            + "true gradient is −4.2e−18.");
        }

        @Order(2)
        @Test
        @DisplayName("in a batch of n, every entry is divided by n: the gradient of the mean")
        void dividedByTheBatchSize() {
            double[] gradient = new double[4];
            BinaryCrossEntropy.gradient(new double[] {0, 0, 1000, -1000}, new double[] {1, 0, 0, 0}, gradient);
            DenseTest.assertMatrix(new double[][] {gradient}, new double[][] {{-0.125, 0.125, 0.25, 0.0}},
                    "the gradient of a batch of four",
                    "(σ(z) − y)/4: −0.5/4, 0.5/4, 1/4 and 0. The loss is a mean, so each sample's share is divided by n.");
        }
    }

    @Nested
    @Order(3)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    @DisplayName("Bad input gets a clear error, not a wrong number")
    class BadInput {

        @Order(1)
        @Test
        @DisplayName("a label that is not 0 or 1, an empty batch, or arrays of different lengths are rejected")
        void rejects() {
            assertRejected(() -> BinaryCrossEntropy.loss(new double[] {1}, new double[] {0.5}), "a label of 0.5");
            assertRejected(() -> BinaryCrossEntropy.loss(new double[] {1}, new double[] {Double.NaN}), "a NaN label");
            assertRejected(() -> BinaryCrossEntropy.loss(new double[0], new double[0]), "an empty batch");
            assertRejected(() -> BinaryCrossEntropy.loss(new double[] {1, 2}, new double[] {1}), "two logits and one label");
            assertRejected(() -> BinaryCrossEntropy.gradient(new double[] {1}, new double[] {2}, new double[1]), "a label of 2");
            assertRejected(() -> BinaryCrossEntropy.gradient(new double[] {1, 2}, new double[] {1, 0}, new double[1]),
                    "a gradient array of the wrong length");
            assertRejected(() -> BinaryCrossEntropy.gradient(new double[] {1, 2}, new double[] {1, 0}, null), "no gradient array");
            assertRejected(() -> BinaryCrossEntropy.gradient(new double[] {1, 2}, new double[] {1, 0}, new double[3]),
                    "a gradient array longer than the batch");
            assertRejected(() -> BinaryCrossEntropy.gradient(null, new double[] {1}, new double[1]), "no logits");
            assertRejected(() -> BinaryCrossEntropy.gradient(new double[] {1}, null, new double[1]), "no labels");
            assertRejected(() -> BinaryCrossEntropy.loss(null, new double[] {1}), "no logits");
            assertRejected(() -> BinaryCrossEntropy.loss(new double[] {1}, null), "no labels");
            assertRejected(() -> BinaryCrossEntropy.loss(new double[] {1}, new double[] {1, 0}), "one logit and two labels");
        }
    }
}
