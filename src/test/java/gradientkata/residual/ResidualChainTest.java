package gradientkata.residual;

import static gradientkata.support.Expect.assertClose;
import static gradientkata.support.Expect.assertExactly;
import static gradientkata.support.Expect.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.math3.analysis.FunctionUtils;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.apache.commons.math3.analysis.differentiation.UnivariateDifferentiableFunction;
import org.apache.commons.math3.analysis.function.Constant;
import org.apache.commons.math3.analysis.function.Power;
import org.apache.commons.math3.analysis.function.Sigmoid;
import org.apache.commons.math3.analysis.function.Sin;
import org.apache.commons.math3.analysis.function.Tanh;
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

@DisplayName("Lesson 05 · ResNet skips: a chain of scalar blocks")
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class ResidualChainTest {

    /** Relative tolerance for values that go through a few dozen roundings. */
    private static final double TOLERANCE = 1e-12;

    private static final Sigmoid SIGMOID = new Sigmoid();

    @Nested
    @Order(1)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    @DisplayName("Forward: a plain block replaces x, a residual block adds to it")
    class Forward {

        @Order(1)
        @Test
        @DisplayName("ten plain sigmoid blocks take 0.5 to 0.6590; ten residual ones take it to 9.644")
        void tenSigmoidBlocks() {
            // 50-digit decimal arithmetic (python3, decimal, prec = 50), σ(x) = 1/(1 + e^−x):
            // x ← σ(x) ten times from 0.5:       0.65904601457454917031003884821837545459866562912674
            // x ← x + σ(x) ten times from 0.5:   9.6443869685152124831803045932423590746532119270175
            assertClose(ResidualChain.plainForward(SIGMOID, 0.5, 10), 0.6590460145745492, TOLERANCE,
                    "x after ten plain blocks x ← σ(x) from 0.5",
                    "A plain block throws its input away and keeps only σ(x), which always lies in (0, 1).");
            assertClose(ResidualChain.residualForward(SIGMOID, 0.5, 10), 9.644386968515212, TOLERANCE,
                    "x after ten residual blocks x ← x + σ(x) from 0.5",
                    "A residual block keeps its input and adds σ(x) to it: x grows by up to 1 per block.");
        }

        @Order(2)
        @ParameterizedTest(name = "a constant branch 0.25, {0} blocks from x₀ = 1: plain gives {1}, residual gives {2}")
        @CsvSource({
            // plain: F(x) = 0.25 whatever x, so any block leaves 0.25; residual: x₀ + L · 0.25.
            "0, 1.0,  1.0",
            "1, 0.25, 1.25",
            "8, 0.25, 3.0"})
        @DisplayName("a constant branch: the plain chain forgets x₀, the residual chain adds the branch L times")
        void constantBranch(int depth, double plain, double residual) {
            Constant branch = new Constant(0.25);
            assertExactly(ResidualChain.plainForward(branch, 1.0, depth), plain,
                    "x after " + depth + " plain blocks x ← 0.25 from 1",
                    "A plain block's output is F(x) alone; depth 0 leaves the input untouched.");
            assertExactly(ResidualChain.residualForward(branch, 1.0, depth), residual,
                    "x after " + depth + " residual blocks x ← x + 0.25 from 1",
                    "A residual block adds F(x) to what came in: the input survives every block.");
        }
    }

    @Nested
    @Order(2)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    @DisplayName("Backward: the gradient through L blocks is Π F′ for plain blocks and Π (1 + F′) for residual ones")
    class Backward {

        @Order(1)
        @Test
        @DisplayName("ten plain sigmoid blocks from 0.5 pass on a gradient of 3.48e-7")
        void plainSigmoidFact() {
            // 50-digit decimal arithmetic: Π σ′(x_{i−1}) with x_i = σ(x_{i−1}), x₀ = 0.5, σ′ = σ(1 − σ):
            // 3.4831156097851657749670501073334122180001227711074e-7. (CURRICULUM.md quotes
            // 3.4831156097851636e-07, the same loop run in double: 6e-16 apart, well inside the tolerance.)
            assertClose(ResidualChain.plainGradient(SIGMOID, 0.5, 10), 3.4831156097851657e-7, TOLERANCE,
                    "dx₁₀/dx₀ through ten plain blocks x ← σ(x)",
                    "Every plain block multiplies the gradient by σ′ ≤ 1/4: ten of them leave less than a millionth.");
        }

        @Order(2)
        @Test
        @DisplayName("ten residual sigmoid blocks from 0.5 pass on a gradient of 1.79: the shortcut carries it")
        void residualSigmoidFact() {
            // 50-digit decimal arithmetic: Π (1 + σ′(x_{i−1})) with x_i = x_{i−1} + σ(x_{i−1}), x₀ = 0.5:
            // 1.7923617882398058761806085055351091780423106817392. (CURRICULUM.md: 1.7923617882398057,
            // the double loop.)
            assertClose(ResidualChain.residualGradient(SIGMOID, 0.5, 10), 1.792361788239806, TOLERANCE,
                    "dx₁₀/dx₀ through ten residual blocks x ← x + σ(x)",
                    "Each residual block multiplies by 1 + σ′, never less than 1: the identity path keeps the "
                            + "gradient alive. Drop the 1 and it collapses like the plain chain's 3.5e-7, or worse.");
        }

        @Order(3)
        @Test
        @DisplayName("each F′ is taken at the value entering its block: x ← x + x² from 0.5 gives (1 + 1)(1 + 1.5) = 5")
        void derivativeAtTheInputOfEachBlock() {
            // Closed form: F(x) = x², F′(x) = 2x. x₀ = 0.5, x₁ = 0.5 + 0.25 = 0.75.
            // Residual: (1 + 2·0.5)(1 + 2·0.75) = 2 · 2.5 = 5. Taking F′ at each block's output instead
            // (0.75 and 1.3125) would give 2.5 · 3.625 = 9.0625.
            assertExactly(ResidualChain.residualGradient(new Power(2), 0.5, 2), 5.0,
                    "dx₂/dx₀ through two residual blocks x ← x + x² from 0.5",
                    "Block i's local derivative belongs to the value flowing into block i; the value it produces "
                            + "is the next block's input.");
            // Plain: x ← x² three times is x⁸, whose derivative at 0.5 is 8 · 0.5⁷ = 0.0625.
            assertExactly(ResidualChain.plainGradient(new Power(2), 0.5, 3), 0.0625,
                    "dx₃/dx₀ through three plain blocks x ← x² from 0.5, that is d(x⁸)/dx",
                    "The factors 2·0.5, 2·0.25 and 2·0.0625 each use the value entering their block.");
        }

        @Order(4)
        @ParameterizedTest(name = "{0} from x₀ = {1}, {2} blocks")
        @CsvSource({
            "sigmoid, 0.5, 10",
            "sigmoid, -3.0, 25",
            "tanh, 0.3, 40",
            "sin, 1.1, 30",
            "small-tanh, -0.7, 50",
            "square, 0.2, 6"})
        @DisplayName("plain and residual gradients agree with forward-mode differentiation of the whole chain")
        void agreeWithForwardMode(String name, double x0, int depth) {
            UnivariateDifferentiableFunction branch = branch(name);
            // Independent check: push one DerivativeStructure through every block (forward mode).
            DerivativeStructure plain = new DerivativeStructure(1, 1, 0, x0);
            DerivativeStructure residual = new DerivativeStructure(1, 1, 0, x0);
            for (int block = 0; block < depth; block++) {
                plain = branch.value(plain);
                residual = residual.add(branch.value(residual));
            }
            assertClose(ResidualChain.plainGradient(branch, x0, depth), plain.getPartialDerivative(1), TOLERANCE,
                    "the plain gradient through " + depth + " blocks of " + name + " from " + x0,
                    "Backward through x ← F(x) is the product of the F′s; forward mode computes the same number.");
            assertClose(ResidualChain.residualGradient(branch, x0, depth), residual.getPartialDerivative(1), TOLERANCE,
                    "the residual gradient through " + depth + " blocks of " + name + " from " + x0,
                    "Backward through x ← x + F(x) is the product of the (1 + F′)s; forward mode computes the same number.");
        }

        @Order(5)
        @Test
        @DisplayName("with no blocks at all the gradient is 1, plain or residual")
        void noBlocks() {
            assertExactly(ResidualChain.plainGradient(SIGMOID, 0.5, 0), 1.0,
                    "the plain gradient through 0 blocks", "An empty chain is the identity, whose derivative is 1.");
            assertExactly(ResidualChain.residualGradient(SIGMOID, 0.5, 0), 1.0,
                    "the residual gradient through 0 blocks", "An empty chain is the identity, whose derivative is 1.");
        }
    }

    @Nested
    @Order(3)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    @DisplayName("Why the shortcut is the identity: a scaled shortcut λ·x + F(x) brings λᴸ back")
    class ScaledShortcut {

        @Order(1)
        @ParameterizedTest(name = "λ = {0}, {1} blocks: exactly {2}")
        @CsvSource({
            // λᴸ, all exact in binary: 2⁻¹⁰; 3²⁰/4²⁰; 1; 5¹⁰/4¹⁰; 2¹⁰.
            "0.5,    10, 9.765625E-4",
            "0.75,   20, 0.0031712119389339932",
            "1.0,  1000, 1.0",
            "1.25,   10, 9.313225746154785",
            "2.0,    10, 1024.0"})
        @DisplayName("when the branch is the zero function (F′ ≡ 0), the gradient is exactly λᴸ")
        void zeroBranchGivesLambdaToTheL(double shortcut, int depth, double expected) {
            assertExactly(ResidualChain.scaledGradient(new Constant(0.0), shortcut, 0.5, depth), expected,
                    "the gradient through " + depth + " blocks x ← " + shortcut + "·x + 0",
                    "With nothing from the branch, only the shortcut's factor λ is left in every block: λᴸ. "
                            + "Only λ = 1 neither vanishes nor explodes.");
        }

        @Order(2)
        @ParameterizedTest(name = "λ = {0}: between λ⁵⁰ and (λ + 0.01)⁵⁰")
        @CsvSource({"0.5", "0.9", "1.0", "1.1", "1.5"})
        @DisplayName("with a small branch F = 0.01·tanh (0 ≤ F′ ≤ 0.01), 50 blocks give about λ⁵⁰")
        void smallBranchGivesAboutLambdaToTheL(double shortcut) {
            // Every factor λ + F′ lies in [λ, λ + 0.01] because tanh′ ∈ [0, 1]; the product of 50 of them
            // lies in [λ⁵⁰, (λ + 0.01)⁵⁰]. The slack 1e-12 covers the rounding of 50 multiplications.
            double gradient = ResidualChain.scaledGradient(smallTanh(), shortcut, 0.5, 50);
            double low = Math.pow(shortcut, 50) * (1 - TOLERANCE);
            double high = Math.pow(shortcut + 0.01, 50) * (1 + TOLERANCE);
            assertThat(gradient)
                    .withFailMessage("the gradient through 50 blocks x ← %s·x + 0.01·tanh(x) should lie between "
                            + "λ⁵⁰ = %s and (λ + 0.01)⁵⁰ = %s, but it is %s. A small branch cannot rescue a shortcut "
                            + "that is not the identity: the gradient is λ⁵⁰, give or take.", shortcut, low, high, gradient)
                    .isBetween(low, high);
        }

        @Order(3)
        @ParameterizedTest(name = "λ = {0}, F = {1}, x₀ = {2}, {3} blocks")
        @CsvSource({
            "0.5, sigmoid, 0.5, 10",
            "0.9, tanh, 0.3, 30",
            "1.0, sigmoid, 0.5, 10",
            "1.2, sin, -0.4, 20",
            "0.0, sigmoid, 0.5, 10"})
        @DisplayName("the scaled gradient Π (λ + F′) agrees with forward-mode differentiation")
        void scaledAgreesWithForwardMode(double shortcut, String name, double x0, int depth) {
            UnivariateDifferentiableFunction branch = branch(name);
            DerivativeStructure x = new DerivativeStructure(1, 1, 0, x0);
            for (int block = 0; block < depth; block++) {
                x = x.multiply(shortcut).add(branch.value(x));
            }
            assertClose(ResidualChain.scaledGradient(branch, shortcut, x0, depth), x.getPartialDerivative(1), TOLERANCE,
                    "the gradient through " + depth + " blocks x ← " + shortcut + "·x + " + name + "(x) from " + x0,
                    "λ = 0 is the plain chain and λ = 1 the residual one; every block contributes λ + F′ at its input.");
        }
    }

    @Nested
    @Order(4)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    @DisplayName("Bad input gets a clear error, not a wrong number")
    class BadInput {

        @Order(1)
        @Test
        @DisplayName("a negative depth is rejected by every method")
        void rejectsNegativeDepth() {
            assertRejected(() -> ResidualChain.plainForward(SIGMOID, 0.5, -1), "plainForward with depth −1");
            assertRejected(() -> ResidualChain.residualForward(SIGMOID, 0.5, -1), "residualForward with depth −1");
            assertRejected(() -> ResidualChain.plainGradient(SIGMOID, 0.5, -1), "plainGradient with depth −1");
            assertRejected(() -> ResidualChain.residualGradient(SIGMOID, 0.5, -1), "residualGradient with depth −1");
            assertRejected(() -> ResidualChain.scaledGradient(SIGMOID, 1.0, 0.5, -1), "scaledGradient with depth −1");
        }

        @Order(2)
        @Test
        @DisplayName("a NaN input, a NaN shortcut scale or a missing branch is rejected")
        void rejectsNaNAndNull() {
            assertRejected(() -> ResidualChain.plainForward(SIGMOID, Double.NaN, 3), "plainForward from a NaN input");
            assertRejected(() -> ResidualChain.residualForward(SIGMOID, Double.NaN, 3), "residualForward from a NaN input");
            assertRejected(() -> ResidualChain.plainGradient(SIGMOID, Double.NaN, 3), "plainGradient at a NaN input");
            assertRejected(() -> ResidualChain.residualGradient(SIGMOID, Double.NaN, 3), "residualGradient at a NaN input");
            assertRejected(() -> ResidualChain.scaledGradient(SIGMOID, Double.NaN, 0.5, 3), "a NaN shortcut scale λ");
            assertRejected(() -> ResidualChain.residualGradient(null, 0.5, 3), "a chain with no branch function");
            assertRejected(() -> ResidualChain.plainForward(null, 0.5, 3), "plainForward with no branch function");
            assertRejected(() -> ResidualChain.residualForward(null, 0.5, 3), "residualForward with no branch function");
            assertRejected(() -> ResidualChain.plainGradient(null, 0.5, 3), "plainGradient with no branch function");
            assertRejected(() -> ResidualChain.scaledGradient(null, 1.0, 0.5, 3), "scaledGradient with no branch function");
            assertRejected(() -> ResidualChain.scaledGradient(SIGMOID, 1.0, Double.NaN, 3), "scaledGradient at a NaN input");
            assertRejected(() -> ResidualChain.plainForward(SIGMOID, 0.5, Integer.MIN_VALUE), "plainForward with depth −2147483648");
        }

        @Test
        @DisplayName("an infinite input or shortcut scale is rejected by every method: a chain starts from a finite number")
        void rejectsInfinities() {
            double inf = Double.POSITIVE_INFINITY;
            assertRejected(() -> ResidualChain.plainForward(SIGMOID, inf, 3), "plainForward from x0 = ∞");
            assertRejected(() -> ResidualChain.residualForward(SIGMOID, -inf, 3), "residualForward from x0 = −∞");
            assertRejected(() -> ResidualChain.plainGradient(SIGMOID, inf, 3), "plainGradient at x0 = ∞");
            assertRejected(() -> ResidualChain.residualGradient(SIGMOID, -inf, 3), "residualGradient at x0 = −∞");
            assertRejected(() -> ResidualChain.scaledGradient(SIGMOID, 1.0, inf, 3), "scaledGradient at x0 = ∞");
            assertRejected(() -> ResidualChain.scaledGradient(SIGMOID, inf, 0.5, 3), "scaledGradient with λ = ∞");
            assertRejected(() -> ResidualChain.scaledGradient(SIGMOID, -inf, 0.5, 0), "scaledGradient with λ = −∞, even through 0 blocks");
        }
    }

    /** F = 0.01·tanh: a branch whose derivative lies in [0, 0.01]. */
    private static UnivariateDifferentiableFunction smallTanh() {
        return FunctionUtils.multiply(new UnivariateDifferentiableFunction[] {new Constant(0.01), new Tanh()});
    }

    private static UnivariateDifferentiableFunction branch(String name) {
        return switch (name) {
            case "sigmoid" -> SIGMOID;
            case "tanh" -> new Tanh();
            case "sin" -> new Sin();
            case "small-tanh" -> smallTanh();
            case "square" -> new Power(2);
            default -> throw new IllegalArgumentException("no branch called " + name);
        };
    }
}
