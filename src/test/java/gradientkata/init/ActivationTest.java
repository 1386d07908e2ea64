package gradientkata.init;

import static gradientkata.support.Expect.assertClose;
import static gradientkata.support.Expect.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/*
 * Where the expected values come from: tanh′(z) = 4e^(−2|z|)/(1 + e^(−2|z|))², a closed form with no cancellation,
 * and Commons Math's DerivativeStructure for tanh; ReLU′ from its definition.
 */
@DisplayName("Lesson 06 · activations: the slopes the backward pass multiplies by")
class ActivationTest {

    /** Relative tolerance for a closed form evaluated with a few correctly rounded operations. */
    private static final double TOLERANCE = 1e-12;

    @Nested
    @DisplayName("The activations f(z) and the slopes f′(z) the backward pass multiplies by")
    class Slopes {

        @ParameterizedTest(name = "tanh′({0})")
        @CsvSource({"0.0", "0.5", "-0.5", "1.0", "-3.0", "2.5", "20.0", "-20.0", "300.0"})
        @DisplayName("tanh′(z) = 1 − tanh²(z), accurate far into the tails")
        void tanh(double z) {
            double e = Math.exp(-2 * Math.abs(z));
            double expected = 4 * e / ((1 + e) * (1 + e));
            assertClose(Activation.TANH.derivative(z), expected, TOLERANCE, "tanh′(" + z + ")",
                    "tanh′ = 1 − tanh² = 1/cosh². Far out, 1 − tanh² cancels to 0.0 (tanh(20) rounds to 1) although the "
                            + "slope is still about 4e−18: compute 1/cosh² instead.");
            if (Math.abs(z) < 10) {
                double forwardMode = new DerivativeStructure(1, 1, 0, z).tanh().getPartialDerivative(1);
                assertClose(Activation.TANH.derivative(z), forwardMode, TOLERANCE, "tanh′(" + z + ")",
                        "Commons Math's forward-mode derivative of tanh must agree.");
            }
        }

        @Test
        @DisplayName("tanh′ is exactly 1 at 0, tends to 0 far out, and never returns NaN")
        void tanhLimits() {
            assertThat(Activation.TANH.derivative(0.0)).as("tanh′(0): tanh is steepest at 0, with slope exactly 1").isEqualTo(1.0);
            for (double z : new double[] {800.0, -800.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
                assertThat(Activation.TANH.derivative(z))
                        .as("tanh′(%s): cosh overflows to ∞ past |z| ≈ 710, and 1/∞² is the right limit, 0 (not NaN)", z)
                        .isEqualTo(0.0);
            }
        }

        @Test
        @DisplayName("the activations themselves (written for you): tanh(z), and ReLU(z) = max(0, z)")
        void values() {
            // The slope is asked for too, so that this check waits for derivative like every other one.
            assertThat(Activation.TANH.derivative(0.5)).as("tanh′(0.5) = 1/cosh²(0.5) = 0.7864477329659274…")
                    .isCloseTo(0.7864477329659274, within(1e-15));
            double[][] tanh = {{0.5, Math.tanh(0.5)}, {-2.0, Math.tanh(-2.0)}, {Double.POSITIVE_INFINITY, 1}, {Double.NEGATIVE_INFINITY, -1}};
            for (double[] c : tanh) {
                assertThat(Activation.TANH.apply(c[0])).as("tanh(%s)", c[0]).isEqualTo(c[1]);
            }
            double[][] relu = {{2.5, 2.5}, {-2.5, 0}, {0.0, 0}, {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY}, {-1e300, 0}};
            for (double[] c : relu) {
                assertThat(Activation.RELU.apply(c[0])).as("ReLU(%s): z itself when positive, 0 otherwise", c[0]).isEqualTo(c[1]);
            }
            assertRejected(() -> Activation.TANH.apply(Double.NaN), "tanh(NaN)");
            assertRejected(() -> Activation.RELU.apply(Double.NaN), "ReLU(NaN)");
        }

        @Test
        @DisplayName("ReLU′ is 1 for z > 0 and 0 for z ≤ 0: ReLU′(0) = 0, for −0.0 too")
        void relu() {
            double[][] cases = {
                {1.0, 1}, {1e-300, 1}, {Double.MIN_VALUE, 1}, {5e300, 1}, {Double.POSITIVE_INFINITY, 1},
                {0.0, 0}, {-0.0, 0}, {-Double.MIN_VALUE, 0}, {-2.0, 0}, {Double.NEGATIVE_INFINITY, 0}};
            for (double[] c : cases) {
                assertThat(Activation.RELU.derivative(c[0]))
                        .as("ReLU′(%s) should be %s: the slope is 1 where ReLU passes z through and 0 where it outputs 0; "
                                + "at the kink z = 0 this kata uses 0, so a unit sitting exactly at 0 passes no gradient", c[0], c[1])
                        .isEqualTo(c[1]);
            }
        }
    }

    @Nested
    @DisplayName("Bad input gets a clear error, not a wrong number")
    class BadInput {

        @Test
        @DisplayName("the slopes reject NaN")
        void slopes() {
            assertRejected(() -> Activation.TANH.derivative(Double.NaN), "tanh′(NaN)");
            assertRejected(() -> Activation.RELU.derivative(Double.NaN), "ReLU′(NaN)");
        }
    }
}
