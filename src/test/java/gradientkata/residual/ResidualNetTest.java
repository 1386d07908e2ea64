package gradientkata.residual;

import static gradientkata.support.Expect.assertClose;
import static gradientkata.support.Expect.assertExactly;
import static gradientkata.support.Expect.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import gradientkata.support.Entries;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.apache.commons.math3.analysis.differentiation.UnivariateDifferentiableFunction;
import org.apache.commons.math3.analysis.function.Identity;
import org.apache.commons.math3.analysis.function.Sigmoid;
import org.apache.commons.math3.analysis.function.Sin;
import org.apache.commons.math3.analysis.function.Tanh;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
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

@DisplayName("Lesson 05 · ResNet skips: a deep net of vector blocks")
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class ResidualNetTest {

    /** Relative tolerance for values that go through a few dozen roundings. */
    private static final double TOLERANCE = 1e-12;

    /** Relative tolerance for gradients pushed through 50 random matrices in two different orders. */
    private static final double DEEP_TOLERANCE = 1e-9;

    private static final Tanh TANH = new Tanh();

    /** W = [[1, 2], [0, −1]]: small enough to follow by hand, and W² = I. */
    private static final RealMatrix HAND = MatrixUtils.createRealMatrix(new double[][] {{1, 2}, {0, -1}});

    @Nested
    @Order(1)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    @DisplayName("Forward: every block computes λ·x + F(W·x)")
    class Forward {

        @Order(1)
        @Test
        @DisplayName("with F the identity and W = [[1, 2], [0, −1]] twice, (1, 1) goes to (3, −1), (1, 1) plain and (4, 0), (8, 0) residual")
        void byHand() {
            // Plain: W·(1, 1) = (3, −1), W·(3, −1) = (1, 1). Residual: (I + W)·(1, 1) = (4, 0), (I + W)·(4, 0) = (8, 0).
            RealVector x = vector(1, 1);
            List<RealMatrix> weights = List.of(HAND, HAND);
            assertVectors(ResidualNet.forward(weights, new Identity(), ResidualNet.NO_SHORTCUT, x),
                    List.of(vector(1, 1), vector(3, -1), vector(1, 1)),
                    "the states x₀, x₁, x₂ of the plain net x ← W·x",
                    "A plain block replaces x by F(W·x); forward returns the input followed by every block's output.");
            assertVectors(ResidualNet.forward(weights, new Identity(), ResidualNet.IDENTITY_SHORTCUT, x),
                    List.of(vector(1, 1), vector(4, 0), vector(8, 0)),
                    "the states x₀, x₁, x₂ of the residual net x ← x + W·x",
                    "A residual block adds F(W·x) to x; forward returns the input followed by every block's output.");
        }

        @Order(2)
        @ParameterizedTest(name = "λ = {0}")
        @CsvSource({"0.0", "1.0", "0.5"})
        @DisplayName("tanh blocks with seeded weights agree with the same loop written out in the test")
        void seededTanhNet(double shortcut) {
            Seeded net = Seeded.net(5, 6, 4, 1.0);
            List<RealVector> states = ResidualNet.forward(net.weights(), TANH, shortcut, net.input());
            assertVectorsClose(states, referenceStates(net.weights(), TANH, shortcut, net.input()),
                    "the states of a 6-block tanh net with λ = " + shortcut,
                    "Each state is λ·x + tanh(W·x) of the one before; the backward pass will need every one of them.");
        }

        @Order(3)
        @Test
        @DisplayName("a net with no blocks returns just its input")
        void noBlocks() {
            RealVector x = vector(0.5, -2);
            assertVectors(ResidualNet.forward(List.of(), TANH, ResidualNet.IDENTITY_SHORTCUT, x), List.of(x),
                    "the states of a net with no blocks",
                    "With no blocks there is only x₀: the list has L + 1 = 1 entries.");
        }
    }

    @Nested
    @Order(2)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    @DisplayName("A block's Jacobian is λ·I + diag(F′(W·x))·W")
    class Jacobian {

        @Order(1)
        @ParameterizedTest(name = "λ = {0}")
        @CsvSource({
            // W = [[1, 2], [0, −1]], x = (0.5, 0.25), so W·x = (1, −0.25); tanh′ = 1 − tanh².
            // 50-digit decimal arithmetic: a = tanh′(1) = 0.41997434161402606939449673904170144491718672823077,
            // b = tanh′(−0.25) = 0.94001484880637795627721078008402777676028623580924.
            // J = λ·I + [[a, 2a], [0, −b]].
            "1.0, 1.4199743416140261, 0.8399486832280522, 0.0, 0.05998515119362204",
            "0.0, 0.4199743416140261, 0.8399486832280522, 0.0, -0.940014848806378",
            "0.5, 0.9199743416140261, 0.8399486832280522, 0.0, -0.44001484880637796"})
        @DisplayName("by hand: tanh with W = [[1, 2], [0, −1]] at x = (0.5, 0.25)")
        void byHand(double shortcut, double j00, double j01, double j10, double j11) {
            assertMatrixClose(ResidualNet.jacobian(HAND, TANH, shortcut, vector(0.5, 0.25)),
                    new double[][] {{j00, j01}, {j10, j11}}, TOLERANCE,
                    "the Jacobian of x ↦ " + shortcut + "·x + tanh(W·x) at (0.5, 0.25)",
                    "Row k of diag(F′)·W is row k of W scaled by F′ at the k-th pre-activation (W·x)ₖ, not at xₖ; "
                            + "the shortcut adds λ on the diagonal.");
        }

        @Order(2)
        @ParameterizedTest(name = "{0}, λ = {1}, seed {2}")
        @CsvSource({
            "tanh, 1.0, 1",
            "tanh, 0.0, 2",
            "sigmoid, 1.0, 3",
            "sin, 0.5, 4",
            "sigmoid, 1.5, 5"})
        @DisplayName("every column agrees with forward-mode differentiation of the block")
        void agreesWithForwardMode(String name, double shortcut, long seed) {
            UnivariateDifferentiableFunction activation = activation(name);
            Seeded net = Seeded.net(seed, 1, 5, 1.5);
            RealMatrix w = net.weights().get(0);
            assertMatrixClose(ResidualNet.jacobian(w, activation, shortcut, net.input()),
                    jacobianByForwardMode(w, activation, shortcut, net.input()), TOLERANCE,
                    "the Jacobian of a 5×5 " + name + " block with λ = " + shortcut,
                    "Column j is how the block's output moves when only input j moves; forward mode measures "
                            + "exactly that, one column per seed direction.");
        }

        @Order(3)
        @Test
        @DisplayName("it agrees with central differences of the block's output")
        void agreesWithFiniteDifferences() {
            Seeded net = Seeded.net(9, 1, 4, 1.0);
            RealMatrix w = net.weights().get(0);
            RealVector x = net.input();
            double h = 1e-5;
            double[][] expected = new double[4][4];
            for (int j = 0; j < 4; j++) {
                RealVector up = x.copy();
                up.addToEntry(j, h);
                RealVector down = x.copy();
                down.addToEntry(j, -h);
                RealVector slope = referenceBlock(w, TANH, 1.0, up).subtract(referenceBlock(w, TANH, 1.0, down)).mapDivide(2 * h);
                for (int k = 0; k < 4; k++) {
                    expected[k][j] = slope.getEntry(k);
                }
            }
            // Central differences with h = 1e-5 are accurate to about h² ≈ 1e-10 plus rounding ε/h ≈ 1e-11.
            assertMatrixClose(ResidualNet.jacobian(w, TANH, 1.0, x), expected, 1e-7,
                    "the Jacobian of a 4×4 residual tanh block",
                    "Nudging input j by ±h and dividing the change of the output by 2h must give column j.");
        }

        @Order(4)
        @ParameterizedTest(name = "λ = {0}")
        @CsvSource({"0.5", "1.0", "2.0"})
        @DisplayName("with zero weights only the shortcut is left: exactly λ·I")
        void zeroWeightsLeaveTheShortcut(double shortcut) {
            double[][] expected = {{shortcut, 0, 0}, {0, shortcut, 0}, {0, 0, shortcut}};
            assertMatrixClose(ResidualNet.jacobian(MatrixUtils.createRealMatrix(3, 3), TANH, shortcut, vector(0.3, -1, 2)),
                    expected, 0.0,
                    "the Jacobian of a 3×3 block with W = 0 and λ = " + shortcut,
                    "A branch with zero weights contributes nothing; what is left is the shortcut's own Jacobian λ·I.");
        }
    }

    @Nested
    @Order(3)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    @DisplayName("Backward: the gradient norm at every layer, plain against residual")
    class GradientNorms {

        @Order(1)
        @Test
        @DisplayName("by hand: with F the identity and W = [[1, 2], [0, −1]] twice, g = (1, 0) gives norms √32, √8, 1 residual and 1, √5, 1 plain")
        void byHand() {
            // Residual: J = I + W = [[2, 2], [0, 0]], Jᵀ·(1, 0) = (2, 2), Jᵀ·(2, 2) = (4, 4): norms √32, √8, 1.
            // Plain: J = W, Wᵀ·(1, 0) = (1, 2), Wᵀ·(1, 2) = (1, 0): norms 1, √5, 1.
            // Backpropagating with J instead of Jᵀ would give (2, 0), (4, 0) and (1, 0), (1, 0) instead.
            RealVector x = vector(1, 1);
            RealVector g = vector(1, 0);
            List<RealMatrix> weights = List.of(HAND, HAND);
            assertNorms(ResidualNet.layerGradientNorms(weights, new Identity(), ResidualNet.IDENTITY_SHORTCUT, x, g),
                    new double[] {Math.sqrt(32), Math.sqrt(8), 1}, TOLERANCE,
                    "the gradient norms of the residual net x ← x + W·x",
                    "Backward through a block multiplies by its Jacobian transposed: g ← (I + W)ᵀ·g.");
            assertNorms(ResidualNet.layerGradientNorms(weights, new Identity(), ResidualNet.NO_SHORTCUT, x, g),
                    new double[] {1, Math.sqrt(5), 1}, TOLERANCE,
                    "the gradient norms of the plain net x ← W·x",
                    "Backward through a plain block multiplies by Wᵀ, not by W.");
        }

        @Order(2)
        @ParameterizedTest(name = "{0}, λ = {1}, seed {2}, {3} blocks of width {4}, weight scale {5}")
        @CsvSource({
            "tanh, 1.0, 7, 12, 6, 1.0",
            "tanh, 0.0, 7, 12, 6, 1.0",
            "sigmoid, 1.0, 11, 8, 5, 1.0",
            "sin, 0.5, 3, 10, 4, 1.0",
            "tanh, 0.0, 42, 50, 8, 0.5",
            "tanh, 1.0, 42, 50, 8, 0.5"})
        @DisplayName("every layer's norm agrees with forward-mode differentiation from that layer to the loss")
        void agreeWithForwardMode(String name, double shortcut, long seed, int depth, int width, double scale) {
            UnivariateDifferentiableFunction activation = activation(name);
            Seeded net = Seeded.net(seed, depth, width, scale);
            double[] norms = ResidualNet.layerGradientNorms(net.weights(), activation, shortcut, net.input(), net.outputGradient());
            assertThat(norms).as("the gradient norms of a %d-block net: one per layer, input to output", depth)
                    .isNotNull().hasSize(depth + 1);
            List<RealVector> states = referenceStates(net.weights(), activation, shortcut, net.input());
            for (int layer = 0; layer <= depth; layer++) {
                RealVector expected = gradientByForwardMode(net.weights().subList(layer, depth), activation, shortcut,
                        states.get(layer), net.outputGradient());
                assertClose(norms[layer], expected.getNorm(), DEEP_TOLERANCE,
                        "‖∂ℓ/∂x" + layer + "‖ in a " + depth + "-block " + name + " net with λ = " + shortcut,
                        "Backward multiplies by each block's Jacobian transposed, taken at the value entering that "
                                + "block; forward mode from layer " + layer + " to the loss must give the same gradient.");
            }
        }

        @Order(3)
        @ParameterizedTest(name = "seed {0}")
        @CsvSource({"1", "2", "3"})
        @DisplayName("50 tanh blocks with small weights: the plain net's first-layer gradient is orders of magnitude below its last, the residual net's stays level")
        void plainVanishesResidualStaysLevel(long seed) {
            // Entries of W drawn from N(0, 0.5²/16). Measured over six seeds: plain ratio 3e-17 to 4e-16,
            // residual ratios between 0.8 and 15. The bounds below leave orders of magnitude of room.
            Seeded net = Seeded.net(seed, 50, 16, 0.5);
            double[] plain = ResidualNet.layerGradientNorms(net.weights(), TANH, ResidualNet.NO_SHORTCUT,
                    net.input(), net.outputGradient());
            double[] residual = ResidualNet.layerGradientNorms(net.weights(), TANH, ResidualNet.IDENTITY_SHORTCUT,
                    net.input(), net.outputGradient());
            assertThat(plain).as("the plain net's gradient norms").isNotNull().hasSize(51);
            assertThat(residual).as("the residual net's gradient norms").isNotNull().hasSize(51);
            double plainRatio = plain[0] / plain[50];
            assertThat(plainRatio)
                    .withFailMessage("In the plain net, ‖∂ℓ/∂x₀‖ / ‖∂ℓ/∂x₅₀‖ should be below 1e-10 (each block multiplies "
                            + "by diag(tanh′)·W, about 0.5 in size), but it is %s. The first layers of a deep plain net "
                            + "hear almost nothing from the loss.", plainRatio)
                    .isPositive().isLessThan(1e-10);
            for (int layer = 0; layer <= 50; layer++) {
                double ratio = residual[layer] / residual[50];
                assertThat(ratio)
                        .withFailMessage("In the residual net with the same weights, ‖∂ℓ/∂x%d‖ / ‖∂ℓ/∂x₅₀‖ should stay "
                                + "between 0.1 and 100, but it is %s. The identity path hands the output's gradient "
                                + "to every layer, whatever the branches do.", layer, ratio)
                        .isBetween(0.1, 100.0);
            }
        }

        @Order(4)
        @ParameterizedTest(name = "seed {0}")
        @CsvSource({"4", "5"})
        @DisplayName("one tanh block changes the gradient norm by at most ‖W‖₂: plain ≤ ‖W‖₂, residual within 1 ± ‖W‖₂")
        void spectralNormBoundsEveryBlock(long seed) {
            // |tanh′| ≤ 1, so ‖diag(tanh′)·W‖₂ ≤ ‖W‖₂ = s (the largest singular value). Hence a plain block
            // gives ‖g_{i−1}‖ ≤ s·‖g_i‖, and a residual block (1 − s)·‖g_i‖ ≤ ‖g_{i−1}‖ ≤ (1 + s)·‖g_i‖.
            Seeded net = Seeded.net(seed, 20, 8, 0.4);
            double[] plain = ResidualNet.layerGradientNorms(net.weights(), TANH, ResidualNet.NO_SHORTCUT,
                    net.input(), net.outputGradient());
            double[] residual = ResidualNet.layerGradientNorms(net.weights(), TANH, ResidualNet.IDENTITY_SHORTCUT,
                    net.input(), net.outputGradient());
            assertThat(plain).as("the plain net's gradient norms").isNotNull().hasSize(21);
            assertThat(residual).as("the residual net's gradient norms").isNotNull().hasSize(21);
            for (int block = 1; block <= 20; block++) {
                double s = new SingularValueDecomposition(net.weights().get(block - 1)).getNorm();
                double plainRatio = plain[block - 1] / plain[block];
                double residualRatio = residual[block - 1] / residual[block];
                assertThat(plainRatio)
                        .withFailMessage("Plain block %d: ‖g_in‖ / ‖g_out‖ = %s, but it can be at most ‖W‖₂ = %s "
                                + "when |F′| ≤ 1.", block, plainRatio, s)
                        .isPositive().isLessThanOrEqualTo(s * (1 + TOLERANCE));
                assertThat(residualRatio)
                        .withFailMessage("Residual block %d: ‖g_in‖ / ‖g_out‖ = %s, but it must lie in [1 − ‖W‖₂, 1 + ‖W‖₂] "
                                + "= [%s, %s]: the identity path keeps what the branch cannot take away.",
                                block, residualRatio, 1 - s, 1 + s)
                        .isBetween((1 - s) * (1 - TOLERANCE), (1 + s) * (1 + TOLERANCE));
            }
        }

        @Order(5)
        @ParameterizedTest(name = "λ = {0}")
        @CsvSource({"0.5", "1.0", "2.0", "0.75"})
        @DisplayName("a scaled shortcut with zero branch weights gives exactly ‖g‖·λᴸ⁻ⁱ at layer i: only λ = 1 keeps it level")
        void scaledShortcutGivesLambdaToTheL(double shortcut) {
            // W = 0: every block's Jacobian is λ·I, so ∂ℓ/∂x_i = λ^(L−i)·g. With g = (3, 4), ‖g‖ = 5, and
            // 5·λ^k is exact in binary for these λ and k ≤ 10.
            List<RealMatrix> zeros = Collections.nCopies(10, MatrixUtils.createRealMatrix(2, 2));
            double[] norms = ResidualNet.layerGradientNorms(zeros, TANH, shortcut, vector(0.5, -0.5), vector(3, 4));
            double[] expected = new double[11];
            expected[10] = 5;
            for (int layer = 9; layer >= 0; layer--) {
                expected[layer] = expected[layer + 1] * shortcut;
            }
            assertNorms(norms, expected, 0.0,
                    "the gradient norms through 10 blocks x ← " + shortcut + "·x + tanh(0·x)",
                    "A shortcut scaled by λ multiplies the gradient by λ in every block: λᴸ vanishes for λ < 1 and "
                            + "explodes for λ > 1. That is why the shortcut is the identity.");
        }

        @Order(6)
        @Test
        @DisplayName("a net with no blocks returns just the norm of the output gradient")
        void noBlocks() {
            assertNorms(ResidualNet.layerGradientNorms(List.of(), TANH, 1.0, vector(1, 2), vector(3, 4)),
                    new double[] {5}, 0.0,
                    "the gradient norms of a net with no blocks",
                    "The last entry is always ‖∂ℓ/∂x_L‖ = ‖outputGradient‖; with L = 0 it is the only one.");
        }
    }

    @Nested
    @Order(4)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    @DisplayName("Bad input gets a clear error, not a wrong number")
    class BadInput {

        private final RealMatrix square = MatrixUtils.createRealMatrix(2, 2);

        @Order(1)
        @Test
        @DisplayName("an empty input or output-gradient vector is rejected")
        void rejectsEmptyVectors() {
            RealVector empty = new ArrayRealVector(0);
            assertRejected(() -> ResidualNet.forward(List.of(), TANH, 1.0, empty), "forward from an empty vector");
            assertRejected(() -> ResidualNet.jacobian(MatrixUtils.createRealMatrix(1, 1), TANH, 1.0, empty),
                    "the Jacobian at an empty vector");
            assertRejected(() -> ResidualNet.layerGradientNorms(List.of(square), TANH, 1.0, vector(1, 2), empty),
                    "an empty output gradient");
        }

        @Order(2)
        @Test
        @DisplayName("a weight matrix that is not square is rejected: x and F(W·x) could not be added")
        void rejectsNonSquareMatrices() {
            RealMatrix wide = MatrixUtils.createRealMatrix(2, 3);
            assertRejected(() -> ResidualNet.forward(List.of(wide), TANH, 1.0, vector(1, 2, 3)), "forward through a 2×3 matrix");
            assertRejected(() -> ResidualNet.jacobian(wide, TANH, 1.0, vector(1, 2, 3)), "the Jacobian of a 2×3 block");
            assertRejected(() -> ResidualNet.layerGradientNorms(List.of(wide), TANH, 0.0, vector(1, 2, 3), vector(1, 0)),
                    "gradient norms through a 2×3 matrix");
        }

        @Order(3)
        @Test
        @DisplayName("mismatched dimensions are rejected: matrix against input, block against block, output gradient against net")
        void rejectsMismatchedDimensions() {
            RealMatrix three = MatrixUtils.createRealMatrix(3, 3);
            assertRejected(() -> ResidualNet.forward(List.of(three), TANH, 1.0, vector(1, 2)), "a 3×3 matrix applied to 2 entries");
            assertRejected(() -> ResidualNet.forward(List.of(square, three), TANH, 1.0, vector(1, 2)),
                    "a 2×2 block followed by a 3×3 block");
            assertRejected(() -> ResidualNet.jacobian(three, TANH, 1.0, vector(1, 2)), "the Jacobian of a 3×3 block at 2 entries");
            assertRejected(() -> ResidualNet.layerGradientNorms(List.of(square), TANH, 1.0, vector(1, 2), vector(1, 2, 3)),
                    "an output gradient of 3 entries for a net of width 2");
        }

        @Order(4)
        @Test
        @DisplayName("NaN anywhere (input, weights, λ, output gradient) or a missing activation is rejected")
        void rejectsNaNAndNull() {
            RealMatrix nan = MatrixUtils.createRealMatrix(new double[][] {{1, Double.NaN}, {0, 1}});
            assertRejected(() -> ResidualNet.forward(List.of(square), TANH, 1.0, vector(1, Double.NaN)), "a NaN input entry");
            assertRejected(() -> ResidualNet.forward(List.of(nan), TANH, 1.0, vector(1, 2)), "a NaN weight");
            assertRejected(() -> ResidualNet.jacobian(nan, TANH, 1.0, vector(1, 2)), "the Jacobian of a block with a NaN weight");
            assertRejected(() -> ResidualNet.jacobian(square, TANH, Double.NaN, vector(1, 2)), "a NaN shortcut scale λ");
            assertRejected(() -> ResidualNet.layerGradientNorms(List.of(square), TANH, 1.0, vector(1, 2), vector(Double.NaN, 0)),
                    "a NaN output gradient");
            assertRejected(() -> ResidualNet.forward(List.of(square), null, 1.0, vector(1, 2)), "a net with no activation");
            assertRejected(() -> ResidualNet.jacobian(square, null, 1.0, vector(1, 2)), "the Jacobian of a block with no activation");
            assertRejected(() -> ResidualNet.layerGradientNorms(List.of(square), null, 1.0, vector(1, 2), vector(1, 0)),
                    "gradient norms of a net with no activation");
            assertRejected(() -> ResidualNet.jacobian(null, TANH, 1.0, vector(1, 2)), "the Jacobian of a block with no weights");
            assertRejected(() -> ResidualNet.forward(null, TANH, 1.0, vector(1, 2)), "forward through a missing (null) list");
            assertRejected(() -> ResidualNet.layerGradientNorms(List.of(square), TANH, 1.0, vector(1, 2), null),
                    "a missing (null) output gradient");
            assertRejected(() -> ResidualNet.forward(List.of(square), TANH, Double.NaN, vector(1, 2)), "forward with a NaN λ");
            assertRejected(() -> ResidualNet.layerGradientNorms(List.of(nan), TANH, 1.0, vector(1, 2), vector(1, 0)),
                    "gradient norms through a NaN weight");
            // The input is checked before the output gradient is compared with its size: a null x must not
            // escape as a NullPointerException.
            assertRejected(() -> ResidualNet.layerGradientNorms(List.of(square), TANH, 1.0, null, vector(1, 0)),
                    "gradient norms from a missing (null) input");
            assertRejected(() -> ResidualNet.forward(List.of(square), TANH, 1.0, null), "forward from a missing (null) input");
        }

        @Order(5)
        @Test
        @DisplayName("an infinite entry anywhere (input, weights, λ, output gradient) is rejected by every method")
        void rejectsInfinities() {
            double inf = Double.POSITIVE_INFINITY;
            RealMatrix infinite = MatrixUtils.createRealMatrix(new double[][] {{1, 0}, {-inf, 1}});
            assertRejected(() -> ResidualNet.forward(List.of(square), TANH, 1.0, vector(inf, 2)), "forward from an infinite input");
            assertRejected(() -> ResidualNet.forward(List.of(infinite), TANH, 1.0, vector(1, 2)), "forward through an infinite weight");
            assertRejected(() -> ResidualNet.forward(List.of(square), TANH, inf, vector(1, 2)), "forward with λ = ∞");
            assertRejected(() -> ResidualNet.jacobian(infinite, TANH, 1.0, vector(1, 2)), "the Jacobian of an infinite weight");
            assertRejected(() -> ResidualNet.jacobian(square, TANH, -inf, vector(1, 2)), "the Jacobian with λ = −∞");
            assertRejected(() -> ResidualNet.jacobian(square, TANH, 1.0, vector(1, -inf)), "the Jacobian at an infinite input");
            assertRejected(() -> ResidualNet.layerGradientNorms(List.of(square), TANH, 1.0, vector(1, 2), vector(inf, 0)),
                    "an infinite output gradient");
            assertRejected(() -> ResidualNet.layerGradientNorms(List.of(square), TANH, 1.0, vector(inf, 2), vector(1, 0)),
                    "gradient norms from an infinite input");
            assertRejected(() -> ResidualNet.layerGradientNorms(List.of(infinite), TANH, 1.0, vector(1, 2), vector(1, 0)),
                    "gradient norms through an infinite weight");
        }

        @Order(6)
        @Test
        @DisplayName("an output gradient or a matrix that is too long or too short is rejected")
        void rejectsTooLongAndTooShort() {
            assertRejected(() -> ResidualNet.layerGradientNorms(List.of(square), TANH, 1.0, vector(1, 2), vector(1)),
                    "an output gradient with 1 entry for a 2-entry net");
            assertRejected(() -> ResidualNet.layerGradientNorms(List.of(square), TANH, 1.0, vector(1, 2), vector(1, 2, 3)),
                    "an output gradient with 3 entries for a 2-entry net");
            assertRejected(() -> ResidualNet.jacobian(MatrixUtils.createRealMatrix(1, 1), TANH, 1.0, vector(1, 2)),
                    "the Jacobian of a 1×1 block at 2 entries");
            assertRejected(() -> ResidualNet.forward(List.of(square, MatrixUtils.createRealMatrix(1, 1)), TANH, 1.0, vector(1, 2)),
                    "a 1×1 second block after a 2×2 first block");
        }

        @Order(7)
        @Test
        @DisplayName("forward keeps no reference to the caller's input: changing it afterwards changes no state")
        void forwardCopiesTheInput() {
            ArrayRealVector input = new ArrayRealVector(new double[] {0.5, -0.25});
            List<RealVector> states = ResidualNet.forward(List.of(square), TANH, 1.0, input);
            input.setEntry(0, 99.0);
            double first = states.get(0).getEntry(0);
            assertThat(first)
                    .withFailMessage("forward([0.5, −0.25]) and then the caller changes its input's entry 0 to 99: expected "
                            + "x₀ to stay 0.5 but got %s. The states are the net's record of one forward pass; if x₀ is the "
                            + "caller's own vector, the next change the caller makes rewrites that record. Add x.copy().", first)
                    .isEqualTo(0.5);
        }

        @Order(8)
        @ParameterizedTest(name = "a NaN weight in block {0} of 3: the message says \"block {0}\"", quoteTextArguments = false)
        @CsvSource({"1", "2", "3"})
        @DisplayName("the error names the block at fault, counting from 1 as W₁, W₂, … do")
        void errorNamesTheBlock(int faulty) {
            RealMatrix nan = MatrixUtils.createRealMatrix(new double[][] {{1, Double.NaN}, {0, 1}});
            List<RealMatrix> weights = new ArrayList<>(List.of(square, square, square));
            weights.set(faulty - 1, nan);
            String expected = "block " + faulty;
            assertRejected(() -> ResidualNet.forward(weights, TANH, 1.0, vector(1, 2)), "forward through a NaN weight in block " + faulty);
            String message = catchThrowable(() -> ResidualNet.forward(weights, TANH, 1.0, vector(1, 2))).getMessage();
            assertThat(message)
                    .withFailMessage("a NaN weight in block %d of 3 (counting W₁, W₂, W₃ from 1): expected the message to "
                            + "contain \"%s\" but got \"%s\". In a net of many blocks, an error that points at the wrong "
                            + "block sends the reader to the wrong matrix.", faulty, expected, message)
                    .contains(expected);
        }
    }

    // ---- independent references, written out here so that no expectation comes from the code under test ----

    /** Seeded weights with entries N(0, scale²/width), an input and an output gradient with N(0, 1) entries. */
    private record Seeded(List<RealMatrix> weights, RealVector input, RealVector outputGradient) {

        static Seeded net(long seed, int depth, int width, double scale) {
            RandomGenerator random = new Well19937c(seed);
            List<RealMatrix> weights = new ArrayList<>();
            for (int block = 0; block < depth; block++) {
                RealMatrix w = MatrixUtils.createRealMatrix(width, width);
                for (int row = 0; row < width; row++) {
                    for (int column = 0; column < width; column++) {
                        w.setEntry(row, column, random.nextGaussian() * scale / Math.sqrt(width));
                    }
                }
                weights.add(w);
            }
            return new Seeded(List.copyOf(weights), gaussian(random, width), gaussian(random, width));
        }

        private static RealVector gaussian(RandomGenerator random, int width) {
            RealVector v = new ArrayRealVector(width);
            for (int k = 0; k < width; k++) {
                v.setEntry(k, random.nextGaussian());
            }
            return v;
        }
    }

    /** One block λ·x + F(W·x), entry by entry. */
    private static RealVector referenceBlock(RealMatrix w, UnivariateDifferentiableFunction f, double shortcut, RealVector x) {
        RealVector y = new ArrayRealVector(x.getDimension());
        for (int k = 0; k < x.getDimension(); k++) {
            double preActivation = 0;
            for (int j = 0; j < x.getDimension(); j++) {
                preActivation += w.getEntry(k, j) * x.getEntry(j);
            }
            y.setEntry(k, shortcut * x.getEntry(k) + f.value(preActivation));
        }
        return y;
    }

    private static List<RealVector> referenceStates(List<RealMatrix> weights, UnivariateDifferentiableFunction f,
                                                    double shortcut, RealVector x) {
        List<RealVector> states = new ArrayList<>(List.of(x));
        for (RealMatrix w : weights) {
            states.add(referenceBlock(w, f, shortcut, states.get(states.size() - 1)));
        }
        return states;
    }

    /** One block on DerivativeStructures, so that every output carries its partial derivatives. */
    private static DerivativeStructure[] block(RealMatrix w, UnivariateDifferentiableFunction f, double shortcut,
                                               DerivativeStructure[] x) {
        DerivativeStructure[] y = new DerivativeStructure[x.length];
        for (int k = 0; k < x.length; k++) {
            DerivativeStructure preActivation = x[0].linearCombination(w.getRow(k), x);
            y[k] = x[k].multiply(shortcut).add(f.value(preActivation));
        }
        return y;
    }

    /** x as n independent variables of order-1 forward mode. */
    private static DerivativeStructure[] variables(RealVector x) {
        int n = x.getDimension();
        DerivativeStructure[] v = new DerivativeStructure[n];
        for (int j = 0; j < n; j++) {
            v[j] = new DerivativeStructure(n, 1, j, x.getEntry(j));
        }
        return v;
    }

    private static double partial(DerivativeStructure y, int variable) {
        int[] orders = new int[y.getFreeParameters()];
        orders[variable] = 1;
        return y.getPartialDerivative(orders);
    }

    private static double[][] jacobianByForwardMode(RealMatrix w, UnivariateDifferentiableFunction f, double shortcut,
                                                    RealVector x) {
        DerivativeStructure[] y = block(w, f, shortcut, variables(x));
        double[][] jacobian = new double[y.length][y.length];
        for (int k = 0; k < y.length; k++) {
            for (int j = 0; j < y.length; j++) {
                jacobian[k][j] = partial(y[k], j);
            }
        }
        return jacobian;
    }

    /** ∂ℓ/∂x for ℓ = gᵀ·(output of the blocks), by forward mode from x through every block. */
    private static RealVector gradientByForwardMode(List<RealMatrix> weights, UnivariateDifferentiableFunction f,
                                                    double shortcut, RealVector x, RealVector g) {
        DerivativeStructure[] state = variables(x);
        for (RealMatrix w : weights) {
            state = block(w, f, shortcut, state);
        }
        RealVector gradient = new ArrayRealVector(x.getDimension());
        for (int j = 0; j < x.getDimension(); j++) {
            double sum = 0;
            for (int k = 0; k < state.length; k++) {
                sum += g.getEntry(k) * partial(state[k], j);
            }
            gradient.setEntry(j, sum);
        }
        return gradient;
    }

    private static UnivariateDifferentiableFunction activation(String name) {
        return switch (name) {
            case "tanh" -> TANH;
            case "sigmoid" -> new Sigmoid();
            case "sin" -> new Sin();
            default -> throw new IllegalArgumentException("no activation called " + name);
        };
    }

    // ---- assertions with messages that say what and why ----

    private static RealVector vector(double... entries) {
        return new ArrayRealVector(entries);
    }

    private static void assertVectors(List<RealVector> actual, List<RealVector> expected, String what, String why) {
        assertThat(actual).withFailMessage("%s: expected %d vectors (x₀ to x_L) but got %s. %s",
                what, expected.size(), actual == null ? "null" : actual.size(), why).isNotNull().hasSize(expected.size());
        // Entry by entry, bit for bit: never the learner vector's own equals, which a subclass could make always true.
        for (int i = 0; i < expected.size(); i++) {
            Entries.assertSameEntries(actual.get(i), expected.get(i), what + ": x" + i, why);
        }
    }

    private static void assertVectorsClose(List<RealVector> actual, List<RealVector> expected, String what, String why) {
        assertThat(actual).withFailMessage("%s: expected %d vectors (x₀ to x_L) but got %s. %s",
                what, expected.size(), actual == null ? "null" : actual.size(), why).isNotNull().hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i) != null && actual.get(i).getDimension() == expected.get(i).getDimension())
                    .withFailMessage("%s: x%d should have %d entries, %s, but is %s. %s", what, i,
                            expected.get(i).getDimension(), expected.get(i), actual.get(i), why)
                    .isTrue();
            for (int k = 0; k < expected.get(i).getDimension(); k++) {
                assertClose(actual.get(i).getEntry(k), expected.get(i).getEntry(k), TOLERANCE,
                        what + ", entry " + k + " of x" + i, why);
            }
        }
    }

    private static void assertNorms(double[] actual, double[] expected, double relativeTolerance, String what, String why) {
        assertThat(actual).withFailMessage("%s: expected %d norms (layers 0 to L) but got %s. %s", what, expected.length,
                actual == null ? "null" : actual.length, why).isNotNull().hasSize(expected.length);
        for (int layer = 0; layer < expected.length; layer++) {
            if (relativeTolerance == 0.0) {
                assertExactly(actual[layer], expected[layer], what + " at layer " + layer, why);
            } else {
                assertClose(actual[layer], expected[layer], relativeTolerance, what + " at layer " + layer, why);
            }
        }
    }

    /** Entry by entry, within {@code tolerance} times the largest expected entry (at least 1). */
    private static void assertMatrixClose(RealMatrix actual, double[][] expected, double tolerance, String what, String why) {
        int n = expected.length;
        assertThat(actual).withFailMessage("%s came back null. %s", what, why).isNotNull();
        assertThat(new int[] {actual.getRowDimension(), actual.getColumnDimension()})
                .withFailMessage("%s should be %d×%d but is %d×%d. %s", what, n, n,
                        actual.getRowDimension(), actual.getColumnDimension(), why)
                .containsExactly(n, n);
        double scale = 1;
        for (double[] row : expected) {
            for (double e : row) {
                scale = Math.max(scale, Math.abs(e));
            }
        }
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < n; j++) {
                double a = actual.getEntry(k, j);
                double e = expected[k][j];
                assertThat(a).withFailMessage("%s: entry (%d, %d) came back as %s, not a finite number (expected %s). %s",
                        what, k, j, a, e, why).isFinite();
                assertThat(Math.abs(a - e)).withFailMessage("%s: entry (%d, %d) should be %s (to %s) but is %s. %s",
                        what, k, j, e, tolerance * scale, a, why).isLessThanOrEqualTo(tolerance * scale);
            }
        }
    }
}
