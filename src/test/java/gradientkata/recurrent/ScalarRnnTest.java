package gradientkata.recurrent;

import static gradientkata.recurrent.Fixtures.describe;
import static gradientkata.recurrent.Fixtures.oracleRows;
import static gradientkata.recurrent.Fixtures.repeat;
import static gradientkata.recurrent.Fixtures.sequence;
import static gradientkata.support.Expect.assertClose;
import static gradientkata.support.Expect.assertExactly;
import static gradientkata.support.Expect.assertRejected;
import static gradientkata.support.NearestDouble.assertNearest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.Arrays;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

// Groups run in the order of the lesson; bad input comes last.
@DisplayName("Lesson 09 · through time: a recurrent net with one unit")
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class ScalarRnnTest {

    /** Relative tolerance for a handful of roundings. */
    private static final double TOLERANCE = 1e-13;

    /**
     * Relative tolerance per time step against the oracle: each step rounds a few times (tanh, tanh′,
     * one multiplication), and Java's Math.tanh may differ from the correctly rounded tanh by an ulp or
     * two; the oracle keeps only nets where such a difference moves the end by at most 1e3 times as much.
     */
    private static final double PER_STEP = 1e-13;

    @Nested
    @Order(1)
    @DisplayName("tanh′ and the forward pass")
    class Forward {

        @ParameterizedTest(quoteTextArguments = false, name = "tanh′({0}) = {1}")
        @CsvSource(delimiter = '|', value = {
            // tanh(0) = 0, so 1 − tanh² = 1 exactly
            "0.0                | 1.0",
            // tanh(ln 2) = 3/5, so tanh′ = 1 − 9/25 = 16/25 (ln 2 rounded to a double moves it by 1e-16)
            "0.6931471805599453 | 0.64",
            // tanh(ln 3) = 4/5: tanh′ = 9/25
            "1.0986122886681098 | 0.36",
            // 1/cosh²(2) = 0.070650824853164465686… (mpmath, 40 digits)
            "-2.0               | 0.07065082485316447",
            // 1/cosh²(20) = 1.6993417021166355836…e-17: 1 − tanh²(20) is 1 − 1.0 = 0 in double
            "20.0               | 1.6993417021166356E-17",
            // 1/cosh²(40) = 7.2194055513816606892…e-35
            "-40.0              | 7.219405551381661E-35"})
        @DisplayName("tanh′(z) = 1/cosh²(z), accurate where 1 − tanh²(z) has rounded to 0")
        void tanhDerivative(double z, double expected) {
            assertClose(ScalarRnn.tanhDerivative(z), expected, TOLERANCE, "tanh′(" + z + ")",
                    "Every step of backpropagation through time multiplies by tanh′(a_t). From |z| ≈ 19 on, tanh(z) rounds "
                            + "to ±1.0 and 1 − tanh² to 0, although the true slope is 1e-16 or so: compute s = 1/Math.cosh(z) "
                            + "and return s·s.");
        }

        @Test
        @DisplayName("tanh′ agrees with 60-digit arithmetic from z = 0 to the largest double, tails and subnormals included")
        void tanhDerivativeAgreesWithTheOracle() throws IOException {
            for (String[] row : oracleRows("tanh-derivative.csv")) {
                double z = Double.parseDouble(row[0]);
                // Relative 1e-14: cosh, one division and one multiplication. Subnormal answers (|z| from about
                // 354 to 373): within 2 steps of 4.9e-324.
                assertNearest(ScalarRnn.tanhDerivative(z), Double.parseDouble(row[1]), 1e-14, 2, "tanh′(" + z + ")",
                        "The value comes from mpmath (src/test/oracle/09-through-time.py). (1/cosh z)² stays a normal double "
                                + "as long as the answer can be one, and becomes 0 only where the true slope is below "
                                + "4.9e-324 (|z| beyond about 373).");
            }
        }

        @Test
        @DisplayName("three steps by hand: h_t = tanh(w·h_{t−1} + u·x_t + b), starting from h_0")
        void threeStepsByHand() {
            ScalarRnn net = new ScalarRnn(0.5, 2.0, -0.25);
            double[] h = net.states(0.2, new double[] {1.0, 0.0, -0.5});
            // The same recurrence written out step by step, with Math.tanh.
            double h1 = Math.tanh(0.5 * 0.2 + 2.0 * 1.0 - 0.25);
            double h2 = Math.tanh(0.5 * h1 + 2.0 * 0.0 - 0.25);
            double h3 = Math.tanh(0.5 * h2 + 2.0 * -0.5 - 0.25);
            assertThat(h).as("the states of the net w = 0.5, u = 2, b = −0.25 from h_0 = 0.2 over [1, 0, −0.5]").isNotNull().hasSize(4);
            double[] expected = {0.2, h1, h2, h3};
            for (int t = 0; t < 4; t++) {
                assertClose(h[t], expected[t], TOLERANCE, "h_" + t + " of " + Arrays.toString(h),
                        "The states come back as h_0 (the initial state, unchanged) followed by one tanh per input; "
                                + "h_t depends on h_{t−1}, so a step computed from the wrong state shifts everything after it.");
            }
        }

        @Test
        @DisplayName("an empty sequence (T = 0) leaves the state alone: h_T = h_0 and ∂h_T/∂h_0 = 1")
        void emptySequence() {
            ScalarRnn net = new ScalarRnn(3.0, 1.0, 0.5);
            double[] h = net.states(-0.75, new double[0]);
            assertThat(h).as("the states of the net w = 3, u = 1, b = 0.5 over no inputs").isNotNull().containsExactly(-0.75);
            assertExactly(net.gradientThroughTime(-0.75, new double[0]), 1.0, "∂h_0/∂h_0",
                    "Through zero steps the state is its own start: the gradient is the empty product, 1.");
            assertExactly(net.weightGradient(-0.75, new double[0]), 0.0, "∂h_0/∂w",
                    "Through zero steps w is never used: its gradient is the empty sum, 0.");
        }

        @Test
        @DisplayName("the last state agrees with 60-digit arithmetic for 73 nets and sequences up to 3000 steps")
        void statesAgreeWithTheOracle() throws IOException {
            for (String[] row : oracleRows("rnn.csv")) {
                ScalarRnn net = net(row);
                double[] inputs = sequence(row[4]);
                double[] h = net.states(Double.parseDouble(row[3]), inputs);
                assertThat(h).as("the states of %s over %s", name(row), describe(inputs)).isNotNull().hasSize(inputs.length + 1);
                double expected = Double.parseDouble(row[5]);
                assertThat(Double.isFinite(h[inputs.length]) && Math.abs(h[inputs.length] - expected) <= 1e-12)
                        .withFailMessage("h_T of %s from h_0 = %s over %s: expected %s (to within 1e-12) but got %s. The "
                                        + "value comes from mpmath (src/test/oracle/09-through-time.py); a tanh net's state "
                                        + "always lies in [−1, 1], even when u·x_t overflows to Infinity.",
                                name(row), row[3], describe(inputs), expected, h[inputs.length])
                        .isTrue();
            }
        }

        @Test
        @DisplayName("states returns a new array and leaves the inputs as they were")
        void leavesTheInputsAlone() {
            double[] inputs = {0.5, -1.0, 2.0};
            double[] h = new ScalarRnn(0.9, 1.0, 0.0).states(0.0, inputs);
            assertThat(h).as("the states over [0.5, −1, 2]").isNotNull().hasSize(4);
            assertThat(inputs).as("the inputs after states(…)").containsExactly(0.5, -1.0, 2.0);
            assertThat(h[1]).as("h_1 = tanh(0.5)").isCloseTo(Math.tanh(0.5), within(1e-15));
        }
    }

    @Nested
    @Order(2)
    @DisplayName("Backpropagation through time: ∂h_T/∂h_0 = Π w·tanh′(a_t)")
    class ThroughTime {

        @Test
        @DisplayName("one step: ∂h_1/∂h_0 = w·tanh′(a_1), the slope of the tanh included")
        void oneStep() {
            // a_1 = 0.5·0.3 + 1·1.85 + 0 = 2, so the gradient is 0.5·tanh′(2) = 0.5/cosh²(2) = 0.035325412426582232843…
            assertClose(new ScalarRnn(0.5, 1.0, 0.0).gradientThroughTime(0.3, new double[] {1.85}), 0.03532541242658223,
                    1e-12, "∂h_1/∂h_0 for w = 0.5 and a_1 = 2",
                    "The chain rule through h_1 = tanh(a_1), a_1 = w·h_0 + …: ∂h_1/∂h_0 = tanh′(a_1)·w. Without tanh′ "
                            + "you would get w = 0.5, as if the net were linear.");
        }

        @ParameterizedTest(quoteTextArguments = false, name = "w = {0}, T = {1}: {2}")
        @CsvSource(delimiter = '|', value = {
            // 1.1⁵⁰ = 117.39085287969579… (the double 1.1 to the 50th, 60 digits, rounded once)
            "1.1   | 50   | 117.39085287969579",
            // (−0.9)⁷ = −0.4782969 (the double −0.9 to the 7th: −0.47829690000000006…)
            "-0.9  | 7    | -0.4782969000000001",
            // 2¹⁰²³ exactly; 2¹⁰²⁴ is beyond the largest double
            "2.0   | 1023 | 8.98846567431158E307",
            "2.0   | 1024 | Infinity",
            "-2.0  | 1023 | -8.98846567431158E307",
            // 2⁻¹⁰⁷⁴ is the smallest double; 2⁻¹⁰⁷⁶ rounds to 0
            "0.5   | 1074 | 4.9E-324",
            "0.5   | 1076 | 0.0",
            "0.5   | 5000 | 0.0",
            // one step of a huge weight, and two: 1e300 and 1e600, beyond the largest double
            "1e300 | 1    | 1e300",
            "1e300 | 2    | Infinity"})
        @DisplayName("with every pre-activation 0, tanh′ = 1 and the gradient is wᵀ: it explodes for |w| > 1 and vanishes for |w| < 1")
        void powersOfW(double w, int steps, double expected) {
            // h_0 = 0, b = 0 and every input 0 keep a_t = 0 exactly: lesson 04's repeated product, along time.
            double got = new ScalarRnn(w, 1.0, 0.0).gradientThroughTime(0.0, repeat(0.0, steps));
            assertNearest(got, expected, 1e-13, 0, "∂h_T/∂h_0 for w = " + w + " over T = " + steps + " steps at a_t = 0",
                    "At a_t = 0 every step multiplies by w·tanh′(0) = w. The result is ±Infinity only if wᵀ is beyond "
                            + "the largest double, 0 only if it is below the smallest, and never NaN.");
        }

        @ParameterizedTest(quoteTextArguments = false, name = "w = {0} over [{1}]")
        @CsvSource(delimiter = '|', value = {
            // 40 factors 1e10, one of 1e10·tanh′(300) ≈ 1.06e-250, two more of 1e10: 1.0601586212017242e170
            // (60 digits from the rounded tanh′(300), src/test/oracle/09-through-time.py). A double product is Infinity by step 31.
            "1e10 | 0.0*40 300 -1e10 0.0                 | 1.0601586212017242E170",
            // two factors of about 1.06e-250, then 40 factors 1e10: 1.1239363021083411e-100. A double product is 0 by step 2.
            "1e10 | 300 -9.9999997E9 -1e10 0.0*39        | 1.1239363021083411E-100"})
        @DisplayName("the product is finite when the answer is, even if a running product in double would overflow or underflow on the way")
        void noIntermediateOverflow(double w, String inputs, double expected) {
            double got = new ScalarRnn(w, 1.0, 0.0).gradientThroughTime(0.0, sequence(inputs));
            assertNearest(got, expected, 1e-13, 0, "∂h_T/∂h_0 for w = " + w + " over [" + inputs + "]",
                    "A gradient through time can grow for many steps and then shrink (or the other way round). "
                            + "Multiplied out in double it overflows to Infinity first, and Infinity·0 gives NaN. Keep the "
                            + "product in a Scaled (Scaled.ONE.times(…)…toDouble()): it has an exponent of its own.");
        }

        @Test
        @DisplayName("agrees with forward-mode differentiation (Commons Math's DerivativeStructure) on five small nets")
        void agreesWithForwardMode() {
            double[][] nets = {{0.8, 1.0, 0.1}, {-1.3, 0.5, 0.0}, {1.5, -0.7, 0.2}, {0.3, 2.0, -0.5}, {1.0, 1.0, 0.0}};
            double[][] sequences = {{0.5, -0.2, 0.1}, {1.0, 0.3, -0.4, 0.2, 0.0, 0.7}, {0.1, 0.2},
                {-1.0, 0.5, 0.5, -0.5, 1.0, 0.25, -0.25, 0.0}, {0.4, -0.3, 0.2, -0.1, 0.0, 0.1, -0.2, 0.3, -0.4, 0.5}};
            for (int n = 0; n < nets.length; n++) {
                double[] p = nets[n];
                double h0 = 0.1 * n - 0.2;
                // Two free variables, h_0 (index 0) and w (index 1), carried through the same recurrence.
                DerivativeStructure h = new DerivativeStructure(2, 1, 0, h0);
                DerivativeStructure w = new DerivativeStructure(2, 1, 1, p[0]);
                for (double x : sequences[n]) {
                    h = w.multiply(h).add(p[1] * x + p[2]).tanh();
                }
                ScalarRnn net = new ScalarRnn(p[0], p[1], p[2]);
                String what = "the net w = " + p[0] + ", u = " + p[1] + ", b = " + p[2] + " from h_0 = " + h0 + " over " + Arrays.toString(sequences[n]);
                // Relative 1e-11: both sides round a few times per step; DerivativeStructure's tanh′ is 1 − tanh²,
                // accurate here because every |a_t| < 4.
                assertClose(net.gradientThroughTime(h0, sequences[n]), h.getPartialDerivative(1, 0), 1e-11,
                        "∂h_T/∂h_0 of " + what,
                        "Forward mode carries (value, derivative) through every step; backpropagation through time must "
                                + "give the same number: the product of w·tanh′(a_t) over the steps.");
                assertClose(net.weightGradient(h0, sequences[n]), h.getPartialDerivative(0, 1), 1e-11,
                        "∂h_T/∂w of " + what,
                        "w is used at every step, so ∂h_T/∂w collects one term per step: Σ_t (∂h_T/∂h_t)·tanh′(a_t)·h_{t−1}. "
                                + "Only the last step's term is ∂h_T/∂w as if w had been used once.");
            }
        }

        @Test
        @DisplayName("∂h_T/∂h_0 agrees with 60-digit arithmetic for 73 nets and sequences up to 3000 steps")
        void gradientAgreesWithTheOracle() throws IOException {
            for (String[] row : oracleRows("rnn.csv")) {
                ScalarRnn net = net(row);
                double[] inputs = sequence(row[4]);
                double got = net.gradientThroughTime(Double.parseDouble(row[3]), inputs);
                assertNearest(got, Double.parseDouble(row[6]), PER_STEP * (inputs.length + 1), 0,
                        "∂h_T/∂h_0 of " + name(row) + " from h_0 = " + row[3] + " over " + describe(inputs),
                        "The value comes from mpmath (src/test/oracle/09-through-time.py): the product of w·tanh′(a_t) over "
                                + "all T steps, with a_t = w·h_{t−1} + u·x_t + b from the states, and no overflow or "
                                + "underflow on the way.");
            }
        }

        @Test
        @DisplayName("∂h_T/∂w, summed over the time steps, agrees with 60-digit arithmetic for 73 nets and sequences")
        void weightGradientAgreesWithTheOracle() throws IOException {
            for (String[] row : oracleRows("rnn.csv")) {
                ScalarRnn net = net(row);
                double[] inputs = sequence(row[4]);
                double got = net.weightGradient(Double.parseDouble(row[3]), inputs);
                double expected = Double.parseDouble(row[7]);
                String what = "∂h_T/∂w of " + name(row) + " from h_0 = " + row[3] + " over " + describe(inputs);
                String why = "The value comes from mpmath (src/test/oracle/09-through-time.py). w multiplies the state at "
                        + "every step, so its gradient is a sum over the steps of δ_t·tanh′(a_t)·h_{t−1}, with δ_t = ∂h_T/∂h_t "
                        + "walked back from δ_T = 1.";
                if (Double.isInfinite(expected)) {
                    assertThat(got).withFailMessage("%s: expected %s but got %s. %s", what, expected, got, why).isEqualTo(expected);
                    continue;
                }
                // The terms may cancel: the tolerance is relative to Σ|terms| (column "terms").
                double allowed = PER_STEP * (inputs.length + 1) * Double.parseDouble(row[8]);
                assertThat(Double.isFinite(got) && Math.abs(got - expected) <= allowed)
                        .withFailMessage("%s: expected %s (to within %s) but got %s. %s", what, expected, allowed, got, why)
                        .isTrue();
            }
        }

        @Test
        @DisplayName("thousands of saturated steps end in an exact 0, not NaN; 3000 gentle steps end in 8.69e-5")
        void longSequences() {
            // Every a_t ≥ 20: each factor is below 1.7e-17, and 5000 of them are far below the smallest double.
            double saturated = new ScalarRnn(1.0, 1.0, 0.0).gradientThroughTime(1.0, repeat(20.0, 5000));
            assertThat(saturated)
                    .withFailMessage("∂h_T/∂h_0 over 5000 steps with a_t ≥ 20: expected exactly 0 but got %s. The true value "
                            + "is about 1e-85000; it must come back as 0.0, never NaN, and the loop must end.", saturated)
                    .isEqualTo(0.0);
            // h_t = tanh(h_{t−1}) from 0.5: 8.686826014604493e-5 (src/test/oracle/09-through-time.py, 60 digits).
            assertClose(new ScalarRnn(1.0, 1.0, 0.0).gradientThroughTime(0.5, repeat(0.0, 3000)), 8.686826014604493e-5,
                    PER_STEP * 3001, "∂h_T/∂h_0 over 3000 steps of h ← tanh(h) from 0.5",
                    "With w = 1 and no input, h_t shrinks towards 0 and tanh′(h_t) towards 1: the gradient vanishes slowly, "
                            + "like t^(−3/2), not geometrically.");
        }
    }

    @Nested
    @Order(3)
    @DisplayName("Bad input gets a clear error, not a wrong number")
    class BadInput {

        @Test
        @DisplayName("an initial state outside [−1, 1] or NaN is rejected")
        void rejectsBadInitialStates() {
            ScalarRnn net = new ScalarRnn(1.0, 1.0, 0.0);
            for (double h0 : new double[] {Double.NaN, 1.5, 1.0000000000000002, -1.0000000000000002, Double.POSITIVE_INFINITY}) {
                assertRejected(() -> net.states(h0, new double[] {1.0}), "the states from h_0 = " + h0);
                assertRejected(() -> net.gradientThroughTime(h0, new double[] {1.0}), "∂h_T/∂h_0 from h_0 = " + h0);
                assertRejected(() -> net.weightGradient(h0, new double[] {1.0}), "∂h_T/∂w from h_0 = " + h0);
            }
            // The ends of [−1, 1] are legal: tanh's range is the open interval, but a state may start at its edge.
            for (double h0 : new double[] {-1.0, 1.0}) {
                assertThat(net.states(h0, new double[] {0.0}))
                        .as("the states from h_0 = %s (legal: the end of [−1, 1]) over [0]", h0)
                        .isNotNull().containsExactly(h0, Math.tanh(h0));
            }
        }

        @Test
        @DisplayName("missing inputs, and NaN or infinite inputs, are rejected with the step named")
        void rejectsBadInputs() {
            ScalarRnn net = new ScalarRnn(1.0, 1.0, 0.0);
            assertRejected(() -> net.states(0.0, null), "the states over missing (null) inputs");
            assertRejected(() -> net.gradientThroughTime(0.0, null), "∂h_T/∂h_0 over missing (null) inputs");
            assertRejected(() -> net.weightGradient(0.0, null), "∂h_T/∂w over missing (null) inputs");
            for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
                double[] inputs = {0.5, 1.0, bad};
                assertRejected(() -> net.states(0.0, inputs), "the states over [0.5, 1, " + bad + "]");
                assertRejected(() -> net.gradientThroughTime(0.0, inputs), "∂h_T/∂h_0 over [0.5, 1, " + bad + "]");
                assertRejected(() -> net.weightGradient(0.0, inputs), "∂h_T/∂w over [0.5, 1, " + bad + "]");
                assertThat(catchThrowable(() -> net.states(0.0, inputs)).getMessage())
                        .as("the message for input x_3 = %s should name the step, x_3", bad).contains("3");
            }
            assertRejected(() -> ScalarRnn.tanhDerivative(Double.NaN), "tanh′(NaN)");
        }

        @Test
        @DisplayName("weights and biases that are NaN or infinite are rejected when the net is made")
        void rejectsBadWeights() {
            // The constructor is given; this check also asks that a good net answers.
            assertRejected(() -> new ScalarRnn(Double.NaN, 1.0, 0.0), "a net with w = NaN");
            assertRejected(() -> new ScalarRnn(1.0, Double.POSITIVE_INFINITY, 0.0), "a net with u = Infinity");
            assertRejected(() -> new ScalarRnn(1.0, 1.0, Double.NEGATIVE_INFINITY), "a net with b = −Infinity");
            assertExactly(new ScalarRnn(2.0, 1.0, 0.0).gradientThroughTime(0.0, new double[] {0.0, 0.0}), 4.0,
                    "∂h_2/∂h_0 for w = 2 at a_t = 0", "Two steps of w·tanh′(0) = 2 each.");
        }
    }

    /** The net of an oracle row, in words for messages. */
    private static String name(String[] row) {
        return "the net w = " + row[0] + ", u = " + row[1] + ", b = " + row[2];
    }

    private static ScalarRnn net(String[] row) {
        return new ScalarRnn(Double.parseDouble(row[0]), Double.parseDouble(row[1]), Double.parseDouble(row[2]));
    }
}
