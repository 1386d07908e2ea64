package gradientkata.backprop;

import static gradientkata.support.Expect.assertClose;
import static gradientkata.support.Expect.assertExactly;
import static gradientkata.support.Expect.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Lesson 02 · backprop is exact: the forward and backward passes")
class BackpropTest {

    /** Relative tolerance: every value here goes through at most a few hundred roundings. */
    private static final double TOLERANCE = 1e-12;

    /** The three-layer chain of several tests: mixed signs, all values exact in binary. */
    private static final double[] MIXED_WEIGHTS = {1.5, -2.0, 0.75};
    private static final double[] MIXED_BIASES = {-0.5, 0.25, 1.0};
    private static final double MIXED_X = 0.8;

    @Nested
    @DisplayName("The forward pass keeps every activation")
    class ForwardPass {

        @Test
        @DisplayName("three layers h = σ(h) from 0.5 return [0.5, h₁, h₂, h₃]: the input first, then one value per layer")
        void returnsTheInputAndOneActivationPerLayer() {
            double[] h = ScalarChain.uniform(3, 1.0, 0.0).forward(0.5);
            assertThat(h).as("forward(0.5) on a 3-layer chain should return 4 activations, h₀ to h₃: "
                    + "backward needs every one of them").hasSize(4);
            assertExactly(h[0], 0.5, "h₀", "The first activation is the input itself.");
            // 50-digit decimal arithmetic: h1 = σ(0.5) = 0.62245933120185456464…,
            // h2 = σ(h1) = 0.65077767821470037706…, h3 = σ(h2) = 0.65718568927725115159…
            assertClose(h[1], 0.6224593312018546, TOLERANCE, "h₁ = σ(0.5)", "Each layer applies the sigmoid to the value before it.");
            assertClose(h[2], 0.6507776782147003, TOLERANCE, "h₂ = σ(h₁)", "Each layer applies the sigmoid to the value before it.");
            assertClose(h[3], 0.6571856892772512, TOLERANCE, "h₃ = σ(h₂)", "The last activation is the chain's output.");
        }

        @Test
        @DisplayName("each layer uses its own weight and bias: wₖ·hₖ₋₁ + bₖ goes into the sigmoid")
        void eachLayerUsesItsOwnParameters() {
            double[] h = ScalarChain.of(MIXED_WEIGHTS, MIXED_BIASES).forward(MIXED_X);
            assertThat(h).as("forward on a 3-layer chain returns h₀ … h₃").hasSize(4);
            // 50-digit decimal arithmetic, w = (1.5, −2, 0.75), b = (−0.5, 0.25, 1), x = 0.8:
            // h1 = σ(0.7) = 0.66818777216816610653…, h2 = 0.25230140125973341327…, h3 = 0.76660261548057567882…
            assertClose(h[1], 0.6681877721681662, TOLERANCE, "h₁ = σ(1.5·0.8 − 0.5)", "Layer 1 uses w₁ and b₁.");
            assertClose(h[2], 0.25230140125973344, TOLERANCE, "h₂ = σ(−2·h₁ + 0.25)", "Layer 2 uses w₂ and b₂ on h₁.");
            assertClose(h[3], 0.7666026154805757, TOLERANCE, "h₃ = σ(0.75·h₂ + 1)", "Layer 3 uses w₃ and b₃ on h₂.");
        }
    }

    @Nested
    @DisplayName("The backward pass returns every gradient of the output")
    class BackwardPass {

        @Test
        @DisplayName("one layer h = σ(2x − 1) at x = 0.75: ∂h/∂x = w·σ′(z), ∂h/∂w = x·σ′(z), ∂h/∂b = σ′(z)")
        void oneLayerClosedForm() {
            ScalarChain chain = ScalarChain.of(new double[] {2.0}, new double[] {-1.0});
            Gradients g = chain.backward(chain.forward(0.75));
            // z = 0.5, σ′(z) = σ(z)(1 − σ(z)) = 0.23500371220159448906… (50-digit decimal arithmetic)
            assertClose(g.biases()[0], 0.2350037122015945, TOLERANCE, "∂h/∂b = σ′(0.5)",
                    "σ′(z) = σ(z)(1 − σ(z)) at the pre-activation z = 0.5, which is h(1 − h) with the stored output h.");
            assertClose(g.weights()[0], 0.17625278415119586, TOLERANCE, "∂h/∂w = x·σ′(0.5)",
                    "z = w·x + b, so ∂z/∂w is the layer's input x = 0.75.");
            assertClose(g.input(), 0.470007424403189, TOLERANCE, "∂h/∂x = w·σ′(0.5)",
                    "z = w·x + b, so ∂z/∂x is the weight w = 2: the gradient passed on to the layer below.");
        }

        @Test
        @DisplayName("three layers with mixed weights: ∂x, every ∂wₖ and every ∂bₖ match 50-digit arithmetic")
        void threeLayersMatchHighPrecision() {
            ScalarChain chain = ScalarChain.of(MIXED_WEIGHTS, MIXED_BIASES);
            Gradients g = chain.backward(chain.forward(MIXED_X));
            // 50-digit decimal arithmetic from the closed form ∂h3/∂x = Π wₖσ′(zₖ),
            // ∂h3/∂wⱼ = hⱼ₋₁σ′(zⱼ)Π_{k>j} wₖσ′(zₖ), ∂h3/∂bⱼ = σ′(zⱼ)Π_{k>j} wₖσ′(zₖ),
            // cross-checked by 50-digit central differences with step 1e-20.
            assertClose(g.input(), -0.016837822976149698, TOLERANCE, "∂h₃/∂x",
                    "The gradient reaching the input is the product of wₖ·σ′(zₖ) over all three layers; w₂ = −2 makes it negative.");
            double[] dw = {-0.008980172253946504, 0.016915011527426582, 0.04514253507685151};
            double[] db = {-0.011225215317433132, 0.025314757665408905, 0.17892304541891632};
            assertThat(g.weights()).as("one weight gradient per layer").hasSize(3);
            assertThat(g.biases()).as("one bias gradient per layer").hasSize(3);
            for (int k = 0; k < 3; k++) {
                assertClose(g.weights()[k], dw[k], TOLERANCE, "∂h₃/∂w" + (k + 1),
                        "A weight's gradient is the gradient at its pre-activation times the value that entered its layer, hₖ₋₁.");
                assertClose(g.biases()[k], db[k], TOLERANCE, "∂h₃/∂b" + (k + 1),
                        "A bias's gradient is the gradient at its pre-activation: everything above the layer, times σ′(zₖ).");
            }
        }

        @Test
        @DisplayName("ten layers h = σ(h) from 0.5 pass back only 3.48e-7 to the input: the lesson's fact")
        void tenSigmoidLayers() {
            ScalarChain chain = ScalarChain.uniform(10, 1.0, 0.0);
            Gradients g = chain.backward(chain.forward(0.5));
            // 50-digit decimal arithmetic: ∂h10/∂x0 = 3.48311560978516577497…e-7 (CURRICULUM.md, lesson 02)
            assertClose(g.input(), 3.4831156097851657e-7, TOLERANCE, "∂h₁₀/∂x₀",
                    "Ten factors σ′(zₖ) ≤ 1/4 leave a third of a millionth. Backprop computes this small number exactly.");
            // With w1 = 1 and b1 = 0: ∂h10/∂b1 = ∂h10/∂x0, and ∂h10/∂w1 = x0 · ∂h10/∂b1 = 1.74155780489258288748…e-7
            assertClose(g.biases()[0], 3.4831156097851657e-7, TOLERANCE, "∂h₁₀/∂b₁",
                    "With w₁ = 1, nudging b₁ moves z₁ exactly as nudging x₀ does.");
            assertClose(g.weights()[0], 1.7415578048925828e-7, TOLERANCE, "∂h₁₀/∂w₁",
                    "∂z₁/∂w₁ is the input x₀ = 0.5, so the first weight gets half the input's gradient.");
            // 50-digit decimal arithmetic: ∂h10/∂w10 = h9·σ′(z10) = 0.14809047463778531698…
            assertClose(g.weights()[9], 0.14809047463778532, TOLERANCE, "∂h₁₀/∂w₁₀",
                    "The last layer's weight is one layer from the output: its gradient is not small at all.");
        }
    }

    @Nested
    @DisplayName("Backprop equals forward-mode differentiation (DerivativeStructure) at every depth")
    class AgreesWithForwardMode {

        @ParameterizedTest(name = "a random chain of depth {0}")
        @ValueSource(ints = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89})
        @DisplayName("on seeded random chains, every one of the 2n + 1 gradients agrees to 1e-12")
        void everyGradientOfARandomChain(int depth) {
            double[][] random = ForwardMode.randomChain(2024L + depth, depth);
            double[] weights = random[0];
            double[] biases = random[1];
            double x = random[2][0];
            ScalarChain chain = ScalarChain.of(weights, biases);
            Gradients g = chain.backward(chain.forward(x));
            double[] expected = ForwardMode.gradients(weights, biases, x);
            assertThat(g.weights()).as("one weight gradient per layer").hasSize(depth);
            assertThat(g.biases()).as("one bias gradient per layer").hasSize(depth);
            String why = "Backprop and forward mode are two orders of applying the same chain rule: "
                    + "both are exact, so they agree to rounding however small the gradient gets.";
            assertClose(g.input(), expected[0], TOLERANCE, "∂hₙ/∂x at depth " + depth, why);
            for (int k = 0; k < depth; k++) {
                assertClose(g.weights()[k], expected[1 + k], TOLERANCE, "∂hₙ/∂w" + (k + 1) + " at depth " + depth, why);
                assertClose(g.biases()[k], expected[1 + depth + k], TOLERANCE, "∂hₙ/∂b" + (k + 1) + " at depth " + depth, why);
            }
        }

        @Test
        @DisplayName("for h = σ(h) from 0.5, at every depth from 1 to 60, while the gradient falls from 0.24 to 1e-39")
        void everyDepthOfTheSigmoidChain() {
            for (int depth = 1; depth <= 60; depth++) {
                ScalarChain chain = ScalarChain.uniform(depth, 1.0, 0.0);
                assertClose(chain.backward(chain.forward(0.5)).input(), ForwardMode.inputGradient(depth, 1.0, 0.0, 0.5),
                        TOLERANCE, "∂h/∂x₀ through " + depth + " sigmoid layers",
                        "The gradient shrinks about 4.4 times per layer, yet backprop keeps all its digits: "
                                + "vanishing is a property of the function, not an error of the algorithm.");
            }
            // 50-digit decimal arithmetic: ∂h60/∂x0 = 1.32599447127247397693…e-39
            ScalarChain deep = ScalarChain.uniform(60, 1.0, 0.0);
            assertClose(deep.backward(deep.forward(0.5)).input(), 1.325994471272474e-39, TOLERANCE,
                    "∂h₆₀/∂x₀", "Sixty layers leave 1.3e-39: tiny, but a double holds it to full precision.");
        }
    }

    @Nested
    @DisplayName("Bad input gets a clear error, not a wrong number")
    class BadInput {

        @Test
        @DisplayName("a negative depth, an empty chain, or weights and biases of different lengths are rejected")
        void rejectsBadShapes() {
            assertRejected(() -> ScalarChain.uniform(-1, 1.0, 0.0), "a chain of depth −1");
            assertRejected(() -> ScalarChain.uniform(0, 1.0, 0.0), "a chain of depth 0 (an empty chain)");
            assertRejected(() -> ScalarChain.of(new double[0], new double[0]), "a chain with no layers");
            assertRejected(() -> ScalarChain.of(new double[] {1.0, 2.0}, new double[] {0.0}), "2 weights but 1 bias");
            assertRejected(() -> ScalarChain.of(new double[] {1.0}, new double[] {0.0, 0.0}), "1 weight but 2 biases");
            assertRejected(() -> ScalarChain.of(null, new double[] {0.0}), "null weights");
            assertRejected(() -> ScalarChain.of(new double[] {1.0}, null), "null biases");
        }

        @Test
        @DisplayName("a NaN or infinite weight, bias or input is rejected")
        void rejectsNonFiniteNumbers() {
            assertRejected(() -> ScalarChain.of(new double[] {1.0, Double.NaN}, new double[] {0.0, 0.0}), "a NaN weight");
            assertRejected(() -> ScalarChain.of(new double[] {1.0}, new double[] {Double.POSITIVE_INFINITY}), "an infinite bias");
            assertRejected(() -> ScalarChain.uniform(3, Double.NaN, 0.0), "a NaN weight in every layer");
            assertRejected(() -> ScalarChain.uniform(3, 1.0, Double.NaN), "a NaN bias in every layer");
            assertRejected(() -> ScalarChain.uniform(3, 1.0, 0.0).forward(Double.NaN), "a NaN input");
        }

        @Test
        @DisplayName("backward refuses activations that forward did not produce for this chain")
        void rejectsWrongActivations() {
            assertRejected(() -> ScalarChain.uniform(3, 1.0, 0.0).backward(new double[] {0.5, 0.6, 0.7}),
                    "3 activations for a 3-layer chain (it needs h₀ … h₃, four values)");
            assertRejected(() -> ScalarChain.uniform(3, 1.0, 0.0).backward(null), "null activations");
            assertRejected(() -> ScalarChain.uniform(1, 1.0, 0.0).backward(new double[] {0.5, Double.NaN}),
                    "a NaN activation");
        }
    }
}
