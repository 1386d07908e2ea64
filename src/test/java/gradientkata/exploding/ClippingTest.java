package gradientkata.exploding;

import static gradientkata.exploding.Fixtures.assertVectorClose;
import static gradientkata.exploding.Fixtures.assertVectorExactly;
import static gradientkata.exploding.Fixtures.cosine;
import static gradientkata.exploding.Fixtures.numbers;
import static gradientkata.exploding.Fixtures.vector;
import static gradientkata.support.Expect.assertClose;
import static gradientkata.support.Expect.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

// Groups run in the order of the lesson; bad input comes last.
@DisplayName("Lesson 04 · exploding factors: gradient clipping")
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class ClippingTest {

    /** Relative tolerance for a handful of roundings. */
    private static final double TOLERANCE = 1e-12;

    @Nested
    @Order(1)
    @DisplayName("The length of a gradient, even a huge or a tiny one")
    class Norm {

        @ParameterizedTest(quoteTextArguments = false, name = "‖[{0}]‖ = {1}")
        @CsvSource(delimiter = '|', value = {
            "3 4              | 5.0",
            "1 2 2            | 3.0",
            "-3 4             | 5.0",
            // √2·1e200 = 1.41421356237309500599...e200 (60-digit decimal): squaring 1e200 overflows to Infinity
            "1e200 1e200      | 1.414213562373095E200",
            // √2·1e-200 = 1.41421356237309502348...e-200: squaring 1e-200 underflows to 0.0
            "1e-200 1e-200    | 1.414213562373095E-200",
            "2e307 -3e307 6e307 | 7e307"})
        @DisplayName("‖g‖ = √(Σ gᵢ²), without overflowing or underflowing on the way")
        void norm(String gradient, double expected) {
            assertClose(Clipping.norm(vector(gradient)), expected, TOLERANCE,
                    "‖[" + gradient + "]‖",
                    "An exploded gradient is exactly where the naive Σ gᵢ² overflows to Infinity, and clipping by an "
                            + "infinite norm turns the gradient into zeros. Scale before you square (Math.hypot does).");
        }
    }

    @Nested
    @Order(2)
    @DisplayName("Clipping by norm: if ‖g‖ > θ then g ← θ·g/‖g‖")
    class ByNorm {

        @ParameterizedTest(quoteTextArguments = false, name = "[{0}] clipped to norm {1} is [{2}]")
        @CsvSource(delimiter = '|', value = {
            // 3-4-5 triangle: [3, 4]/5 = [0.6, 0.8]
            "3 4         | 1.0 | 0.6 0.8",
            // ‖[1, 2, 2]‖ = 3, so 1.5·g/3 = g/2
            "1 2 2       | 1.5 | 0.5 1 1",
            "-6 8        | 2.0 | -1.2 1.6",
            // 1/√2 = 0.70710678118654752440... (60-digit decimal)
            "1e200 1e200 | 1.0 | 0.7071067811865476 0.7071067811865476"})
        @DisplayName("a gradient longer than θ is shrunk to length θ along the same direction")
        void shrinksLongGradients(String gradient, double threshold, String expected) {
            assertVectorClose(Clipping.clipByNorm(vector(gradient), threshold), numbers(expected), TOLERANCE,
                    "[" + gradient + "] clipped to norm " + threshold,
                    "Norm clipping rescales the whole vector by θ/‖g‖: the step keeps its direction and gets length θ.");
        }

        @ParameterizedTest(quoteTextArguments = false, name = "[{0}] with θ = {1} stays as it is")
        @CsvSource(delimiter = '|', value = {
            "0.3 0.4 | 1.0",
            "0.1 -0.2 0.3 | 10.0",
            // ‖[3, 4]‖ = 5 = θ: θ/‖g‖ is exactly 1.0, so g comes back unchanged whether clipping starts at
            // ‖g‖ > θ or at ‖g‖ ≥ θ. This row checks that value; it cannot tell the two conventions apart.
            "3 4     | 5.0"})
        @DisplayName("a gradient no longer than θ (‖g‖ = θ included) comes back unchanged")
        void leavesShortGradientsAlone(String gradient, double threshold) {
            assertVectorExactly(Clipping.clipByNorm(vector(gradient), threshold), numbers(gradient),
                    "[" + gradient + "] with threshold " + threshold,
                    "Clipping is a safety net for exploding gradients: it must never touch, let alone enlarge, one "
                            + "that is already short enough.");
        }

        @Test
        @DisplayName("clipping returns a new vector and leaves the gradient it was given untouched")
        void doesNotModifyItsInput() {
            RealVector gradient = vector("3 4");
            RealVector clipped = Clipping.clipByNorm(gradient, 1.0);
            assertVectorClose(clipped, new double[] {0.6, 0.8}, TOLERANCE, "[3, 4] clipped to norm 1",
                    "3-4-5: the unit vector along [3, 4] is [0.6, 0.8].");
            assertVectorExactly(gradient, new double[] {3, 4}, "the original gradient after clipping",
                    "The caller may still need the raw gradient, for instance to log its norm.");
        }

        @Test
        @DisplayName("for random exploded gradients, the result has length θ and points the same way")
        void keepsTheDirection() {
            RandomGenerator random = new Well19937c(4);
            for (int trial = 0; trial < 200; trial++) {
                int dimension = 2 + random.nextInt(9);
                double scale = Math.pow(10, 1 + random.nextInt(6));
                double[] components = new double[dimension];
                for (int i = 0; i < dimension; i++) {
                    components[i] = scale * random.nextGaussian();
                }
                RealVector gradient = new ArrayRealVector(components);
                double threshold = 0.5 + random.nextDouble();
                RealVector clipped = Clipping.clipByNorm(gradient, threshold);
                assertThat(clipped).as("[%s] clipped to norm %s", gradient, threshold).isNotNull();
                // The test's own norm: plain Σ gᵢ² is safe at these sizes (at most about 1e14).
                double length = Math.sqrt(sumOfSquares(clipped));
                assertClose(length, threshold, TOLERANCE, "the length of a clipped gradient of norm "
                                + Math.sqrt(sumOfSquares(gradient)),
                        "After clipping by norm, an over-long gradient has exactly length θ.");
                assertClose(cosine(clipped, gradient), 1.0, TOLERANCE,
                        "cos(angle between the clipped and the original gradient)",
                        "Norm clipping multiplies every component by the same positive number: the direction, the "
                                + "thing gradient descent needs most, is unchanged.");
            }
        }
    }

    @Nested
    @Order(3)
    @DisplayName("Clipping each component on its own changes the direction")
    class ByValue {

        @ParameterizedTest(quoteTextArguments = false, name = "[{0}] clipped to ±{1} is [{2}]")
        @CsvSource(delimiter = '|', value = {
            "3 4        | 1.0 | 1 1",
            "10 0.1     | 1.0 | 1 0.1",
            "-3 0.5 2   | 1.0 | -1 0.5 1",
            "0.3 -0.4   | 1.0 | 0.3 -0.4"})
        @DisplayName("each component is clamped to [−limit, limit]")
        void clampsEachComponent(String gradient, double limit, String expected) {
            assertVectorExactly(Clipping.clipByValue(vector(gradient), limit), numbers(expected),
                    "[" + gradient + "] clipped to ±" + limit,
                    "Per-component clipping replaces every gᵢ by max(−limit, min(limit, gᵢ)), each on its own.");
        }

        @Test
        @DisplayName("[10, 0.1] clipped per component turns by about five degrees; clipped by norm it does not turn")
        void bendsTheDirection() {
            RealVector gradient = vector("10 0.1");
            RealVector byValue = Clipping.clipByValue(gradient, 1.0);
            RealVector byNorm = Clipping.clipByNorm(gradient, 1.0);
            assertThat(byValue).as("[10, 0.1] clipped to ±1").isNotNull();
            assertThat(byNorm).as("[10, 0.1] clipped to norm 1").isNotNull();
            // [1, 0.1]·[10, 0.1] / (‖[1, 0.1]‖·‖[10, 0.1]‖) = 10.01/√(1.01 · 100.01) = 0.99598242952363873...
            // (60-digit decimal): an angle of 5.14 degrees.
            assertClose(cosine(byValue, gradient), 0.9959824295236387, TOLERANCE,
                    "cos(angle between [10, 0.1] and its per-component clip [1, 0.1])",
                    "The large component was cut tenfold, the small one not at all: the step now points elsewhere.");
            assertClose(cosine(byNorm, gradient), 1.0, TOLERANCE,
                    "cos(angle between [10, 0.1] and its norm clip)",
                    "Clipping by norm shrinks both components by the same factor: the step keeps its direction.");
        }
    }

    @Nested
    @Order(4)
    @DisplayName("Bad input gets a clear error, not a wrong number")
    class BadInput {

        @Test
        @DisplayName("a threshold or limit that is zero, negative or NaN is rejected")
        void rejectsBadThresholds() {
            assertRejected(() -> Clipping.clipByNorm(vector("3 4"), 0.0), "clipping to norm 0");
            assertRejected(() -> Clipping.clipByNorm(vector("3 4"), -1.0), "clipping to norm −1");
            assertRejected(() -> Clipping.clipByNorm(vector("3 4"), Double.NaN), "clipping to a NaN norm");
            assertRejected(() -> Clipping.clipByValue(vector("3 4"), 0.0), "clipping each component to ±0");
            assertRejected(() -> Clipping.clipByValue(vector("3 4"), Double.NaN), "clipping each component to ±NaN");
        }

        @Test
        @DisplayName("an empty gradient is rejected")
        void rejectsEmptyGradients() {
            assertRejected(() -> Clipping.norm(new ArrayRealVector(0)), "the norm of an empty gradient");
            assertRejected(() -> Clipping.clipByNorm(new ArrayRealVector(0), 1.0), "clipping an empty gradient by norm");
            assertRejected(() -> Clipping.clipByValue(new ArrayRealVector(0), 1.0), "clipping an empty gradient by value");
        }

        @Test
        @DisplayName("a gradient that already holds NaN or Infinity is rejected, not waved through")
        void rejectsNonFiniteGradients() {
            // NaN > θ is false, so a careless "if (‖g‖ > θ)" would return a NaN gradient untouched.
            assertRejected(() -> Clipping.clipByNorm(vector("1 NaN"), 1.0), "clipping a gradient with a NaN component");
            assertRejected(() -> Clipping.clipByNorm(vector("Infinity 1"), 1.0), "clipping a gradient with an infinite component");
            assertRejected(() -> Clipping.clipByValue(vector("NaN 1"), 1.0), "clipping a NaN component by value");
            assertRejected(() -> Clipping.norm(vector("1 -Infinity")), "the norm of a gradient with −Infinity");
        }
    }

    /** Σ gᵢ², computed here with a plain loop (no overflow at the sizes this test uses). */
    private static double sumOfSquares(RealVector g) {
        double sum = 0;
        for (double x : g.toArray()) {
            sum += x * x;
        }
        return sum;
    }
}
