package gradientkata.welcome;

import static gradientkata.support.Expect.assertClose;

import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Lesson 00 · the derivative of sin(x²)")
class WelcomeTest {

    /** Doubles agree to about 15 digits; 1e-12 leaves room for the order of operations. */
    private static final double TOLERANCE = 1e-12;

    @Test
    @DisplayName("needs the inner derivative: at x = 1 it is 2·cos(1), not cos(1)")
    void includesTheInnerDerivative() {
        // Closed form: f'(1) = cos(1) · 2 = 1.0806046117362795.
        assertClose(Welcome.derivative(1.0), 1.0806046117362795, TOLERANCE,
                "f′(1)",
                "The chain rule multiplies the outer derivative by the inner one, 2x = 2 here; "
                        + "leaving it out is the first way a gradient goes wrong.");
    }

    @Test
    @DisplayName("takes the outer derivative at the inner value: at x = 2 it is cos(4)·4, not cos(2)·4")
    void evaluatesTheOuterDerivativeAtTheInnerValue() {
        // Closed form: f'(2) = cos(2²) · 2·2 = -2.6145744834544478.
        assertClose(Welcome.derivative(2.0), -2.6145744834544478, TOLERANCE,
                "f′(2)",
                "Each layer's derivative is evaluated at the value flowing into that layer: sin sees u = x² = 4, "
                        + "so its derivative is cos(4). Every later lesson relies on this.");
    }

    @ParameterizedTest(name = "at x = {0}", quoteTextArguments = false)
    @CsvSource({"0.5", "1.3", "-2.0", "3.0", "-0.25"})
    @DisplayName("agrees with forward-mode differentiation (Commons Math's DerivativeStructure)")
    void agreesWithForwardMode(double x) {
        // DerivativeStructure carries (value, derivative) through sin(x·x): an independent exact derivative.
        DerivativeStructure ds = new DerivativeStructure(1, 1, 0, x);
        double expected = ds.multiply(ds).sin().getPartialDerivative(1);
        assertClose(Welcome.derivative(x), expected, TOLERANCE,
                "f′(" + x + ")",
                "Forward mode applies the same chain rule mechanically; your hand-written derivative must match it.");
    }
}
