package gradientkata.exploding;

import static gradientkata.support.Expect.assertClose;
import static gradientkata.support.Expect.assertExactly;
import static gradientkata.support.Expect.assertRejected;
import static gradientkata.support.NearestDouble.assertNearest;
import static org.assertj.core.api.Assertions.assertThat;

import gradientkata.support.Oracle;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.apache.commons.math3.analysis.function.Sigmoid;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

// Groups run in the order of the lesson; bad input comes last.
@DisplayName("Lesson 04 · exploding factors: growth, overflow and the amplifying band")
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class GrowthTest {

    /** Relative tolerance for values that go through a few dozen roundings. */
    private static final double TOLERANCE = 1e-12;

    @Nested
    @Order(0)
    @DisplayName("Against the oracle: seeded random inputs and every edge, from src/test/oracle/04-exploding-factors.py")
    class AgainstTheOracle {

        @Test
        @DisplayName("aⁿ multiplied out layer by layer, stalls at the smallest double and overflows included")
        void repeatedProduct() {
            Oracle.eachRow("/oracle/04-exploding-factors/repeated-products.csv", row -> {
                double factor = row.real(0);
                int depth = row.integer(1);
                double expected = row.real(2);
                assertExactly(Growth.repeatedProduct(factor, depth), expected, factor + " multiplied out " + depth + " times",
                        "The expected value is the same IEEE double product taken one layer at a time. Math.pow rounds once "
                                + "and differs in the last bits, and it does not stall: 0.75ⁿ multiplied out sticks at 4.9e-324 "
                                + "for ever, because 4.9e-324 · 0.75 rounds back to 4.9e-324.");
            });
        }

        @Test
        @DisplayName("the overflow depth is counted, not estimated: rows where ⌈ln(MAX)/ln|a|⌉ is off by one included")
        void overflowDepth() {
            Oracle.eachRow("/oracle/04-exploding-factors/overflow-depths.csv", row -> {
                double factor = row.real(0);
                int expected = row.integer(1);
                int depth = Growth.overflowDepth(factor);
                assertThat(depth)
                        .withFailMessage("overflowDepth(%s): expected %d but got %d. The depth is where the product multiplied "
                                + "out in double first becomes ±Infinity; the estimate ⌈ln(MAX_VALUE)/ln|a|⌉ is off by one when "
                                + "the rounding of the products decides. Multiply and count.", factor, expected, depth)
                        .isEqualTo(expected);
            });
        }

        @Test
        @DisplayName("the half-width c agrees with 60-digit values, for weights just above 4 and up to the largest double")
        void halfWidth() {
            Oracle.eachRow("/oracle/04-exploding-factors/half-widths.csv", row -> {
                double weight = row.real(0);
                double expected = row.real(1);
                assertNearest(Growth.amplifyingHalfWidth(weight), expected, 1e-13, 0, "the amplifying half-width for w = " + weight,
                        "c = ln((1 + r)/(1 − r)) with r = √(1 − 4/|w|) loses digits twice: 1 − 4/|w| cancels for |w| just above 4 "
                                + "(write (|w| − 4)/|w|), and 1 − r cancels for large |w| (write log1p(r(1 + r)·|w|/2), since "
                                + "(1 − r)(1 + r) = 4/|w|).");
            });
        }

        @Test
        @DisplayName("the band of inputs agrees with 60-digit values")
        void band() {
            Oracle.eachRow("/oracle/04-exploding-factors/bands.csv", row -> {
                double weight = row.real(0);
                double bias = row.real(1);
                double low = row.real(2);
                double high = row.real(3);
                Growth.Band band = Growth.amplifyingBand(weight, bias);
                String why = "The band is −c < w·x + b < c solved for x, with c from amplifyingHalfWidth; a negative w swaps the ends.";
                assertNearest(band.low(), low, 1e-13, 2, "the low end of the band for w = " + weight + ", b = " + bias, why);
                assertNearest(band.high(), high, 1e-13, 2, "the high end of the band for w = " + weight + ", b = " + bias, why);
            });
        }
    }

    @Nested
    @Order(1)
    @DisplayName("Factors above one grow geometrically")
    class GeometricGrowth {

        @Test
        @DisplayName("fifty layers of factor 1.1 multiply the gradient by about 117")
        void elevenTenthsToTheFiftieth() {
            // Exact decimal: 1.1^50 = 117.3908528796953165066664959903583199... (60-digit decimal arithmetic).
            // The double 1.1 is 1.100000000000000088817841970012523..., whose 50th power is
            // 117.3908528796957904340...; Math.pow rounds it to 117.39085287969579, a loop of 50 rounded
            // multiplications gives 117.39085287969573. All of them agree to better than 1e-14.
            assertClose(Growth.repeatedProduct(1.1, 50), 117.39085287969579, TOLERANCE,
                    "1.1⁵⁰",
                    "A factor only 10% above one, fifty times over, makes the gradient over a hundred times larger.");
        }

        @ParameterizedTest(quoteTextArguments = false, name = "{0} multiplied {1} times is {2}")
        @CsvSource({
            // powers of two are exact in binary up to 2^1023 = 8.98846567431158e307, the largest one a double holds
            "2.0,  1023, 8.98846567431158E307",
            "2.0,  1024, Infinity",
            "-2.0, 1025, -Infinity",
            "0.5,  3,    0.125",
            "3.0,  0,    1.0"})
        @DisplayName("the product is exact while it fits, and ±Infinity once it does not")
        void exactUntilItOverflows(double factor, int depth, double expected) {
            assertExactly(Growth.repeatedProduct(factor, depth), expected,
                    "the gradient through " + depth + " layers of factor " + factor,
                    "2¹⁰²³ is the largest power of two a double can hold; one more doubling is Infinity, with the sign of the product.");
        }

        @Test
        @DisplayName("ten to the 308th still fits in a double; ten to the 309th is Infinity")
        void tenToThe308Fits() {
            // Double.MAX_VALUE = 1.7976931348623157e308 lies between 10^308 and 10^309.
            assertClose(Growth.repeatedProduct(10.0, 308), 1e308, TOLERANCE,
                    "10³⁰⁸ multiplied out",
                    "10³⁰⁸ is below the largest double, 1.797…e308, so it must come back finite.");
            assertExactly(Growth.repeatedProduct(10.0, 309), Double.POSITIVE_INFINITY,
                    "10³⁰⁹ multiplied out",
                    "10³⁰⁹ is beyond the largest double: the product overflows to Infinity.");
        }
    }

    @Nested
    @Order(2)
    @DisplayName("The depth at which the product first becomes Infinity")
    class Overflow {

        @ParameterizedTest(quoteTextArguments = false, name = "factor {0} overflows at depth {1}")
        @CsvSource({
            // Rounding to nearest, a product overflows once its exact value reaches MAX + ulp/2 = 2^1024 − 2^970.
            // First n with |a|^n ≥ 2^1024 − 2^970, i.e. n ≥ ln(2^1024 − 2^970) / ln|a| (60-digit decimal arithmetic):
            "2.0,  1024",   // 1023.99999999999999992 → 1024: 2^1023 is finite, 2^1024 is not
            "4.0,   512",   // 511.99999999999999996 → 512: 4^512 = 2^1024
            "10.0,  309",   // 308.2547 → 309
            "-2.0, 1024",   // the sign does not matter: (−2)^1024 = +2^1024
            "-3.0,  647",   // 646.0721 → 647, and the product is −Infinity there
            "1.5,  1751",   // 1750.5396 → 1751
            "1.1,  7448"})  // 7447.0819 → 7448; the loop's rounding (about 1e-12 relative) is far from the boundary
        @DisplayName("the first n at which aⁿ multiplied out in double is ±Infinity")
        void overflowDepth(double factor, int expected) {
            assertThat(Growth.overflowDepth(factor))
                    .as("the first depth at which %s multiplied out in double is infinite. Past it, every "
                            + "gradient that passes through those layers is ±Infinity.", factor)
                    .isEqualTo(expected);
        }

        @Test
        @DisplayName("the depth reported is the first infinite one: one layer less is still finite")
        void theDepthBeforeIsFinite() {
            int depth = Growth.overflowDepth(4.0);
            assertThat(depth).as("the overflow depth of factor 4 (4⁵¹² = 2¹⁰²⁴)").isEqualTo(512);
            assertExactly(Growth.repeatedProduct(4.0, depth - 1), 0x1p1022,
                    "4⁵¹¹", "One layer before the overflow depth the gradient is still an ordinary (huge) number, 2¹⁰²².");
        }
    }

    @Nested
    @Order(3)
    @DisplayName("After Infinity comes NaN")
    class NaNFollows {

        @Test
        @DisplayName("the gradient along several paths is the sum of the products along each path")
        void sumsPathProducts() {
            // 0.25·0.25·4 − 1·0.5 + 2 = 0.25 − 0.5 + 2 = 1.75, exact in binary
            assertExactly(Growth.sumOverPaths(new double[] {0.25, 0.25, 4.0}, new double[] {-1.0, 0.5}, new double[] {2.0}),
                    1.75,
                    "the gradient along three paths",
                    "When a unit feeds several others, the chain rule adds one product per path.");
        }

        @Test
        @DisplayName("Infinity times zero is NaN: a dead unit behind an overflowed path gives NaN, not 0")
        void infinityTimesZero() {
            double overflowed = Growth.sumOverPaths(new double[] {1e200, 1e200, 0.0});
            assertThat(overflowed)
                    .as("1e200 · 1e200 · 0 multiplied left to right: 1e400 is Infinity, and Infinity · 0 is NaN "
                            + "(the exact answer is 0). Expected NaN but got %s", overflowed)
                    .isNaN();
            assertExactly(Growth.sumOverPaths(new double[] {1e200, 0.0, 1e200}), 0.0,
                    "1e200 · 0 · 1e200 multiplied left to right",
                    "The same factors in another order never overflow: the zero comes first and the product is 0.");
        }

        @Test
        @DisplayName("Infinity minus Infinity is NaN: two overflowed paths of opposite sign give NaN")
        void infinityMinusInfinity() {
            double overflowed = Growth.sumOverPaths(new double[] {1e200, 1e200}, new double[] {-1e200, 1e200});
            assertThat(overflowed)
                    .as("1e200·1e200 + (−1e200)·1e200: Infinity + (−Infinity) is NaN, though the exact answer is 0. "
                            + "Expected NaN but got %s", overflowed)
                    .isNaN();
            assertExactly(Growth.sumOverPaths(new double[] {1e100, 1e100}, new double[] {-1e100, 1e100}), 0.0,
                    "1e100·1e100 + (−1e100)·1e100",
                    "Paths that stay finite cancel exactly: 1e200 − 1e200 = 0.");
        }

        @Test
        @DisplayName("Infinity is for ever: small factors after the overflow cannot bring it back")
        void infinityStays() {
            assertExactly(Growth.sumOverPaths(new double[] {1e200, 1e200, 1e-200, 1e-200}), Double.POSITIVE_INFINITY,
                    "1e200 · 1e200 · 1e-200 · 1e-200 multiplied left to right",
                    "The exact product is 1, but once a partial product is Infinity no factor can shrink it again.");
            // 1e200 · 1e-200 rounds to 1 within an ulp or two, twice.
            assertClose(Growth.sumOverPaths(new double[] {1e200, 1e-200, 1e200, 1e-200}), 1.0, 1e-15,
                    "1e200 · 1e-200 · 1e200 · 1e-200 multiplied left to right",
                    "Interleaved, the same factors never leave the range of double and the product is 1.");
        }
    }

    @Nested
    @Order(4)
    @DisplayName("A sigmoid layer amplifies only when |w| > 4, and only on a narrow band")
    class AmplifyingBand {

        @ParameterizedTest(quoteTextArguments = false, name = "w = {0}: |w·σ′(z)| > 1 exactly when |z| < {1}")
        @CsvSource({
            // c = ln((1 + r)/(1 − r)), r = √(1 − 4/|w|), which equals 2·arcosh(√|w| / 2) (60-digit decimal):
            "4.5,  0.6931471805599453",   // r = 1/3, (4/3)/(2/3) = 2: c = ln 2
            "5.0,  0.9624236501192069",   // c = 2·ln φ, φ the golden ratio
            "6.0,  1.3169578969248167",   // c = 2·arcosh(√6 / 2)
            "8.0,  1.7627471740390861",   // c = 2·ln(1 + √2)
            "16.0, 2.6339157938496334",   // c = 2·ln(2 + √3)
            "100,  4.5848633391223554",   // c = 2·ln(5 + √24)
            "-8.0, 1.7627471740390861"})  // only |w| matters
        @DisplayName("the half-width of the amplifying band of pre-activations")
        void halfWidth(double weight, double expected) {
            assertClose(Growth.amplifyingHalfWidth(weight), expected, TOLERANCE,
                    "the half-width c of the band |z| < c where a sigmoid layer with w = " + weight + " amplifies",
                    "Solve s(1 − s) > 1/|w| for s = σ(z), then map the two roots back with z = ln(s/(1 − s)).");
        }

        @ParameterizedTest(quoteTextArguments = false, name = "w = {0}")
        @ValueSource(doubles = {4.01, 4.5, 5.0, 8.0, 16.0, 100.0, -6.0})
        @DisplayName("at z = ±c the layer's factor is exactly one in size: above it inside the band, below it outside")
        void bandEdgesAreWhereTheFactorIsOne(double weight) {
            double c = Growth.amplifyingHalfWidth(weight);
            assertThat(c).as("the half-width for w = %s must be a positive number, got %s", weight, c).isPositive();
            for (double z : new double[] {-c, c}) {
                // Independent check: σ′ from Commons Math's forward-mode differentiation of its Sigmoid.
                assertClose(Math.abs(weight * sigmoidDerivative(z)), 1.0, TOLERANCE,
                        "|w·σ′(z)| for w = " + weight + " at the band's edge z = " + z,
                        "The edge of the band is where the layer's factor crosses one in size.");
            }
            assertThat(Math.abs(weight * sigmoidDerivative(0.99 * c)))
                    .as("|w·σ′(0.99c)| for w = %s: just inside the band the layer must amplify", weight)
                    .isGreaterThan(1.0);
            assertThat(Math.abs(weight * sigmoidDerivative(1.01 * c)))
                    .as("|w·σ′(1.01c)| for w = %s: just outside the band the layer must shrink the gradient", weight)
                    .isLessThan(1.0);
        }

        @ParameterizedTest(quoteTextArguments = false, name = "w = {0}, b = {1}: {2} < x < {3}")
        @CsvSource({
            // |w·x + b| < c solved for x (c from the closed forms above, 60-digit decimal):
            "8.0,  -2.0, 0.029656603245114244, 0.47034339675488576",   // ((2 − c)/8, (2 + c)/8)
            "-8.0,  1.0, -0.095343396754885756, 0.34534339675488576",  // a negative w swaps the ends: ((1 − c)/8, (1 + c)/8)
            "5.0,   0.0, -0.19248473002384138, 0.19248473002384138"})  // (−c/5, c/5)
        @DisplayName("the band of inputs x with |w·σ′(w·x + b)| > 1")
        void bandOfInputs(double weight, double bias, double low, double high) {
            Growth.Band band = Growth.amplifyingBand(weight, bias);
            assertThat(band).as("the amplifying band for w = %s, b = %s", weight, bias).isNotNull();
            assertClose(band.low(), low, TOLERANCE,
                    "the lower end of the band for w = " + weight + ", b = " + bias,
                    "Solve −c < w·x + b < c for x; when w < 0 the inequalities flip, so low and high swap.");
            assertClose(band.high(), high, TOLERANCE,
                    "the upper end of the band for w = " + weight + ", b = " + bias,
                    "Solve −c < w·x + b < c for x; when w < 0 the inequalities flip, so low and high swap.");
        }

        @Test
        @DisplayName("the band contains exactly the inputs where the layer amplifies, and neither of its ends")
        void theBandContainsTheAmplifyingInputs() {
            double weight = 8.0;
            double bias = -2.0;
            Growth.Band band = Growth.amplifyingBand(weight, bias);
            // Ends from the closed form ((2 − c)/8, (2 + c)/8), c = 2·ln(1 + √2) (see bandOfInputs): the grid below,
            // steps of 0.01 from −1 to 1, stays at least 3e-4 away from both, so σ′ decides each point clearly.
            for (int k = -100; k <= 100; k++) {
                double x = k / 100.0;
                boolean amplifies = Math.abs(weight * sigmoidDerivative(weight * x + bias)) > 1.0;
                boolean inside = band.contains(x);
                assertThat(inside)
                        .withFailMessage("band (%s, %s).contains(%s): expected %s but got %s, since |w·σ′(w·x + b)| = %s for "
                                + "w = 8, b = −2. The band is exactly the inputs on which the layer amplifies the gradient.",
                                band.low(), band.high(), x, amplifies, inside, Math.abs(weight * sigmoidDerivative(weight * x + bias)))
                        .isEqualTo(amplifies);
            }
            // The band is open: an end is not inside, its neighbour towards the middle is.
            Growth.Band given = new Growth.Band(0.25, 0.75);
            double[] points = {0.25, 0.75, Math.nextUp(0.25), Math.nextDown(0.75), 0.5, 0.0, 1.0};
            boolean[] expected = {false, false, true, true, true, false, false};
            for (int i = 0; i < points.length; i++) {
                assertThat(given.contains(points[i]))
                        .withFailMessage("(0.25, 0.75).contains(%s): expected %s but got %s. The band is the open interval "
                                + "low < x < high: at its ends |w·σ′| is exactly 1, which does not amplify.",
                                points[i], expected[i], given.contains(points[i]))
                        .isEqualTo(expected[i]);
            }
        }

        @Test
        @DisplayName("whatever the weight, the band of inputs is never wider than 0.448")
        void theBandIsNarrow() {
            // The width 2c/|w| is 0 at |w| = 4 and tends to 0 like 2·ln|w|/|w|. Scanning w from 4.01 to 30 in
            // steps of 0.01 with 50-digit decimal arithmetic, its largest value is 0.447743 near w = 6.89; past
            // the peak it only falls (at w = 100 it is 0.0917).
            for (double weight = 4.5; weight <= 1000; weight *= 1.1) {
                Growth.Band band = Growth.amplifyingBand(weight, 0.3);
                assertThat(band.width())
                        .as("the width of the amplifying band for w = %s. However large the weight, only a sliver "
                                + "of inputs lets a sigmoid layer amplify: wide bands are impossible.", weight)
                        .isPositive()
                        .isLessThan(0.448);
            }
        }
    }

    @Nested
    @Order(5)
    @DisplayName("Bad input gets a clear error, not a wrong number")
    class BadInput {

        @Test
        @DisplayName("a negative depth or a NaN factor is rejected")
        void rejectsBadProducts() {
            assertRejected(() -> Growth.repeatedProduct(1.1, -1), "a negative depth");
            assertRejected(() -> Growth.repeatedProduct(Double.NaN, 3), "a NaN factor");
            assertRejected(() -> Growth.repeatedProduct(2.0, Integer.MIN_VALUE), "a depth of −2147483648");
        }

        @Test
        @DisplayName("asking when a factor of size one or less overflows is rejected")
        void rejectsFactorsThatNeverOverflow() {
            assertRejected(() -> Growth.overflowDepth(1.0), "the overflow depth of factor 1");
            assertRejected(() -> Growth.overflowDepth(-0.5), "the overflow depth of factor −0.5");
            assertRejected(() -> Growth.overflowDepth(Double.NaN), "the overflow depth of a NaN factor");
            assertRejected(() -> Growth.overflowDepth(-1.0), "the overflow depth of factor −1");
            assertRejected(() -> Growth.overflowDepth(Math.nextDown(1.0)), "the overflow depth of the largest factor below 1");
        }

        @Test
        @DisplayName("a factor so close to 1 that the product is still finite after 2³¹ − 1 layers is rejected, at once")
        void rejectsFactorsTooCloseToOne() {
            // 1 + 1e-12 needs about 7e14 layers; nextUp(1) about 3e18. A counting loop with an int counter wraps around.
            assertRejected(() -> Growth.overflowDepth(1.0 + 1e-12), "the overflow depth of 1 + 1e-12 (about 7e14 layers)");
            assertRejected(() -> Growth.overflowDepth(-(1.0 + 1e-12)), "the overflow depth of −(1 + 1e-12)");
            assertRejected(() -> Growth.overflowDepth(Math.nextUp(1.0)), "the overflow depth of the smallest factor above 1");
        }

        @Test
        @DisplayName("no paths, an empty path or a NaN factor is rejected")
        void rejectsBadPaths() {
            assertRejected(() -> Growth.sumOverPaths(), "a sum over no paths");
            assertRejected(() -> Growth.sumOverPaths(new double[] {2.0}, new double[0]), "a path with no factors");
            assertRejected(() -> Growth.sumOverPaths(new double[] {2.0, Double.NaN}), "a NaN factor on a path");
            assertRejected(() -> Growth.sumOverPaths((double[][]) null), "a missing (null) list of paths");
            assertRejected(() -> Growth.sumOverPaths(new double[] {2.0}, null), "a missing (null) path");
        }

        @Test
        @DisplayName("a band for |w| ≤ 4, where the layer never amplifies, or for NaN, is rejected")
        void rejectsWeightsThatNeverAmplify() {
            // 4·σ′(0) = 4 · 1/4 = 1: even the best input only passes the gradient on unchanged.
            assertRejected(() -> Growth.amplifyingHalfWidth(4.0), "the amplifying band of w = 4");
            assertRejected(() -> Growth.amplifyingHalfWidth(-3.0), "the amplifying band of w = −3");
            assertRejected(() -> Growth.amplifyingHalfWidth(Double.NaN), "the amplifying band of a NaN weight");
            assertRejected(() -> Growth.amplifyingBand(2.0, 0.0), "the band of inputs for w = 2");
            assertRejected(() -> Growth.amplifyingBand(8.0, Double.NaN), "the band of inputs for a NaN bias");
            assertRejected(() -> Growth.amplifyingHalfWidth(Double.POSITIVE_INFINITY), "the amplifying band of an infinite weight");
            assertRejected(() -> Growth.amplifyingHalfWidth(Double.NEGATIVE_INFINITY), "the amplifying band of weight −∞");
            assertRejected(() -> Growth.amplifyingHalfWidth(-4.0), "the amplifying band of w = −4");
            assertRejected(() -> Growth.amplifyingHalfWidth(0.0), "the amplifying band of a zero weight");
            assertRejected(() -> Growth.amplifyingBand(Double.POSITIVE_INFINITY, 0.0), "the band of inputs for an infinite weight");
            assertRejected(() -> Growth.amplifyingBand(8.0, Double.POSITIVE_INFINITY), "the band of inputs for an infinite bias");
            assertRejected(() -> Growth.amplifyingBand(8.0, Double.NEGATIVE_INFINITY), "the band of inputs for bias −∞");
            assertRejected(() -> Growth.amplifyingBand(0.0, 1.0), "the band of inputs for a zero weight");
        }
    }

    /** σ′(z) by forward-mode differentiation of Commons Math's Sigmoid: independent of the code under test. */
    private static double sigmoidDerivative(double z) {
        return new Sigmoid().value(new DerivativeStructure(1, 1, 0, z)).getPartialDerivative(1);
    }
}
