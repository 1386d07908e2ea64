package gradientkata.init;

import static gradientkata.init.Independent.constant;
import static gradientkata.init.Independent.vector;
import static gradientkata.support.Expect.assertClose;
import static gradientkata.support.Expect.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/*
 * Where the expected values come from: the hand-worked ReLU net (integers, in the comments), forward-mode
 * differentiation with DerivativeStructure (Independent.derivative), and the symmetry argument itself: units whose
 * incoming and outgoing weights are equal compute the same numbers by the same operations in the same order, so
 * their values and gradients are equal to the last bit, not merely close.
 */
@DisplayName("Lesson 06 · symmetry: weight gradients, gradient steps, and why equal weights never part")
class SymmetryTest {

    /** Relative tolerance for values that go through a few dozen roundings. */
    private static final double TOLERANCE = 1e-12;

    /** Three training examples for a 3 → 4 → 2 tanh net: inputs and targets. */
    private static final List<RealVector> INPUTS = List.of(vector(0.5, -1, 2), vector(-1.5, 0.25, 0.5), vector(1, 1, -0.5));
    private static final List<RealVector> TARGETS = List.of(vector(0.3, -0.4), vector(-0.6, 0.2), vector(0.1, 0.5));

    @Nested
    @DisplayName("∂ℓ/∂W_i = δ_i·h_{i−1}ᵀ, one matrix per layer")
    class WeightGradients {

        @Test
        @DisplayName("by hand: the 2 → 3 → 2 ReLU net gives [[0, 0], [2, 4], [0, 0]] and [[0, 4, 0], [0, 0, 0]]")
        void byHand() {
            // See DeepNetTest.HAND: δ₁ = (0, 2, 0), x = (1, 2); δ₂ = (1, 0), h₁ = (0, 4, 0).
            List<RealMatrix> weights = List.of(
                    MatrixUtils.createRealMatrix(new double[][] {{1, -1}, {2, 1}, {-2, 1}}),
                    MatrixUtils.createRealMatrix(new double[][] {{1, 2, 3}, {0, -1, 1}}));
            List<RealMatrix> gradients = DeepNet.weightGradients(weights, Activation.RELU, vector(1, 2), vector(1, 1));
            assertThat(gradients).as("one weight gradient per layer").isNotNull().hasSize(2);
            assertThat(gradients.get(0).getData())
                    .as("∂ℓ/∂W₁ = δ₁·xᵀ = (0, 2, 0)·(1, 2)ᵀ: row k is unit k's δ times the layer's input, the same shape as W₁ (3×2)")
                    .isDeepEqualTo(new double[][] {{0, 0}, {2, 4}, {0, 0}});
            assertThat(gradients.get(1).getData())
                    .as("∂ℓ/∂W₂ = δ₂·h₁ᵀ = (1, 0)·(0, 4, 0)ᵀ, the same shape as W₂ (2×3)")
                    .isDeepEqualTo(new double[][] {{0, 4, 0}, {0, 0, 0}});
        }

        @ParameterizedTest(name = "{0}, seed {1}")
        @CsvSource({"TANH, 11", "RELU, 12", "TANH, 13"})
        @DisplayName("every entry agrees with forward-mode differentiation with respect to that weight")
        void agreeWithForwardMode(Activation activation, long seed) {
            List<RealMatrix> weights = Independent.net(seed, 0.9, 4, 3, 5, 2);
            RealVector x = Independent.gaussian(seed + 100, 4);
            RealVector g = Independent.gaussian(seed + 200, 2);
            List<RealMatrix> gradients = DeepNet.weightGradients(weights, activation, x, g);
            assertThat(gradients).as("one weight gradient per layer").isNotNull().hasSize(3);
            for (int layer = 1; layer <= 3; layer++) {
                RealMatrix w = weights.get(layer - 1);
                assertThat(gradients.get(layer - 1).getRowDimension()).as("rows of ∂ℓ/∂W%d", layer).isEqualTo(w.getRowDimension());
                assertThat(gradients.get(layer - 1).getColumnDimension()).as("columns of ∂ℓ/∂W%d", layer)
                        .isEqualTo(w.getColumnDimension());
                for (int k = 0; k < w.getRowDimension(); k++) {
                    for (int j = 0; j < w.getColumnDimension(); j++) {
                        double expected = Independent.derivative(weights, activation, x, g, layer, k, j);
                        double actual = gradients.get(layer - 1).getEntry(k, j);
                        if (expected == 0.0) {
                            assertThat(actual).as("∂ℓ/∂W%d(%d, %d) in a %s net: forward mode says exactly 0", layer, k, j, activation)
                                    .isZero();
                        } else {
                            assertClose(actual, expected, TOLERANCE, "∂ℓ/∂W" + layer + "(" + k + ", " + j + ") in a " + activation + " net",
                                    "Weight (k, j) of layer i multiplies h_{i−1}[j] into unit k: its gradient is δ_i[k]·h_{i−1}[j], "
                                            + "with δ_i = f′(z_i) ⊙ ∂ℓ/∂h_i.");
                        }
                    }
                }
            }
        }
    }

    @Nested
    @DisplayName("One step of gradient descent on ½‖h_L − target‖²")
    class Steps {

        @Test
        @DisplayName("by hand: the ReLU net with target (7, 0) and η = 0.5 moves only the weights with a nonzero gradient")
        void byHand() {
            // h₂ = (8, 0), so ∂ℓ/∂h₂ = h₂ − target = (1, 0), and the gradients are those of the hand-worked net with
            // g₂ = (1, 0): δ₂ = (1, 0), g₁ = (1, 2, 3), δ₁ = (0, 2, 0); ∂ℓ/∂W₁ = [[0, 0], [2, 4], [0, 0]],
            // ∂ℓ/∂W₂ = [[0, 4, 0], [0, 0, 0]]. New weights: W − 0.5·∂ℓ/∂W.
            List<RealMatrix> weights = List.of(
                    MatrixUtils.createRealMatrix(new double[][] {{1, -1}, {2, 1}, {-2, 1}}),
                    MatrixUtils.createRealMatrix(new double[][] {{1, 2, 3}, {0, -1, 1}}));
            List<RealMatrix> next = DeepNet.step(weights, Activation.RELU, vector(1, 2), vector(7, 0), 0.5);
            assertThat(next).as("the weights after one step").isNotNull().hasSize(2);
            assertThat(next.get(0).getData()).as("W₁ − 0.5·[[0, 0], [2, 4], [0, 0]]: descent goes against the gradient")
                    .isDeepEqualTo(new double[][] {{1, -1}, {1, -1}, {-2, 1}});
            assertThat(next.get(1).getData()).as("W₂ − 0.5·[[0, 4, 0], [0, 0, 0]]")
                    .isDeepEqualTo(new double[][] {{1, 0, 3}, {0, -1, 1}});
            assertThat(weights.get(0).getEntry(1, 0)).as("step must return new matrices and leave the ones passed in alone")
                    .isEqualTo(2.0);
        }

        @ParameterizedTest(name = "{0}, seed {1}")
        @CsvSource({"TANH, 21", "RELU, 22"})
        @DisplayName("a small step lowers the loss")
        void lowersTheLoss(Activation activation, long seed) {
            List<RealMatrix> weights = Independent.net(seed, 0.7, 3, 4, 2);
            double before = Independent.loss(weights, activation, INPUTS.get(0), TARGETS.get(0));
            List<RealMatrix> next = DeepNet.step(weights, activation, INPUTS.get(0), TARGETS.get(0), 0.01);
            assertThat(next).as("the weights after one step").isNotNull().hasSize(2);
            double after = Independent.loss(next, activation, INPUTS.get(0), TARGETS.get(0));
            assertThat(after).as("the loss %s before a step of η = 0.01 should go down, but it is %s after: a step goes "
                    + "against the gradient, W ← W − η·∂ℓ/∂W, with ∂ℓ/∂h_L = h_L − target", before, after)
                    .isLessThan(before);
        }
    }

    @Nested
    @DisplayName("Symmetry: equal weights give equal units, and they stay equal")
    class Symmetry {

        /** A 3 → 4 → 2 tanh net in which every weight of a layer is the same number. */
        private List<RealMatrix> symmetricNet() {
            return List.of(constant(4, 3, 0.3), constant(2, 4, -0.2));
        }

        @Test
        @DisplayName("with all weights of each layer equal, every hidden unit gets the same gradient, to the last bit")
        void sameGradient() {
            List<RealMatrix> weights = symmetricNet();
            RealVector g = vector(0.7, -1.1);
            List<RealVector> gradients = DeepNet.backward(weights, Activation.TANH, INPUTS.get(0), g);
            assertThat(gradients).as("backward's gradients").isNotNull().hasSize(3);
            double[] hidden = gradients.get(1).toArray();
            assertThat(hidden[0]).as("∂ℓ/∂h₁ for the first hidden unit: not zero, so the equality below says something")
                    .isNotZero();
            assertThat(hidden).as("∂ℓ/∂h₁: the four hidden units compute the same value from the same weights, and send it "
                    + "to the outputs through the same weights, so they receive the same gradient").containsOnly(hidden[0]);
            List<RealMatrix> weightGradients = DeepNet.weightGradients(weights, Activation.TANH, INPUTS.get(0), g);
            assertThat(weightGradients).as("one weight gradient per layer").isNotNull().hasSize(2);
            double[][] first = weightGradients.get(0).getData();
            for (int k = 1; k < 4; k++) {
                assertThat(first[k]).as("row %d of ∂ℓ/∂W₁ (hidden unit %d's incoming weights) against row 0: equal units get "
                        + "equal updates", k, k).containsExactly(first[0]);
            }
            for (int o = 0; o < 2; o++) {
                double[] outgoing = weightGradients.get(1).getRow(o);
                assertThat(outgoing).as("row %d of ∂ℓ/∂W₂: the weights from the four equal hidden units to output %d", o, o)
                        .containsOnly(outgoing[0]);
            }
        }

        @Test
        @DisplayName("after 300 gradient steps the hidden units are still identical: the weights moved, the tie did not break")
        void staysSymmetric() {
            List<RealMatrix> weights = symmetricNet();
            for (int s = 0; s < 300; s++) {
                weights = DeepNet.step(weights, Activation.TANH, INPUTS.get(s % 3), TARGETS.get(s % 3), 0.1);
                assertThat(weights).as("the weights after step %d", s + 1).isNotNull().hasSize(2);
            }
            double[][] incoming = weights.get(0).getData();
            assertThat(Math.abs(incoming[0][0] - 0.3)).as("how far W₁(0, 0) moved from its start 0.3 in 300 steps: training "
                    + "did change the weights (%s)", incoming[0][0]).isGreaterThan(0.01);
            for (int k = 1; k < 4; k++) {
                assertThat(incoming[k]).as("hidden unit %d's incoming weights after 300 steps against unit 0's: units that "
                        + "start equal get equal gradients at every step, so they never become different", k)
                        .containsExactly(incoming[0]);
            }
            for (int o = 0; o < 2; o++) {
                double[] outgoing = weights.get(1).getRow(o);
                assertThat(outgoing).as("the weights from the four hidden units to output %d after 300 steps", o)
                        .containsOnly(outgoing[0]);
            }
            double[] start = Independent.output(symmetricNet(), Activation.TANH, INPUTS.get(0).toArray());
            double[] end = Independent.output(weights, Activation.TANH, INPUTS.get(0).toArray());
            assertThat(end[0]).as("the net's first output for the first example moved from %s: it learned, as far as one "
                    + "hidden unit copied four times can", start[0]).isNotEqualTo(start[0]);
        }

        @ParameterizedTest(name = "seed {0}")
        @CsvSource({"31", "32", "33"})
        @DisplayName("a random start breaks the tie: the hidden units get different gradients and stay different")
        void randomStartBreaksTheTie(long seed) {
            List<RealMatrix> weights = Independent.net(seed, 0.5, 3, 4, 2);
            List<RealMatrix> gradients = DeepNet.weightGradients(weights, Activation.TANH, INPUTS.get(0), vector(0.7, -1.1));
            assertThat(gradients).as("one weight gradient per layer").isNotNull().hasSize(2);
            double[][] rows = gradients.get(0).getData();
            for (int k = 0; k < 4; k++) {
                for (int m = k + 1; m < 4; m++) {
                    // With weights drawn from a continuous distribution two hidden units compute equal gradients with
                    // probability 0; the seeds are fixed, so this is a fact about these three nets, not a chance.
                    assertThat(rows[k]).as("rows %d and %d of ∂ℓ/∂W₁ for a random start: different units, different gradients", k, m)
                            .isNotEqualTo(rows[m]);
                }
            }
            for (int s = 0; s < 100; s++) {
                weights = DeepNet.step(weights, Activation.TANH, INPUTS.get(s % 3), TARGETS.get(s % 3), 0.1);
            }
            double[][] incoming = weights.get(0).getData();
            for (int k = 1; k < 4; k++) {
                assertThat(incoming[k]).as("hidden unit %d's incoming weights after 100 steps from a random start", k)
                        .isNotEqualTo(incoming[0]);
            }
        }

        @Test
        @DisplayName("zero weights in the last layer pass no gradient back: every earlier layer's gradient is exactly 0")
        void zeroWeightsPassNothingBack() {
            List<RealMatrix> weights = List.of(Independent.net(41, 0.8, 3, 4).get(0), Independent.net(42, 0.8, 4, 5).get(0),
                    MatrixUtils.createRealMatrix(2, 5));
            RealVector g = vector(0.7, -1.1);
            List<RealVector> gradients = DeepNet.backward(weights, Activation.TANH, INPUTS.get(0), g);
            assertThat(gradients).as("backward's gradients").isNotNull().hasSize(4);
            for (int layer = 0; layer < 3; layer++) {
                assertThat(magnitudes(gradients.get(layer).toArray()))
                        .as("∂ℓ/∂h%d below a layer of zero weights: W₃ᵀ·δ₃ = 0 whatever δ₃ is, and nothing below can make it "
                                + "nonzero again", layer)
                        .containsOnly(0.0);
            }
            List<RealMatrix> weightGradients = DeepNet.weightGradients(weights, Activation.TANH, INPUTS.get(0), g);
            assertThat(weightGradients).as("one weight gradient per layer").isNotNull().hasSize(3);
            for (int layer = 0; layer < 2; layer++) {
                for (double[] row : weightGradients.get(layer).getData()) {
                    assertThat(magnitudes(row)).as("∂ℓ/∂W%d below the zero layer: those weights will not move this step", layer + 1)
                            .containsOnly(0.0);
                }
            }
            double[][] last = weightGradients.get(2).getData();
            assertThat(last[0][0]).as("∂ℓ/∂W₃(0, 0) = δ₃[0]·h₂[0]: the zero layer itself does get a gradient, so it can leave 0")
                    .isNotZero();
        }

        @Test
        @DisplayName("a tanh net with every weight 0 (and no biases) never moves: all its gradients are 0, at every step")
        void allZeroNeverLearns() {
            List<RealMatrix> weights = List.of(MatrixUtils.createRealMatrix(4, 3), MatrixUtils.createRealMatrix(2, 4));
            for (int s = 0; s < 20; s++) {
                weights = DeepNet.step(weights, Activation.TANH, INPUTS.get(s % 3), TARGETS.get(s % 3), 0.1);
                assertThat(weights).as("the weights after step %d", s + 1).isNotNull().hasSize(2);
            }
            for (int layer = 0; layer < 2; layer++) {
                for (double[] row : weights.get(layer).getData()) {
                    assertThat(magnitudes(row)).as("W%d after 20 steps from all zeros: every hidden value is tanh(0) = 0, so the last "
                            + "layer's gradient δ·hᵀ is 0, and zero weights pass nothing back to the first", layer + 1)
                            .containsOnly(0.0);
                }
            }
            List<RealMatrix> gradients = DeepNet.weightGradients(List.of(MatrixUtils.createRealMatrix(4, 3),
                    MatrixUtils.createRealMatrix(2, 4)), Activation.TANH, INPUTS.get(0), vector(1, 1));
            assertThat(gradients).as("the weight gradients of the all-zero net").isNotNull().hasSize(2);
        }
    }

    /** |x| for every entry: 0.0 and −0.0 are both zero here. */
    private static double[] magnitudes(double[] values) {
        double[] result = new double[values.length];
        for (int k = 0; k < values.length; k++) {
            result[k] = Math.abs(values[k]);
        }
        return result;
    }

    @Nested
    @DisplayName("Bad input gets a clear error, not a wrong number")
    class BadInput {

        private final List<RealMatrix> weights = List.of(constant(4, 3, 0.3), constant(2, 4, -0.2));

        @Test
        @DisplayName("weightGradients rejects a bad net, input or output gradient")
        void weightGradients() {
            assertRejected(() -> DeepNet.weightGradients(weights, Activation.TANH, vector(1, 2), vector(1, 1)),
                    "weightGradients with 2 inputs into a 3-column layer");
            assertRejected(() -> DeepNet.weightGradients(weights, Activation.TANH, vector(1, 2, 3), vector(1, 1, 1)),
                    "weightGradients with a 3-entry output gradient for 2 outputs");
            assertRejected(() -> DeepNet.weightGradients(weights, Activation.TANH, vector(1, 2, 3), vector(Double.NaN, 1)),
                    "weightGradients with a NaN output gradient");
            assertRejected(() -> DeepNet.weightGradients(weights, null, vector(1, 2, 3), vector(1, 1)),
                    "weightGradients with a null activation");
            assertRejected(() -> DeepNet.weightGradients(weights, Activation.TANH, vector(), vector(1, 1)),
                    "weightGradients with an empty input");
        }

        @Test
        @DisplayName("step rejects a target that is null, the wrong size or NaN, and a learning rate that is not a finite number above 0")
        void step() {
            RealVector x = vector(1, 2, 3);
            assertRejected(() -> DeepNet.step(weights, Activation.TANH, x, null, 0.1), "step with a null target");
            assertRejected(() -> DeepNet.step(weights, Activation.TANH, x, vector(1), 0.1), "step with a 1-entry target for 2 outputs");
            assertRejected(() -> DeepNet.step(weights, Activation.TANH, x, vector(1, Double.NaN), 0.1), "step with a NaN target");
            assertRejected(() -> DeepNet.step(weights, Activation.TANH, x, vector(1, 1), 0.0), "step with learning rate 0");
            assertRejected(() -> DeepNet.step(weights, Activation.TANH, x, vector(1, 1), -0.1), "step with a negative learning rate");
            assertRejected(() -> DeepNet.step(weights, Activation.TANH, x, vector(1, 1), Double.NaN), "step with a NaN learning rate");
            assertRejected(() -> DeepNet.step(weights, Activation.TANH, x, vector(1, 1), Double.POSITIVE_INFINITY),
                    "step with an infinite learning rate");
            assertRejected(() -> DeepNet.step(weights, Activation.TANH, vector(1, 2), vector(1, 1), 0.1),
                    "step with 2 inputs into a 3-column layer");
        }
    }
}
