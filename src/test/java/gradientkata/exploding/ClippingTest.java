package gradientkata.exploding;

import static gradientkata.exploding.Fixtures.assertVectorClose;
import static gradientkata.exploding.Fixtures.assertVectorExactly;
import static gradientkata.exploding.Fixtures.cosine;
import static gradientkata.exploding.Fixtures.numbers;
import static gradientkata.exploding.Fixtures.vector;
import static gradientkata.support.Expect.assertClose;
import static gradientkata.support.Expect.assertRejected;
import static gradientkata.support.NearestDouble.assertNearest;
import static org.assertj.core.api.Assertions.assertThat;

import gradientkata.support.Oracle;
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

        @Test
        @DisplayName("‖g‖ agrees with exact values for seeded random gradients of every size, subnormal to huge")
        void normAgreesWithTheOracle() {
            Oracle.eachRow("/oracle/04-exploding-factors/norms.csv", row -> {
                String gradient = row.text(0);
                double expected = row.real(1);
                // Relative 1e-13: one hypot per entry, each within an ulp. Subnormal norms: within 2 steps of 4.9e-324.
                assertNearest(Clipping.norm(vector(gradient)), expected, 1e-13, 2,
                        "‖[" + gradient + "]‖",
                        "The value comes from mpmath (src/test/oracle/04-exploding-factors.py). Σ gᵢ² overflows past 1e154 and "
                                + "underflows below 1e-162: accumulate with norm = Math.hypot(norm, gᵢ). Infinity is right only "
                                + "where the true norm exceeds the largest double.");
            });
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
    @Order(3)
    @DisplayName("Clipping by norm at the edges: huge, tiny and tied")
    class ByNormAtTheEdges {

        @ParameterizedTest(quoteTextArguments = false, name = "[{0}] clipped to {1}")
        @CsvSource(delimiter = '|', value = {
            // ‖g‖ = 2.1e308 overflows although every entry and the answer are finite: 1/√2 = 0.70710678118654752440...
            "1.5e308 1.5e308               | 1.0     | 0.7071067811865476 0.7071067811865476",
            // θ/‖g‖ = 2e-601 underflows to 0, yet θ·g/‖g‖ = [6e-301, 8e-301] is an ordinary vector
            "3e300 4e300                   | 1e-300  | 6.0e-301 8.0e-301",
            // ‖[1e300, 1e-20]‖ = 1e300: the small entry becomes 1e-21, not 0
            "1e300 1e-20                   | 1e299   | 1.0e299 1.0e-21",
            // subnormal gradient [48, 64]·2⁻¹⁰⁷⁴ (norm 80·2⁻¹⁰⁷⁴) clipped to 16·2⁻¹⁰⁷⁴: [9.6, 12.8]·2⁻¹⁰⁷⁴, rounded to [10, 13]
            "2.37e-322 3.16e-322 | 8e-323 | 5e-323 6.4e-323"})
        @DisplayName("neither ‖g‖ nor θ/‖g‖ may overflow or underflow on the way to a finite answer")
        void hugeAndTiny(String gradient, double threshold, String expected) {
            assertVectorNearest(Clipping.clipByNorm(vector(gradient), threshold), numbers(expected), threshold,
                    "[" + gradient + "] clipped by norm to " + threshold,
                    "Clipping exists for exploded gradients, and that is where ‖g‖ overflows (and the clipped gradient "
                            + "came back as zeros) or θ/‖g‖ underflows. Scale g by a power of two (Math.scalb, exact) so "
                            + "that its largest entry is near 1, divide by the scaled norm, then multiply by θ.");
        }

        @ParameterizedTest(quoteTextArguments = false, name = "[{0}] clipped to {1}")
        @CsvSource(delimiter = '|', value = {
            "3 4                  | 5.0",
            "6 8                  | 10.0",
            // here θ·g/‖g‖ would give 7.000000000000001 and 13.000000000000002: the tie must not rescale
            "7 24                 | 25.0",
            "13 84                | 85.0",
            // [3, 4]·2⁹⁰⁰ and its norm 5·2⁹⁰⁰, all exact in binary
            "2.535813749451193e+271 3.3810849992682576e+271 | 4.226356249085322e+271",
            "2.37e-322 3.16e-322  | 3.95e-322"})
        @DisplayName("at ‖g‖ = θ exactly the gradient comes back bit for bit: θ·g/‖g‖ would round it")
        void tieIsLeftAlone(String gradient, double threshold) {
            assertVectorExactly(Clipping.clipByNorm(vector(gradient), threshold), numbers(gradient),
                    "[" + gradient + "] clipped by norm to " + threshold,
                    "The rule is: clip only if ‖g‖ > θ. At ‖g‖ = θ nothing needs to change, and rescaling would change the "
                            + "last bits (θ·(3/5) is not exactly 3). Compare with >, not ≥.");
        }

        @Test
        @DisplayName("θ = +∞ clips nothing, by norm or by value")
        void infiniteThresholdClipsNothing() {
            assertVectorExactly(Clipping.clipByNorm(vector("1e308 -1e308"), Double.POSITIVE_INFINITY), numbers("1e308 -1e308"),
                    "[1e308, −1e308] clipped by norm to +∞", "No finite norm exceeds +∞: the gradient comes back unchanged.");
            assertVectorExactly(Clipping.clipByValue(vector("1e308 -1e308"), Double.POSITIVE_INFINITY), numbers("1e308 -1e308"),
                    "[1e308, −1e308] clipped by value to ±∞", "No finite component exceeds ±∞: nothing is clamped.");
        }

        @Test
        @DisplayName("clipping by norm agrees with exact values for seeded random gradients and thresholds of every size")
        void clipAgreesWithTheOracle() {
            Oracle.eachRow("/oracle/04-exploding-factors/clip-by-norm.csv", row -> {
                String gradient = row.text(0);
                double threshold = row.real(1);
                String expected = row.text(2);
                assertVectorNearest(Clipping.clipByNorm(vector(gradient), threshold), numbers(expected), threshold,
                        "[" + gradient + "] clipped by norm to " + threshold,
                        "The value comes from mpmath (src/test/oracle/04-exploding-factors.py): θ·gᵢ/‖g‖ when ‖g‖ > θ, else g. "
                                + "Scale g by a power of two before taking its norm, and never form θ/‖g‖ on its own.");
            });
        }

        @Test
        @DisplayName("the clipped gradient is a new vector: changing it leaves the caller's gradient alone, and vice versa")
        void returnsACopyEvenWhenNothingIsClipped() {
            for (double threshold : new double[] {1.0, 5.0, 100.0}) {
                ArrayRealVector gradient = new ArrayRealVector(new double[] {3.0, 4.0});
                RealVector clipped = Clipping.clipByNorm(gradient, threshold);
                RealVector byValue = Clipping.clipByValue(gradient, threshold);
                gradient.setEntry(0, 99.0);
                assertThat(clipped.getEntry(0) != 99.0 && byValue.getEntry(0) != 99.0)
                        .withFailMessage("clipping [3, 4] to %s and then changing the gradient's entry 0 to 99: expected "
                                + "the clipped vectors to keep their own values, but got %s and %s. A method that returns "
                                + "its argument (or shares its array) lets the next update of one change the other; "
                                + "return gradient.copy() when nothing is clipped.", threshold, clipped, byValue)
                        .isTrue();
            }
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
            assertRejected(() -> Clipping.clipByNorm(vector("3 4"), Double.NEGATIVE_INFINITY), "clipping to norm −∞");
            assertRejected(() -> Clipping.clipByNorm(vector("3 4"), -0.0), "clipping to norm −0.0");
            assertRejected(() -> Clipping.clipByValue(vector("3 4"), -1.0), "clipping each component to ±(−1)");
            assertRejected(() -> Clipping.clipByValue(vector("3 4"), Double.NEGATIVE_INFINITY), "clipping each component to ±(−∞)");
        }

        @Test
        @DisplayName("an empty gradient is rejected")
        void rejectsEmptyGradients() {
            assertRejected(() -> Clipping.norm(new ArrayRealVector(0)), "the norm of an empty gradient");
            assertRejected(() -> Clipping.clipByNorm(new ArrayRealVector(0), 1.0), "clipping an empty gradient by norm");
            assertRejected(() -> Clipping.clipByValue(new ArrayRealVector(0), 1.0), "clipping an empty gradient by value");
            assertRejected(() -> Clipping.norm(null), "the norm of a missing (null) gradient");
            assertRejected(() -> Clipping.clipByNorm(null, 1.0), "clipping a missing (null) gradient by norm");
            assertRejected(() -> Clipping.clipByValue(null, 1.0), "clipping a missing (null) gradient by value");
        }

        @Test
        @DisplayName("a gradient that already holds NaN or Infinity is rejected, not waved through")
        void rejectsNonFiniteGradients() {
            // NaN > θ is false, so a careless "if (‖g‖ > θ)" would return a NaN gradient untouched.
            assertRejected(() -> Clipping.clipByNorm(vector("1 NaN"), 1.0), "clipping a gradient with a NaN component");
            assertRejected(() -> Clipping.clipByNorm(vector("Infinity 1"), 1.0), "clipping a gradient with an infinite component");
            assertRejected(() -> Clipping.clipByValue(vector("NaN 1"), 1.0), "clipping a NaN component by value");
            assertRejected(() -> Clipping.norm(vector("1 -Infinity")), "the norm of a gradient with −Infinity");
            assertRejected(() -> Clipping.norm(vector("NaN")), "the norm of a gradient with NaN");
            assertRejected(() -> Clipping.clipByValue(vector("1 Infinity"), 1.0), "clipping an infinite component by value");
        }
    }

    /**
     * Entry by entry (never the vector's own equals): each entry as {@link gradientkata.support.NearestDouble#assertNearest}
     * with a relative 1e-13, plus 2⁻¹⁰⁵⁰·θ for entries more than 2¹⁰²² times smaller than the largest one.
     */
    private static void assertVectorNearest(RealVector actual, double[] expected, double threshold, String what, String why) {
        assertThat(actual != null && actual.getDimension() == expected.length)
                .withFailMessage("%s: expected %d entries %s but got %s. %s", what, expected.length,
                        java.util.Arrays.toString(expected), actual, why)
                .isTrue();
        // Entries far below θ (θ·2⁻¹⁰⁰⁰ and less) are checked to within θ·2⁻¹⁰⁷⁰: scaling g by a power of two to
        // keep its norm finite leaves entries 2¹⁰²² times smaller than the largest one in the subnormals.
        double slack = Double.isInfinite(threshold) ? 0.0 : Math.scalb(threshold, -1070);
        for (int i = 0; i < expected.length; i++) {
            double got = actual.getEntry(i);
            if (slack > 0.0 && Math.abs(expected[i]) < Math.scalb(threshold, -1000)) {
                assertThat(Double.isFinite(got) && Math.abs(got - expected[i]) <= 1e-13 * Math.abs(expected[i]) + slack + 2 * Double.MIN_VALUE)
                        .withFailMessage("%s, entry %d of %s: expected %s (to a relative 1e-13 plus θ·2⁻¹⁰⁷⁰ = %s) but got %s. %s",
                                what, i, actual, expected[i], slack, got, why)
                        .isTrue();
            } else {
                assertNearest(got, expected[i], 1e-13, 2, what + ", entry " + i + " of " + actual, why);
            }
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
