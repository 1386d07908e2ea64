package gradientkata.training;

import static gradientkata.support.Expect.assertExactly;
import static gradientkata.support.Expect.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Lesson 08 · Training deep nets: a dense layer on a mini-batch")
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class DenseTest {

    // A batch of 3 samples with 2 inputs each, one column per sample, and a layer with 4 outputs. Every
    // number is a small binary fraction, so every product and sum is exact and the checks ask for equality.
    private static final double[][] H = {{1, 3, 0}, {2, -1, 0.5}};
    /** W, out × in: weights[j][k] connects input k to output j. */
    private static final double[][] W = {{1, 0.5}, {0, 1}, {-1, 0}, {2, -2}};
    private static final double[] B = {0.5, -1, 0, 0.25};
    /** ∂ℓ/∂Z for the backward checks, out × batch. */
    private static final double[][] G = {{1, 0, 2}, {0, 1, 0}, {0, 0, 1}, {0, -1, 0}};

    private static final double[][] DW = {{1, 3}, {3, -1}, {0, 0.5}, {-3, 1}};
    private static final double[] DB = {3, 1, 1, -1};
    private static final double[][] DH = {{1, -2, 1}, {0.5, 3, 1}};

    @Nested
    @Order(1)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    @DisplayName("Forward: Z = W·H + b, one column per sample")
    class Forward {

        @Order(1)
        @Test
        @DisplayName("by hand: 2 inputs, 4 outputs, 3 samples")
        void byHand() {
            // Column s of Z is b + W·(column s of H): for sample 0, (0.5, −1, 0, 0.25) + W·(1, 2) = (2.5, 1, −1, −1.75).
            double[][] z = filled(4, 3, 99);
            Dense.forward(H, W, B, z);
            assertMatrix(z, new double[][] {{2.5, 3, 0.75}, {1, -2, -0.5}, {-1, -3, 0}, {-1.75, 8.25, -0.75}},
                    "Z = W·H + b",
                    "Output j of sample s is b[j] plus Σ_k W[j][k]·H[k][s]: weights[j][k] connects input k to output j, "
                            + "and b is added to every sample. Every entry of the output array is overwritten (it held 99 "
                            + "before the call).");
        }

        @Order(2)
        @Test
        @DisplayName("infinities and NaN pass through as IEEE arithmetic says: a net that blows up must show it")
        void nonFinitePropagates() {
            double[][] z = new double[1][1];
            Dense.forward(new double[][] {{Double.POSITIVE_INFINITY}, {1}}, new double[][] {{2, 3}}, new double[] {0}, z);
            assertExactly(z[0][0], Double.POSITIVE_INFINITY, "2·∞ + 3·1", "An overflowing activation stays infinite.");
            Dense.forward(new double[][] {{Double.NaN}, {1}}, new double[][] {{2, 3}}, new double[] {0}, z);
            assertThat(z[0][0]).withFailMessage("2·NaN + 3·1 should be NaN but came back as %s: a NaN must stay NaN, not be hidden.", z[0][0])
                    .isNaN();
        }
    }

    @Nested
    @Order(2)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    @DisplayName("Backward: ∂ℓ/∂W = G·Hᵀ, ∂ℓ/∂b = Σ over the batch of G, ∂ℓ/∂H = Wᵀ·G")
    class Backward {

        @Order(1)
        @Test
        @DisplayName("by hand: the weight gradient G·Hᵀ sums output gradient × input over every sample")
        void weightGradient() {
            // Entry (j, k) = Σ_s G[j][s]·H[k][s]; e.g. (0, 1) = 1·2 + 0·(−1) + 2·0.5 = 3.
            double[][] dw = filled(4, 2, 99);
            Dense.backward(H, W, G, dw, new double[4], new double[2][3]);
            assertMatrix(dw, DW, "∂ℓ/∂W = G·Hᵀ",
                    "W[j][k] is used by every sample, so its gradient adds up output gradient j times input k over "
                            + "the whole batch: G times the transposed input Hᵀ. Overwrite the array; do not add to it.");
        }

        @Order(2)
        @Test
        @DisplayName("by hand: the bias gradient is the sum over the batch, the row sums of G")
        void biasGradient() {
            double[] db = {99, 99, 99, 99};
            Dense.backward(H, W, G, new double[4][2], db, null);
            assertMatrix(new double[][] {db}, new double[][] {DB}, "∂ℓ/∂b",
                    "Every sample adds the same b, so b's gradient is the row sums of G: summed over the batch, "
                            + "not taken from one sample. Overwrite the array; do not add to it.");
        }

        @Order(3)
        @Test
        @DisplayName("by hand: the input gradient Wᵀ·G, which the layer below needs")
        void inputGradient() {
            // Entry (k, s) = Σ_j W[j][k]·G[j][s]; e.g. (1, 1) = W[1][1]·1 + W[3][1]·(−1) = 1 − (−2) = 3.
            double[][] dh = filled(2, 3, 99);
            Dense.backward(H, W, G, new double[4][2], new double[4], dh);
            assertMatrix(dh, DH, "∂ℓ/∂H = Wᵀ·G",
                    "Input k of a sample reaches every output j through W[j][k], so its gradient is Σ_j W[j][k]·G[j][s]: "
                            + "the transposed weights times G.");
        }

        @Order(4)
        @Test
        @DisplayName("calling it twice gives the same gradients: the results are overwritten, never accumulated")
        void overwritesInsteadOfAccumulating() {
            double[][] dw = new double[4][2];
            double[] db = new double[4];
            double[][] dh = new double[2][3];
            Dense.backward(H, W, G, dw, db, dh);
            Dense.backward(H, W, G, dw, db, dh);
            String why = "Each training step starts from fresh gradients; gradients left over from the last step would push "
                    + "the weights twice.";
            assertMatrix(dw, DW, "∂ℓ/∂W after two calls", why);
            assertMatrix(new double[][] {db}, new double[][] {DB}, "∂ℓ/∂b after two calls", why);
            assertMatrix(dh, DH, "∂ℓ/∂H after two calls", why);
        }

        @Order(5)
        @ParameterizedTest(name = "3 inputs, 2 outputs, a batch of {0}")
        @ValueSource(ints = {1, 3, 4, 5, 7, 8})
        @DisplayName("every batch size and an odd number of inputs: each sum runs over every sample and every input")
        void everySizeCounts(int batch) {
            // Small integers, so every sum is exact: entry (k, s) of H is (k + 1)·(s + 1) − 2s, entry (j, s) of G is
            // (j + 1) − s. The expectations are the textbook triple loops, written out here.
            double[][] h = new double[3][batch];
            double[][] g = new double[2][batch];
            double[][] w = {{1, -2, 3}, {-1, 0.5, 2}};
            for (int s = 0; s < batch; s++) {
                for (int k = 0; k < 3; k++) {
                    h[k][s] = (k + 1) * (s + 1) - 2 * s;
                }
                for (int j = 0; j < 2; j++) {
                    g[j][s] = (j + 1) - s;
                }
            }
            double[][] expectedDw = new double[2][3];
            double[] expectedDb = new double[2];
            double[][] expectedDh = new double[3][batch];
            for (int j = 0; j < 2; j++) {
                for (int s = 0; s < batch; s++) {
                    expectedDb[j] += g[j][s];
                    for (int k = 0; k < 3; k++) {
                        expectedDw[j][k] += g[j][s] * h[k][s];
                        expectedDh[k][s] += w[j][k] * g[j][s];
                    }
                }
            }
            double[][] dw = filled(2, 3, 99);
            double[] db = {99, 99};
            double[][] dh = filled(3, batch, 99);
            Dense.backward(h, w, g, dw, db, dh);
            String why = "Sum over the whole batch, whatever its size (not only whole groups of 4 samples), and over every "
                    + "input (also the last one of an odd number).";
            assertMatrix(dw, expectedDw, "∂ℓ/∂W = G·Hᵀ for a batch of " + batch, why);
            assertMatrix(new double[][] {db}, new double[][] {expectedDb}, "∂ℓ/∂b for a batch of " + batch, why);
            assertMatrix(dh, expectedDh, "∂ℓ/∂H = Wᵀ·G for a batch of " + batch, why);
        }
    }

    @Nested
    @Order(3)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    @DisplayName("Bad input gets a clear error, not a wrong number")
    class BadInput {

        @Order(1)
        @Test
        @DisplayName("sizes that do not fit together are rejected, forward and backward")
        void rejectsMismatchedSizes() {
            assertRejected(() -> Dense.forward(H, W, new double[3], new double[4][3]), "a bias of 3 entries for 4 outputs");
            assertRejected(() -> Dense.forward(new double[][] {{1}, {2}, {3}}, W, B, new double[4][1]), "3 inputs for a 2-input layer");
            assertRejected(() -> Dense.forward(H, W, B, new double[4][2]), "an output with 2 columns for 3 samples");
            assertRejected(() -> Dense.forward(new double[0][], W, B, new double[4][0]), "an input with no rows");
            assertRejected(() -> Dense.forward(new double[][] {{}, {}}, W, B, new double[4][0]), "a batch of no samples");
            assertRejected(() -> Dense.forward(H, new double[][] {{1, 2}, {3}}, new double[2], new double[2][3]),
                    "a ragged weight matrix");
            assertRejected(() -> Dense.backward(H, W, G, new double[2][4], new double[4], null), "a 2×4 weight gradient for 4×2 weights");
            assertRejected(() -> Dense.backward(H, W, new double[3][3], new double[4][2], new double[4], null),
                    "an output gradient with 3 rows for 4 outputs");
            assertRejected(() -> Dense.backward(H, W, G, new double[4][2], new double[4], new double[4][3]),
                    "an input gradient with 4 rows for 2 inputs");
            assertRejected(() -> Dense.backward(H, W, G, new double[4][2], null, null), "a missing bias gradient");
            assertRejected(() -> Dense.forward(H, W, B, null), "a missing output");
            assertRejected(() -> Dense.forward(H, W, B, new double[3][3]), "an output with 3 rows for 4 outputs");
            assertRejected(() -> Dense.forward(H, W, B, new double[][] {{0, 0, 0}, null, {0, 0, 0}, {0, 0, 0}}), "an output with a null row");
            assertRejected(() -> Dense.forward(H, W, null, new double[4][3]), "a missing bias");
            assertRejected(() -> Dense.forward(null, W, B, new double[4][3]), "a missing input");
            assertRejected(() -> Dense.forward(new double[][] {{1, 3, 0}, null}, W, B, new double[4][3]), "an input with a null row");
            assertRejected(() -> Dense.backward(H, W, null, new double[4][2], new double[4], null), "a missing output gradient");
            assertRejected(() -> Dense.backward(H, W, G, null, new double[4], null), "a missing weight gradient");
            assertRejected(() -> Dense.backward(H, W, G, new double[4][2], new double[3], null), "a bias gradient of 3 entries for 4 outputs");
            assertRejected(() -> Dense.backward(H, W, G, new double[4][2], new double[4], new double[2][2]),
                    "an input gradient with 2 columns for 3 samples");
        }
    }

    private static double[][] filled(int rows, int columns, double value) {
        double[][] m = new double[rows][columns];
        for (double[] row : m) {
            Arrays.fill(row, value);
        }
        return m;
    }

    static void assertMatrix(double[][] actual, double[][] expected, String what, String why) {
        assertThat(actual).as(what).isNotNull().hasNumberOfRows(expected.length);
        for (int r = 0; r < expected.length; r++) {
            for (int c = 0; c < expected[r].length; c++) {
                assertExactly(actual[r][c], expected[r][c], what + ", entry (" + r + ", " + c + ")", why);
            }
        }
    }
}
