package gradientkata.training;

import static gradientkata.support.Expect.assertClose;
import static gradientkata.support.Expect.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

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

@DisplayName("Lesson 08 · Training deep nets: initialization and data")
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class InitializationTest {

    private static final double TOLERANCE = 1e-15;

    @Nested
    @Order(1)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    @DisplayName("The standard deviation of the initial weights")
    class StandardDeviation {

        @Order(1)
        @ParameterizedTest(name = "{0}, fan-in {1}, residual branch {2}, depth {3}: {4}")
        @CsvSource({
            // Closed forms: naive 1/√fan_in, He √(2/fan_in), scaled He √(2/fan_in)/√depth on branches only.
            "NAIVE,      16, false, 16, 0.25",
            "NAIVE,       2, false, 16, 0.7071067811865476",   // 1/√2
            "NAIVE,      16, true,  16, 0.25",                 // naive ignores the branch
            "HE,         16, false, 16, 0.3535533905932738",   // √(1/8)
            "HE,          2, false, 16, 1.0",
            "HE,         16, true,  16, 0.3535533905932738",   // plain He ignores the branch too
            "HE_SCALED,  16, true,  16, 0.08838834764831845",  // √(1/8)/4 = √2/16
            "HE_SCALED,  16, false, 16, 0.3535533905932738",   // not a branch: plain He
            "HE_SCALED,   8, true,   4, 0.25",                 // √(1/4)/2
            "HE_SCALED,   2, true,   9, 0.3333333333333333",   // 1/3
            "NAIVE,       1, false,  1, 1.0",                  // the smallest legal layer and net
            "HE_SCALED,   1, true,   1, 1.4142135623730951"})  // √2/√1
        @DisplayName("naive 1/√fan_in, He √(2/fan_in), and He/√depth on residual branches")
        void closedForms(Initialization initialization, int fanIn, boolean branch, int depth, double expected) {
            assertClose(initialization.standardDeviation(fanIn, branch, depth), expected, TOLERANCE,
                    initialization + "'s standard deviation for fan-in " + fanIn + (branch ? " on a residual branch" : "")
                            + " in a net of depth " + depth,
                    "The variance of a layer's output is fan_in·Var(w)·E[h²]: naive keeps it level for a linear layer, "
                            + "He doubles it because ReLU zeroes half of it, and the scaled He divides each of the depth "
                            + "branches' variance by depth, so that their sum stays about 2 instead of doubling per block.");
        }
    }

    @Nested
    @Order(2)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    @DisplayName("The initial weight matrix: std times the generator's Gaussian draws, row by row")
    class Weights {

        @Order(1)
        @ParameterizedTest(name = "{0}, {1} × {2}, residual branch {3}, depth {4}, seed {5}: std {6}")
        @CsvSource({
            "HE,         2, 16, false, 16, 7, 1.0",                  // fan-in 2, not fan-out 16: √(2/2) = 1
            "NAIVE,     16,  1, false, 16, 8, 0.25",
            "HE_SCALED, 16, 16, true,  16, 9, 0.08838834764831845",
            "HE_SCALED, 16, 16, false, 16, 9, 0.3535533905932738"})
        @DisplayName("a fan_out × fan_in matrix; entry (j, k) is std·g, g the generator's next nextGaussian(), with std from the fan-in")
        void drawnRowByRow(Initialization initialization, int fanIn, int fanOut, boolean branch, int depth, long seed,
                           double std) {
            double[][] w = initialization.weights(fanIn, fanOut, branch, depth, new Well19937c(seed));
            assertThat(w).as("a %d × %d weight matrix (fan_out rows, fan_in columns)", fanOut, fanIn).isNotNull().hasNumberOfRows(fanOut);
            RandomGenerator draws = new Well19937c(seed);
            for (int j = 0; j < fanOut; j++) {
                assertThat(w[j]).as("row %d of the weights", j).isNotNull().hasSize(fanIn);
                for (int k = 0; k < fanIn; k++) {
                    assertClose(w[j][k], std * draws.nextGaussian(), TOLERANCE,
                            "weight (" + j + ", " + k + ") of a layer with " + fanIn + " inputs and " + fanOut + " outputs",
                            "Draw row by row with random.nextGaussian() and multiply by the standard deviation of the "
                                    + "FAN-IN (the inputs each output adds up), not the fan-out: seeded draws in a fixed "
                                    + "order make every run of the experiment the same.");
                }
            }
        }

        @Order(2)
        @Test
        @DisplayName("sizes below 1 and a missing generator are rejected")
        void rejects() {
            assertRejected(() -> Initialization.HE.standardDeviation(0, false, 16), "a fan-in of 0");
            assertRejected(() -> Initialization.HE_SCALED.standardDeviation(16, true, 0), "a depth of 0");
            assertRejected(() -> Initialization.NAIVE.weights(16, 0, false, 16, new Well19937c(1)), "a fan-out of 0");
            assertRejected(() -> Initialization.NAIVE.weights(0, 16, false, 16, new Well19937c(1)), "a fan-in of 0");
            assertRejected(() -> Initialization.NAIVE.weights(16, 16, false, 16, null), "no random generator");
        }
    }

    @Nested
    @Order(3)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    @DisplayName("Two spirals: t uniform in [0, 3π], labels alternating, point (t/3π)·(cos(t + πl), sin(t + πl))")
    class Spirals {

        @Order(1)
        @ParameterizedTest(name = "seed {0}, {1} points")
        @CsvSource({"1, 256", "2, 5", "3, 2"})
        @DisplayName("every point follows the formula, with one draw of nextDouble() per point")
        void followsTheFormula(long seed, int count) {
            TwoSpirals data = TwoSpirals.generate(count, new Well19937c(seed));
            assertThat(data).as("the generated data set").isNotNull();
            assertThat(data.points()).as("the points").isNotNull().hasNumberOfRows(count);
            assertThat(data.labels()).as("the labels").isNotNull().hasSize(count);
            RandomGenerator draws = new Well19937c(seed);
            for (int s = 0; s < count; s++) {
                int label = s % 2;
                double t = 3 * Math.PI * draws.nextDouble();
                double r = t / (3 * Math.PI);
                double[] expected = {r * Math.cos(t + Math.PI * label), r * Math.sin(t + Math.PI * label)};
                assertThat(data.labels()[s])
                        .withFailMessage("sample %d should have label %d (labels alternate 0, 1, 0, …) but has %s", s, label, data.labels()[s])
                        .isEqualTo(label);
                assertThat(data.points()[s]).as("point %d", s).isNotNull().hasSize(2);
                for (int c = 0; c < 2; c++) {
                    double actual = data.points()[s][c];
                    assertThat(Math.abs(actual - expected[c]))
                            .withFailMessage("coordinate %d of point %d: expected %s but got %s. Draw t = 3π·nextDouble() once "
                                    + "per point, r = t/(3π), and turn the second arm by π: r·(cos(t + πl), sin(t + πl)).",
                                    c, s, expected[c], actual)
                            .isLessThanOrEqualTo(1e-15);
                }
            }
        }

        @Order(2)
        @Test
        @DisplayName("fewer than 2 points or a missing generator are rejected")
        void rejects() {
            assertRejected(() -> TwoSpirals.generate(1, new Well19937c(1)), "a data set of one point");
            assertRejected(() -> TwoSpirals.generate(0, new Well19937c(1)), "a data set of no points");
            assertRejected(() -> TwoSpirals.generate(256, null), "no random generator");
        }
    }
}
