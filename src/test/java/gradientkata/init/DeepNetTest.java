package gradientkata.init;

import static gradientkata.init.Independent.vector;
import static gradientkata.support.Expect.assertClose;
import static gradientkata.support.Expect.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
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

/*
 * Where the expected values come from:
 * - the hand-worked net: integers, worked out in the comments;
 * - gradients of seeded nets: forward-mode differentiation with DerivativeStructure (Independent.derivative),
 *   one seeded input entry per pass, never the code under test;
 */
@DisplayName("Lesson 06 · a deep net: forward, backward, and the spread of a layer")
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class DeepNetTest {

    /** Relative tolerance for values that go through a few dozen roundings. */
    private static final double TOLERANCE = 1e-12;

    /**
     * The hand-worked ReLU net: x = (1, 2), W₁ = [[1, −1], [2, 1], [−2, 1]], W₂ = [[1, 2, 3], [0, −1, 1]].
     * Forward: z₁ = (−1, 4, 0), h₁ = (0, 4, 0); z₂ = (8, −4), h₂ = (8, 0).
     * Backward from g₂ = (1, 1): δ₂ = ReLU′(z₂) ⊙ g₂ = (1, 0); g₁ = W₂ᵀ·δ₂ = (1, 2, 3);
     * δ₁ = ReLU′(z₁) ⊙ g₁ = (0, 2, 0) (ReLU′(0) = 0 for the third unit); g₀ = W₁ᵀ·δ₁ = (4, 2).
     */
    private static final List<RealMatrix> HAND = List.of(
            MatrixUtils.createRealMatrix(new double[][] {{1, -1}, {2, 1}, {-2, 1}}),
            MatrixUtils.createRealMatrix(new double[][] {{1, 2, 3}, {0, -1, 1}}));

    @Nested
    @Order(1)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    @DisplayName("Forward and backward through a small net")
    class SmallNets {

        @Order(1)
        @Test
        @DisplayName("by hand: a 2 → 3 → 2 ReLU net maps (1, 2) to (0, 4, 0) and then (8, 0)")
        void forwardByHand() {
            List<RealVector> states = DeepNet.forward(HAND, Activation.RELU, vector(1, 2));
            assertThat(states).as("forward's list: the input and one vector per layer").isNotNull().hasSize(3);
            assertThat(states.get(0).toArray()).as("h₀, the input").containsExactly(1, 2);
            assertThat(states.get(1).toArray()).as("h₁ = ReLU(W₁·(1, 2)) = ReLU(−1, 4, 0)").containsExactly(0, 4, 0);
            assertThat(states.get(2).toArray()).as("h₂ = ReLU(W₂·(0, 4, 0)) = ReLU(8, −4)").containsExactly(8, 0);
        }

        @Order(2)
        @Test
        @DisplayName("by hand: backward from (1, 1) gives (1, 2, 3) at the hidden layer and (4, 2) at the input")
        void backwardByHand() {
            List<RealVector> gradients = DeepNet.backward(HAND, Activation.RELU, vector(1, 2), vector(1, 1));
            assertThat(gradients).as("backward's list: one gradient per layer, the input's first").isNotNull().hasSize(3);
            assertThat(gradients.get(2).toArray()).as("∂ℓ/∂h₂, the output gradient given").containsExactly(1, 1);
            assertThat(gradients.get(1).toArray())
                    .as("∂ℓ/∂h₁ = W₂ᵀ·(ReLU′(8, −4) ⊙ (1, 1)) = W₂ᵀ·(1, 0): the transpose, and the slope at z₂, not at h₂")
                    .containsExactly(1, 2, 3);
            assertThat(gradients.get(0).toArray())
                    .as("∂ℓ/∂h₀ = W₁ᵀ·(ReLU′(−1, 4, 0) ⊙ (1, 2, 3)) = W₁ᵀ·(0, 2, 0): the third unit sits at z = 0 exactly, "
                            + "and ReLU′(0) = 0 lets none of its gradient 3 through")
                    .containsExactly(4, 2);
        }

        @Order(3)
        @ParameterizedTest(name = "{0}, seed {1}, widths 5 → {2} → {3} → {4}")
        @CsvSource({"TANH, 1, 7, 4, 3", "TANH, 2, 3, 8, 6", "RELU, 3, 7, 4, 3", "RELU, 4, 6, 6, 6"})
        @DisplayName("every entry of ∂ℓ/∂h₀ agrees with forward-mode differentiation")
        void backwardAgreesWithForwardMode(Activation activation, long seed, int a, int b, int c) {
            List<RealMatrix> weights = Independent.net(seed, 0.8, 5, a, b, c);
            RealVector x = Independent.gaussian(seed + 100, 5);
            RealVector g = Independent.gaussian(seed + 200, c);
            List<RealVector> gradients = DeepNet.backward(weights, activation, x, g);
            assertThat(gradients).as("the gradients of a 3-layer net").isNotNull().hasSize(4);
            for (int j = 0; j < 5; j++) {
                assertClose(gradients.get(0).getEntry(j), Independent.derivative(weights, activation, x, g, 0, 0, j), TOLERANCE,
                        "∂ℓ/∂x" + j + " through a 3-layer " + activation + " net",
                        "Backward multiplies by W_iᵀ·diag(f′(z_i)) layer by layer, from the output down, with f′ taken at the "
                                + "pre-activation z_i = W_i·h_{i−1}; forward mode, which nudges x" + j + " alone, must agree.");
            }
        }

        @Order(4)
        @Test
        @DisplayName("a net with no layers: the input is the output, and the gradient passes straight through")
        void noLayers() {
            RealVector x = vector(0.5, -3);
            List<RealVector> states = DeepNet.forward(List.of(), Activation.TANH, x);
            assertThat(states).as("forward through no layers").isNotNull().hasSize(1);
            assertThat(states.get(0).toArray()).as("h₀").containsExactly(0.5, -3);
            List<RealVector> gradients = DeepNet.backward(List.of(), Activation.TANH, x, vector(2, 1));
            assertThat(gradients).as("backward through no layers").isNotNull().hasSize(1);
            assertThat(gradients.get(0).toArray()).as("∂ℓ/∂h₀ = ∂ℓ/∂h_L when there are no layers").containsExactly(2, 1);
        }
    }

    @Nested
    @Order(2)
    @DisplayName("The spread of a layer: its root mean square")
    class Spread {

        @ParameterizedTest(name = "{0}: {1}")
        @CsvSource(delimiter = ';', value = {
            "3, 4; 3.5355339059327378",            // √(25/2) = 3.53553390593273762200…
            "1, 1, 1, 1; 1.0",                     // a common offset counts: the standard deviation would be 0
            "-2; 2.0",
            "0, 0, 0, 6; 3.0",
            "1e200, 1e200, 1e200; 1e200",          // squaring overflows: 1e400
            "3e-200, 4e-200; 3.5355339059327378e-200",  // squaring underflows: 1e-400
            "4.9e-324, 4.9e-324; 4.9e-324"})       // subnormal entries
        @DisplayName("√(Σv²/n), without overflow or underflow on the way")
        void rootMeanSquare(String entries, double expected) {
            String[] parts = entries.split(",");
            double[] v = new double[parts.length];
            for (int k = 0; k < v.length; k++) {
                v[k] = Double.parseDouble(parts[k].strip());
            }
            assertClose(DeepNet.spread(vector(v)), expected, TOLERANCE, "the spread of (" + entries + ")",
                    "The spread is the root mean square √((v₁² + … + v_n²)/n): the mean square E[h²] is what the variance "
                            + "argument tracks. Squares of 1e200 overflow and of 1e-200 underflow: scale first, or use "
                            + "MathArrays.safeNorm(v)/√n.");
        }
    }

    @Nested
    @Order(3)
    @DisplayName("Bad input gets a clear error, not a wrong number")
    class BadInput {

        @Test
        @DisplayName("forward rejects a null list or activation, an empty or non-finite input, and a matrix that does not fit")
        void forward() {
            RealVector x = vector(1, 2);
            assertRejected(() -> DeepNet.forward(null, Activation.TANH, x), "forward with a null list of weights");
            assertRejected(() -> DeepNet.forward(HAND, null, x), "forward with a null activation");
            assertRejected(() -> DeepNet.forward(HAND, Activation.TANH, null), "forward with a null input");
            assertRejected(() -> DeepNet.forward(HAND, Activation.TANH, vector()), "forward with an empty input");
            assertRejected(() -> DeepNet.forward(HAND, Activation.TANH, vector(1, Double.NaN)), "forward with a NaN input");
            assertRejected(() -> DeepNet.forward(HAND, Activation.TANH, vector(1, Double.POSITIVE_INFINITY)),
                    "forward with an infinite input");
            assertRejected(() -> DeepNet.forward(HAND, Activation.TANH, vector(1, 2, 3)),
                    "forward with 3 inputs into a layer with 2 columns");
            assertRejected(() -> DeepNet.forward(List.of(HAND.get(0), HAND.get(0)), Activation.TANH, x),
                    "forward through a 2 → 3 layer followed by another 2 → 3 layer, which cannot take 3 inputs");
        }

        @Test
        @DisplayName("forward rejects a null matrix and a matrix with NaN or infinite entries")
        void forwardBadMatrices() {
            RealVector x = vector(1, 2);
            List<RealMatrix> withNull = new ArrayList<>();
            withNull.add(HAND.get(0));
            withNull.add(null);
            assertRejected(() -> DeepNet.forward(withNull, Activation.TANH, x), "forward through a null second layer");
            RealMatrix nan = HAND.get(1).copy();
            nan.setEntry(1, 2, Double.NaN);
            assertRejected(() -> DeepNet.forward(List.of(HAND.get(0), nan), Activation.TANH, x), "forward with a NaN weight");
            RealMatrix infinite = HAND.get(0).copy();
            infinite.setEntry(0, 0, Double.NEGATIVE_INFINITY);
            assertRejected(() -> DeepNet.forward(List.of(infinite), Activation.TANH, x), "forward with an infinite weight");
        }

        @Test
        @DisplayName("backward rejects what forward rejects, and an output gradient that is null, the wrong size or NaN")
        void backward() {
            RealVector x = vector(1, 2);
            assertRejected(() -> DeepNet.backward(HAND, Activation.RELU, x, null), "backward with a null output gradient");
            assertRejected(() -> DeepNet.backward(HAND, Activation.RELU, x, vector(1, 1, 1)),
                    "backward with a 3-entry output gradient for a 2-entry output");
            assertRejected(() -> DeepNet.backward(HAND, Activation.RELU, x, vector(1, Double.NaN)),
                    "backward with a NaN output gradient");
            assertRejected(() -> DeepNet.backward(HAND, Activation.RELU, vector(1, 2, 3), vector(1, 1)),
                    "backward with 3 inputs into a 2-column layer");
            assertRejected(() -> DeepNet.backward(HAND, null, x, vector(1, 1)), "backward with a null activation");
        }

        @Test
        @DisplayName("spread rejects a null or empty vector and NaN or infinite entries")
        void spread() {
            assertRejected(() -> DeepNet.spread(null), "the spread of null");
            assertRejected(() -> DeepNet.spread(vector()), "the spread of an empty vector (a mean over no values)");
            assertRejected(() -> DeepNet.spread(vector(1, Double.NaN)), "the spread of a vector with NaN");
            assertRejected(() -> DeepNet.spread(vector(Double.POSITIVE_INFINITY, 1)), "the spread of a vector with ∞");
        }
    }
}
