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

import java.io.IOException;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

// Groups run in the order of the lesson; bad input comes last.
@DisplayName("Lesson 09 · through time: the LSTM's cell state, c_t = f_t·c_{t−1} + i_t·g_t")
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class CellPathTest {

    @Nested
    @Order(1)
    @DisplayName("The forward pass along the cell")
    class Forward {

        @Test
        @DisplayName("two steps by hand: forget some of the old state, add the new content")
        void twoStepsByHand() {
            // c_1 = 0.5·1 + 1·0.5 = 1, c_2 = 0.25·1 + 0.5·(−1) = −0.25: every number exact in binary.
            CellPath cell = new CellPath(new double[] {0.5, 0.25}, new double[] {1.0, 0.5}, new double[] {0.5, -1.0});
            assertThat(cell.states(1.0)).as("the cell states from c_0 = 1").isNotNull().containsExactly(1.0, 1.0, -0.25);
        }

        @Test
        @DisplayName("an empty sequence (T = 0): c_T = c_0, and the gradient is the empty product, 1")
        void emptySequence() {
            CellPath cell = new CellPath(new double[0], new double[0], new double[0]);
            assertThat(cell.states(-3.5)).as("the cell states over no steps from c_0 = −3.5").isNotNull().containsExactly(-3.5);
            assertExactly(cell.gradient(0), 1.0, "∂c_0/∂c_0", "Through zero steps the cell is its own start.");
        }

        @Test
        @DisplayName("the last cell state agrees with 60-digit arithmetic for 47 cells of up to 5000 steps")
        void statesAgreeWithTheOracle() throws IOException {
            for (String[] row : oracleRows("cell.csv")) {
                double c0 = Double.parseDouble(row[0]);
                CellPath cell = cell(row);
                double[] c = cell.states(c0);
                int steps = cell.steps();
                assertThat(c).as("the cell states of %s from c_0 = %s", describe(sequence(row[1])), c0).isNotNull().hasSize(steps + 1);
                double expected = Double.parseDouble(row[4]);
                // Each step rounds f·c, i·g and their sum, at most 1.5 ulps of |c_t| ≤ |c_0| + t, and the forget gate
                // (≤ 1) never enlarges an old error: 1e-15·(T + 1)·(|c_0| + T + 1) covers it.
                double allowed = 1e-15 * (steps + 1) * (Math.abs(c0) + steps + 1);
                assertThat(Double.isFinite(c[steps]) && Math.abs(c[steps] - expected) <= allowed)
                        .withFailMessage("c_T from c_0 = %s over forget gates %s: expected %s (to within %s) but got %s. The "
                                        + "value comes from mpmath (src/test/oracle/09-through-time.py): c_t = f_t·c_{t−1} + i_t·g_t.",
                                c0, describe(sequence(row[1])), expected, allowed, c[steps])
                        .isTrue();
            }
        }
    }

    @Nested
    @Order(2)
    @DisplayName("The gradient along the cell is the product of the forget gates")
    class Gradient {

        @ParameterizedTest(quoteTextArguments = false, name = "from step {0}: {1}")
        @CsvSource(delimiter = '|', value = {
            // f = [0.5, 0.25, 0.8]: from c_0 all three gates, 0.1; from c_1 the last two, 0.2; from c_2 only 0.8; from c_3 none
            "0 | 0.1",
            "1 | 0.2",
            "2 | 0.8",
            "3 | 1.0"})
        @DisplayName("∂c_T/∂c_k = f_{k+1}·…·f_T: the input gates play no part")
        void productOfForgetGates(int from, double expected) {
            CellPath cell = new CellPath(new double[] {0.5, 0.25, 0.8}, new double[] {0.9, 0.3, 0.6}, new double[] {1.0, -0.5, 0.25});
            assertClose(cell.gradient(from), expected, 1e-15, "∂c_3/∂c_" + from + " for forget gates [0.5, 0.25, 0.8]",
                    "∂c_t/∂c_{t−1} = f_t: the old state enters c_t only through f_t·c_{t−1}; the input gate i_t multiplies "
                            + "the new content g_t, which does not depend on c_{t−1} along this path.");
        }

        @Test
        @DisplayName("the product of the forget gates agrees with 60-digit arithmetic for 47 cells")
        void gradientAgreesWithTheOracle() throws IOException {
            for (String[] row : oracleRows("cell.csv")) {
                CellPath cell = cell(row);
                int from = Integer.parseInt(row[5]);
                assertNearest(cell.gradient(from), Double.parseDouble(row[6]), 1e-13 * (cell.steps() + 1), 0,
                        "∂c_T/∂c_" + from + " over forget gates " + describe(sequence(row[1])),
                        "The value comes from mpmath (src/test/oracle/09-through-time.py): the product of the forget gates "
                                + "after step " + from + ", with no weight and no tanh′ in it.");
            }
        }

        @ParameterizedTest(quoteTextArguments = false, name = "{1} forget gates of {0}: {2}")
        @CsvSource(delimiter = '|', value = {
            // 0.5¹⁰⁷⁴ = 2⁻¹⁰⁷⁴, the smallest double; 0.5¹⁰⁷⁶ = 2⁻¹⁰⁷⁶ rounds to 0
            "0.5    | 1074   | 4.9E-324",
            "0.5    | 1076   | 0.0",
            // 0.9999²⁰⁰⁰⁰ = 0.13532174948276005… (mpmath, the double 0.9999): twenty thousand steps still carry a signal
            "0.9999 | 20000  | 0.13532174948276005",
            "1.0    | 20000  | 1.0"})
        @DisplayName("long sequences: gates near one carry the gradient across 20 000 steps; the product underflows to 0 only where it should")
        void longSequences(double gate, int steps, double expected) {
            CellPath cell = new CellPath(repeat(gate, steps), repeat(0.5, steps), repeat(0.0, steps));
            assertNearest(cell.gradient(0), expected, 1e-13 * steps, 0,
                    "∂c_T/∂c_0 through " + steps + " forget gates of " + gate,
                    "The constant error carousel: with f_t = 1 the gradient passes through any number of steps unchanged. "
                            + "Smaller gates shrink it geometrically, and the result is 0 only where the true product is "
                            + "below the smallest double.");
        }

        @Test
        @DisplayName("a product that runs through the subnormal range keeps its digits and is rounded once, at the end")
        void subnormalProducts() {
            // 1e-310·0.999²⁰⁰ = 8.1864882947864e-311 as the nearest double (mpmath, 50 digits, the doubles 1e-310 and
            // 0.999): a subnormal. Multiplied out in double, every step rounds to a multiple of 4.9e-324 and the
            // product ends 4 steps off.
            CellPath slow = new CellPath(sequence("1e-310 0.999*200"), repeat(0.1, 201), repeat(0.9, 201));
            assertNearest(slow.gradient(0), 8.1864882947864e-311, 0, 1, "∂c_T/∂c_0 through forget gates [1e-310, 0.999 × 200]",
                    "Below 2.2e-308 a double has fewer digits the smaller it gets, so a running product that enters the "
                            + "subnormal range loses digits at every later step. Multiply in a Scaled and round once at the end.");
            // 1e-300·0.9³⁰⁰⁰ ≈ 1e-437 is far below the smallest double: 0. Multiplied out in double, the product sticks
            // at 2.5e-323 (5·4.9e-324·0.9 rounds back to 5·4.9e-324) and never reaches 0.
            CellPath stuck = new CellPath(sequence("1e-300 0.9*3000"), repeat(0.1, 3001), repeat(0.9, 3001));
            assertExactly(stuck.gradient(0), 0.0, "∂c_T/∂c_0 through forget gates [1e-300, 0.9 × 3000]",
                    "The true product is about 1e-437, so the nearest double is 0; a product rounded at every step sticks "
                            + "at a few times 4.9e-324 instead.");
            // A gate that is itself the smallest double.
            assertExactly(new CellPath(new double[] {Double.MIN_VALUE, 1.0, 1.0}, new double[3], new double[3]).gradient(0),
                    Double.MIN_VALUE, "∂c_3/∂c_0 through forget gates [4.9e-324, 1, 1]",
                    "The product of 4.9e-324 and two ones is 4.9e-324, not 0.");
        }

        @Test
        @DisplayName("the cell keeps its own copy of the gates: changing the caller's arrays afterwards changes nothing")
        void copiesTheGates() {
            double[] forget = {0.5, 0.5};
            double[] input = {1.0, 1.0};
            double[] candidate = {1.0, 1.0};
            CellPath cell = new CellPath(forget, input, candidate);
            forget[0] = 1.0;
            input[0] = 0.0;
            candidate[1] = -1.0;
            assertExactly(cell.gradient(0), 0.25, "∂c_2/∂c_0 after the caller changed its forget array",
                    "The gates were 0.5 and 0.5 when the cell was made. A class that keeps the caller's arrays changes "
                            + "whenever the caller reuses them, a bug that shows up far from its cause.");
            assertThat(cell.states(0.0)).as("the cell states after the caller changed its arrays").isNotNull()
                    .containsExactly(0.0, 1.0, 1.5);
        }
    }

    @Nested
    @Order(3)
    @DisplayName("Bad input gets a clear error, not a wrong number")
    class BadInput {

        @Test
        @DisplayName("a step outside 0 … T is rejected")
        void rejectsBadSteps() {
            CellPath cell = new CellPath(new double[] {0.5, 0.5}, new double[] {0.5, 0.5}, new double[] {0.5, 0.5});
            assertRejected(() -> cell.gradient(-1), "∂c_T/∂c_{−1}, a step before the start");
            assertRejected(() -> cell.gradient(3), "∂c_2/∂c_3, a step after the end");
            assertRejected(() -> cell.gradient(Integer.MIN_VALUE), "∂c_T/∂c_k for k = Integer.MIN_VALUE");
            assertExactly(cell.gradient(2), 1.0, "∂c_2/∂c_2", "The last step itself is legal: the empty product, 1.");
        }

        @Test
        @DisplayName("an initial cell state that is NaN or infinite is rejected")
        void rejectsBadInitialStates() {
            CellPath cell = new CellPath(new double[] {0.5}, new double[] {0.5}, new double[] {0.5});
            assertRejected(() -> cell.states(Double.NaN), "the cell states from c_0 = NaN");
            assertRejected(() -> cell.states(Double.POSITIVE_INFINITY), "the cell states from c_0 = Infinity");
            assertThat(cell.states(1e300)).as("the cell states from c_0 = 1e300 (legal)").isNotNull().containsExactly(1e300, 5e299);
        }

        @Test
        @DisplayName("gate sequences of different lengths, gates outside [0, 1] and NaN gates are rejected with the problem named")
        void rejectsBadGates() {
            // The constructor is given; this check also asks that a good cell answers.
            Throwable lengths = catchThrowable(() -> new CellPath(new double[] {0.5, 0.5}, new double[] {0.5}, new double[] {0.5, 0.5}));
            assertRejected(() -> new CellPath(new double[] {0.5, 0.5}, new double[] {0.5}, new double[] {0.5, 0.5}),
                    "2 forget gates with 1 input gate");
            assertThat(lengths.getMessage()).as("the message for mismatched lengths should give them").contains("2").contains("1");
            assertRejected(() -> new CellPath(new double[] {1.5}, new double[] {0.5}, new double[] {0.5}), "a forget gate of 1.5");
            assertRejected(() -> new CellPath(new double[] {Double.NaN}, new double[] {0.5}, new double[] {0.5}), "a forget gate of NaN");
            assertRejected(() -> new CellPath(new double[] {0.5}, new double[] {-0.1}, new double[] {0.5}), "an input gate of −0.1");
            assertRejected(() -> new CellPath(new double[] {0.5}, new double[] {0.5}, new double[] {2.0}), "a candidate of 2");
            assertRejected(() -> new CellPath(null, new double[0], new double[0]), "missing (null) forget gates");
            assertExactly(new CellPath(new double[] {0.0, 1.0}, new double[] {1.0, 0.0}, new double[] {-1.0, 1.0}).gradient(0), 0.0,
                    "∂c_2/∂c_0 with forget gates [0, 1]", "A forget gate of 0 wipes the cell: nothing of c_0 is left.");
            assertExactly(new CellPath(new double[] {0.5}, new double[] {1.0}, new double[] {-1.0}).gradient(0), 0.5,
                    "∂c_1/∂c_0 with the forget gate 0.5", "One step, one forget gate.");
        }
    }

    private static CellPath cell(String[] row) {
        return new CellPath(sequence(row[1]), sequence(row[2]), sequence(row[3]));
    }

}
