package gradientkata.welcome;

import static gradientkata.support.Expect.assertClose;
import static gradientkata.support.Expect.assertExactly;
import static gradientkata.support.Expect.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import gradientkata.support.Oracle;
import java.io.IOException;
import java.util.List;
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

    @Test
    @DisplayName("agrees with 400-digit arithmetic at 240 inputs from 2⁻¹⁰⁷⁴ to the largest x whose square is finite")
    void agreesWithHighPrecision() throws IOException {
        // src/test/oracle/00-welcome.py: cos(x²)·2x with x² exact, in 400-digit arithmetic. One check for all
        // 240 rows (not one per row), so that code that loops for ever costs one time limit, not 240.
        for (String[] row : oracleRows("/oracle/00-welcome/derivative.csv")) {
            double x = Double.parseDouble(row[0]);
            assertClose(Welcome.derivative(x), Double.parseDouble(row[1]), TOLERANCE,
                    "f′(" + x + ")",
                    "Beyond a few hundred, x·x rounded to a double is off by enough to move cos(x²) in its twelfth digit, "
                            + "and beyond 10⁸ by more than a whole turn: use x² exactly, as the rounded square plus "
                            + "Math.fma(x, x, −square).");
        }
    }

    /** The rows of an oracle CSV: '#' comment lines and the header line skipped. */
    private static List<String[]> oracleRows(String resource) {
        return Oracle.rows(resource).stream().map(r -> r.fields().toArray(String[]::new)).toList();
    }

    @Test
    @DisplayName("at x = 12345.678 the rounded square is not good enough: the rest of x² counts")
    void usesTheSquareExactly() {
        // 60-digit arithmetic: cos(x²)·2x = −23453.739117515801813…; cos(fl(x·x))·2x = −23453.73919503…,
        // wrong in the 9th digit.
        assertClose(Welcome.derivative(12345.678), -23453.739117515802, TOLERANCE,
                "f′(12345.678)",
                "x·x = 152415765.279684… rounds to a double with an error of about 1e-9, and cos of it moves by as much: "
                        + "the rounded square loses the digits the answer needs.");
    }

    @Test
    @DisplayName("0 and −0 have slope 0, and the smallest double has slope 2x")
    void tinyInputs() {
        assertExactly(Welcome.derivative(0.0), 0.0, "f′(0)", "sin(x²) is flat at 0.");
        assertExactly(Welcome.derivative(Double.MIN_VALUE), 2 * Double.MIN_VALUE, "f′(2⁻¹⁰⁷⁴)",
                "For tiny x, cos(x²) is 1 and the slope is 2x, a subnormal: it must not be lost.");
    }

    @ParameterizedTest(name = "x = {0}", quoteTextArguments = false)
    @CsvSource({"NaN", "Infinity", "-Infinity", "1.3407807929942597E154", "-1.3407807929942597E154", "1e200"})
    @DisplayName("x that is not finite, or whose square overflows, is rejected: the largest legal x is 1.3407807929942596e154")
    void rejectsXWhoseSquareIsNotFinite(double x) {
        assertRejected(() -> Welcome.derivative(x), "f′(" + x + ")");
        assertThat(catchThrowable(() -> Welcome.derivative(x)).getMessage())
                .as("the message should say that x (or its square) must be finite").contains("finite");
    }
}
