package gradientkata.backprop;

import static gradientkata.support.Expect.assertClose;
import static gradientkata.support.Expect.assertExactly;
import static gradientkata.support.Expect.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import gradientkata.support.Oracle;
import java.util.Arrays;
import org.apache.commons.math3.analysis.UnivariateFunction;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Lesson 02 at its edges: values computed independently (src/test/oracle/02-backprop-is-exact.py,
 * 60-digit arithmetic) for random chains and gradients, the sigmoid's far tails, overflow in the
 * gradient check, and chains that must not share arrays with their callers.
 */
@DisplayName("Lesson 02 · backprop is exact: the edges")
class EdgesTest {

    private static double[] numbers(String joined) {
        return Arrays.stream(joined.split(";")).mapToDouble(Double::parseDouble).toArray();
    }

    /** Rejected with an IllegalArgumentException whose message mentions {@code word}. */
    private static void assertRejectedNaming(ThrowingCallable call, String what, String word) {
        assertRejected(call, what);
        assertThat(catchThrowable(call).getMessage())
                .as("the message for %s should name the problem (mention \"%s\")", what, word)
                .contains(word);
    }

    @Nested
    @DisplayName("Forward and backward against 60-digit arithmetic")
    class HighPrecision {

        @Test
        @DisplayName("120 random chains of 1 to 40 layers: every activation and every gradient")
        void matchesHighPrecision() {
            Oracle.eachRow("/oracle/02-backprop-is-exact/chains.csv", row -> {
                ScalarChain chain = ScalarChain.of(numbers(row.text(0)), numbers(row.text(1)));
                double[] h = chain.forward(row.real(2));
                double[] expectedH = numbers(row.text(3));
                assertThat(h).as("forward returns n + 1 activations").hasSize(expectedH.length);
                for (int k = 0; k < h.length; k++) {
                    assertClose(h[k], expectedH[k], 1e-9, "h" + k,
                            "Each activation is σ(wₖ·hₖ₋₁ + bₖ); rounding in a few dozen layers stays far below 1e-9.");
                }
                double[] got = chain.backward(h).toVector().toArray();
                double[] expected = numbers(row.text(4));
                assertThat(got).as("[∂x, ∂w₁ … ∂wₙ, ∂b₁ … ∂bₙ]").hasSize(expected.length);
                for (int i = 0; i < got.length; i++) {
                    assertClose(got[i], expected[i], 1e-9, "gradient entry " + i + " of [∂x, ∂w…, ∂b…]",
                            "Backprop is exact up to rounding: a few roundings per layer, whatever the size of the gradient.");
                }
            });
        }

        @Test
        @DisplayName("far in the tails σ(z) is a subnormal down to z ≈ −745, not 0, and 1 only from z ≈ 36.7")
        void sigmoidTails() {
            Oracle.eachRow("/oracle/02-backprop-is-exact/tails.csv", row -> {
                double z = row.real(0);
                double expected = row.real(1);
                double h = ScalarChain.of(new double[] {1.0}, new double[] {0.0}).forward(z)[1];
                if (expected == 0.0 || expected == 1.0) {
                    assertExactly(h, expected, "σ(" + z + ")", "Here σ(z) rounds to " + expected + " in double.");
                    return;
                }
                // A subnormal keeps fewer bits: allow two of its units in the last place, or 1e-12 relative.
                double tolerance = Math.max(1e-12, 2 * Math.ulp(expected) / expected);
                assertClose(h, expected, tolerance, "σ(" + z + ")",
                        "1 / (1 + e⁻ᶻ) overflows e⁻ᶻ below z ≈ −709 and returns 0; eᶻ / (1 + eᶻ) keeps the subnormal answer.");
            });
        }

        @Test
        @DisplayName("a pre-activation that overflows gives σ = 1 or 0, never NaN")
        void overflowingPreActivation() {
            double[] h = ScalarChain.of(new double[] {1e308, -1e308}, new double[] {1e308, 0.0}).forward(1e308);
            assertExactly(h[1], 1.0, "σ(1e308·1e308 + 1e308)", "z = +Infinity: the sigmoid is 1.");
            assertThat(h[2]).as("σ(−1e308·1) is σ(−1e308), which rounds to 0").isEqualTo(0.0);
        }
    }

    @Nested
    @DisplayName("Nobody shares arrays with a chain or with its gradients")
    class Aliasing {

        @Test
        @DisplayName("changing the caller's arrays after of(...) does not change the chain")
        void ofCopiesItsArguments() {
            double[] weights = {1.5, -2.0};
            double[] biases = {0.5, 0.25};
            ScalarChain chain = ScalarChain.of(weights, biases);
            double before = chain.forward(0.3)[2];
            weights[0] = 100.0;
            biases[1] = -100.0;
            assertExactly(chain.forward(0.3)[2], before, "the output after the caller changed its arrays",
                    "A chain that keeps the caller's arrays changes behind its back: copy them.");
            assertThat(chain.weights()).as("the chain's weights").containsExactly(1.5, -2.0);
            assertThat(chain.biases()).as("the chain's biases").containsExactly(0.5, 0.25);
        }

        @Test
        @DisplayName("weights() and biases() hand out copies")
        void accessorsReturnCopies() {
            ScalarChain chain = ScalarChain.of(new double[] {1.5}, new double[] {0.5});
            chain.weights()[0] = 9.0;
            chain.biases()[0] = 9.0;
            assertThat(chain.weights()).as("weights after changing the array weights() returned").containsExactly(1.5);
            assertThat(chain.biases()).as("biases after changing the array biases() returned").containsExactly(0.5);
        }

        @Test
        @DisplayName("uniform(3, 2, −1) has weights [2, 2, 2] and biases [−1, −1, −1]")
        void uniformFillsEveryLayer() {
            ScalarChain chain = ScalarChain.uniform(3, 2.0, -1.0);
            assertThat(chain.weights()).as("the weights of uniform(3, 2, −1)").containsExactly(2.0, 2.0, 2.0);
            assertThat(chain.biases()).as("the biases of uniform(3, 2, −1)").containsExactly(-1.0, -1.0, -1.0);
            assertThat(chain.depth()).as("the depth of uniform(3, 2, −1)").isEqualTo(3);
        }

        @Test
        @DisplayName("two backward passes of one chain give equal gradients, with equal hash codes, for its depth")
        void backwardIsRepeatable() {
            ScalarChain chain = ScalarChain.of(new double[] {1.5, -2.0}, new double[] {0.5, 0.25});
            Gradients first = chain.backward(chain.forward(0.3));
            Gradients second = chain.backward(chain.forward(0.3));
            Gradients other = chain.backward(chain.forward(0.4));
            assertThat(first.depth()).as("the depth of the gradients of a 2-layer chain").isEqualTo(2);
            assertThat(first).as("backward twice on the same activations").isEqualTo(second).isNotEqualTo(other)
                    .isNotEqualTo(new Gradients(first.input(), first.weights(), new double[2]))
                    .isNotEqualTo(new Gradients(first.input(), new double[2], first.biases()))
                    .isNotEqualTo("not gradients");
            assertThat(first.hashCode()).as("equal gradients have equal hash codes").isEqualTo(second.hashCode())
                    .isNotEqualTo(0);
            assertThat(first.toString()).as("Gradients.toString shows every entry")
                    .contains(Double.toString(first.input()), Double.toString(first.weights()[1]), Double.toString(first.biases()[0]));
        }

        @Test
        @DisplayName("backward leaves the activations it is given unchanged")
        void backwardDoesNotWriteItsInput() {
            ScalarChain chain = ScalarChain.of(new double[] {1.5, -2.0}, new double[] {0.5, 0.25});
            double[] h = chain.forward(0.3);
            double[] copy = h.clone();
            chain.backward(h);
            assertThat(h).as("the activations after backward").containsExactly(copy);
        }
    }

    @Nested
    @DisplayName("The gradient check at the edges of double")
    class CheckEdges {

        @Test
        @DisplayName("the relative error of 122 random vector pairs, entries from 2⁻¹⁰⁷⁴ to ±1.8e308, against 60-digit arithmetic")
        void relativeErrorOfVectors() {
            Oracle.eachRow("/oracle/02-backprop-is-exact/relative-error.csv", row -> {
                double got = GradientCheck.relativeError(new ArrayRealVector(numbers(row.text(0))), new ArrayRealVector(numbers(row.text(1))));
                assertClose(got, row.real(2), 1e-12, "‖g − ĝ‖ / (‖g‖ + ‖ĝ‖)",
                        "Near ±1.8e308, g − ĝ and ‖g‖ + ‖ĝ‖ overflow to Infinity and the ratio turns into NaN: "
                                + "scale both by a power of two first (exact), then divide.");
            });
        }

        @Test
        @DisplayName("the relative error of 101 random pairs of numbers from 2⁻¹⁰⁷⁴ to ±1.8e308, against 60-digit arithmetic")
        void relativeErrorOfNumbers() {
            Oracle.eachRow("/oracle/02-backprop-is-exact/relative-error-scalar.csv", row -> {
                double exact = row.real(0);
                double estimate = row.real(1);
                double got = GradientCheck.relativeError(exact, estimate);
                assertClose(got, row.real(2), 1e-12, "|g − ĝ| / (|g| + |ĝ|) for " + exact + " and " + estimate,
                        "1.8e308 − (−1.8e308) is Infinity, and Infinity / Infinity is NaN: scale first.");
            });
        }

        @Test
        @DisplayName("a slope of 1.5e308 is estimated although f(x + s) − f(x − s) overflows")
        void differenceOfValuesOverflows() {
            UnivariateFunction steep = t -> 1.5e308 * t;
            assertClose(GradientCheck.centralDifference(steep, 0.0, 1.0), 1.5e308, 1e-15,
                    "the central difference of 1.5e308·t at 0 with step 1",
                    "1.5e308 − (−1.5e308) overflows; halve the two values before subtracting.");
        }

        @Test
        @DisplayName("a step of 1e308 is legal: 2s overflows, the estimate must not")
        void twiceTheStepOverflows() {
            UnivariateFunction gentle = t -> 1e-10 * t;
            assertClose(GradientCheck.centralDifference(gentle, 0.0, 1e308), 1e-10, 1e-15,
                    "the central difference of 1e-10·t at 0 with step 1e308",
                    "2 · 1e308 is Infinity, and anything divided by it is 0: divide by s and halve instead.");
        }

        @ParameterizedTest(name = "x = {0}, step = {1}", quoteTextArguments = false)
        @CsvSource({"1.7976931348623157E308, 1e300", "-1.7976931348623157E308, 1e300", "1e308, 1e308"})
        @DisplayName("x ± step that overflows is rejected, not evaluated at Infinity")
        void nudgeOverflows(double x, double step) {
            assertRejectedNaming(() -> GradientCheck.centralDifference(t -> t, x, step), "x = " + x + " ± " + step, "overflow");
        }

        @Test
        @DisplayName("a gradient check whose nudged weight overflows is rejected")
        void nudgedWeightOverflows() {
            ScalarChain chain = ScalarChain.of(new double[] {1.7976931348623157e308}, new double[] {0.0});
            assertRejected(() -> GradientCheck.numericalGradients(chain, 0.5, 1e300), "a weight of 1.8e308 nudged by 1e300");
        }
    }

    @Nested
    @DisplayName("Every bad input is rejected, with a message that points at it")
    class BadInput {

        @Test
        @DisplayName("a non-finite weight or bias is named by its layer")
        void namesTheLayer() {
            assertRejectedNaming(() -> ScalarChain.of(new double[] {1.0, Double.NaN}, new double[] {0.0, 0.0}),
                    "a NaN weight in layer 2", "layer 2");
            assertRejectedNaming(() -> ScalarChain.of(new double[] {1.0, 1.0, 1.0}, new double[] {0.0, 0.0, Double.NEGATIVE_INFINITY}),
                    "an infinite bias in layer 3", "layer 3");
            assertRejectedNaming(() -> ScalarChain.uniform(2, Double.POSITIVE_INFINITY, 0.0), "an infinite weight", "weight");
            assertRejectedNaming(() -> ScalarChain.uniform(2, 1.0, Double.NEGATIVE_INFINITY), "an infinite bias", "bias");
        }

        @Test
        @DisplayName("a depth of 0 or below is rejected by uniform, with the depth in the message")
        void depths() {
            assertRejectedNaming(() -> ScalarChain.uniform(0, 1.0, 0.0), "depth 0", "0");
            assertRejectedNaming(() -> ScalarChain.uniform(-1, 1.0, 0.0), "depth −1", "-1");
            assertThat(ScalarChain.uniform(1, 1.0, 0.0).depth()).as("depth 1 is the smallest chain").isEqualTo(1);
        }

        @Test
        @DisplayName("an infinite input or activation is rejected, and backward says how many activations it needs")
        void infiniteValues() {
            ScalarChain chain = ScalarChain.uniform(2, 1.0, 0.0);
            assertRejected(() -> chain.forward(Double.POSITIVE_INFINITY), "an infinite input");
            assertRejected(() -> chain.forward(Double.NEGATIVE_INFINITY), "an input of −∞");
            assertRejectedNaming(() -> chain.backward(new double[] {Double.POSITIVE_INFINITY, 0.5, 0.5}),
                    "an infinite activation h0", "h0");
            assertRejectedNaming(() -> chain.backward(new double[] {0.5, 0.5}), "2 activations for a 2-layer chain", "3 activations");
        }

        @Test
        @DisplayName("an infinite x or a non-positive step is rejected by the gradient check too, not only by central differences")
        void gradientCheckArguments() {
            ScalarChain chain = ScalarChain.uniform(2, 1.0, 0.0);
            assertRejected(() -> GradientCheck.numericalGradients(chain, Double.POSITIVE_INFINITY, 1e-5), "a gradient check at ∞");
            assertRejected(() -> GradientCheck.numericalGradients(chain, 0.5, -1e-5), "a negative step");
            assertRejected(() -> GradientCheck.numericalGradients(chain, 0.5, Double.POSITIVE_INFINITY), "an infinite step");
            assertRejected(() -> GradientCheck.centralDifference(t -> t, Double.NEGATIVE_INFINITY, 1e-5), "a central difference at −∞");
            assertRejected(() -> GradientCheck.relativeError(null, new ArrayRealVector(2)), "a missing exact gradient");
            assertRejected(() -> GradientCheck.relativeError(1.0, Double.NaN), "a NaN estimate");
            assertRejected(() -> GradientCheck.relativeError(Double.NEGATIVE_INFINITY, 1.0), "an exact gradient of −∞");
        }
    }
}
