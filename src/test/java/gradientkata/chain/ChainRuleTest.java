package gradientkata.chain;

import static gradientkata.support.Expect.assertClose;
import static gradientkata.support.Expect.assertExactly;
import static gradientkata.support.Expect.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import gradientkata.support.Oracle;
import java.util.Collections;
import java.util.List;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.apache.commons.math3.analysis.differentiation.UnivariateDifferentiableFunction;
import org.apache.commons.math3.analysis.function.Exp;
import org.apache.commons.math3.analysis.function.Power;
import org.apache.commons.math3.analysis.function.Sigmoid;
import org.apache.commons.math3.analysis.function.Sin;
import org.apache.commons.math3.analysis.function.Tanh;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Lesson 01 · chain-rule products")
class ChainRuleTest {

    /** Relative tolerance for values that go through a few dozen roundings. */
    private static final double TOLERANCE = 1e-12;

    @Nested
    @DisplayName("A chain's derivative is the product of its local derivatives")
    class Products {

        @Test
        @DisplayName("three layers with local derivatives 0.5, 0.25 and 4 pass on exactly 0.5")
        void multipliesTheFactors() {
            assertExactly(ChainRule.product(0.5, 0.25, 4.0), 0.5,
                    "the product 0.5 · 0.25 · 4",
                    "The chain rule multiplies one local derivative per layer; every result in this kata starts here.");
        }

        @Test
        @DisplayName("the signs of the factors multiply too")
        void keepsTheSign() {
            assertExactly(ChainRule.product(-0.5, 2.0, -3.0, -1.0), -3.0,
                    "the product −0.5 · 2 · −3 · −1",
                    "A gradient's sign says which way to step; three negative factors give a negative gradient.");
        }

        @ParameterizedTest(name = "{0} layers of factor {1} give {2}", quoteTextArguments = false)
        @CsvSource({
            // a, n, aⁿ: all exact in binary
            "0.25, 10, 9.5367431640625E-7",
            "0.5,  20, 9.5367431640625E-7",
            "4.0,  10, 1048576.0",
            "1.0, 1000, 1.0",
            "-2.0,  5, -32.0",
            "0.75,  0, 1.0"})
        @DisplayName("n layers with the same local derivative a give aⁿ")
        void repeatedFactorGivesAPower(double factor, int depth, double expected) {
            assertExactly(ChainRule.repeatedProduct(factor, depth), expected,
                    "the gradient through " + depth + " layers of factor " + factor,
                    "With one factor per layer, depth turns into an exponent: that is the whole vanishing/exploding story.");
        }

        @Test
        @DisplayName("agrees with a 60-digit computation of aⁿ for 120 random factors and depths")
        void repeatedProductMatchesTheOracle() {
            Oracle.eachRow("/oracle/01-chain-rule-products/repeated-product.csv", row -> {
                double factor = row.real(0);
                int depth = row.integer(1);
                double expected = row.real(2);
                // src/test/oracle/01-chain-rule-products.py: aⁿ in 60-digit arithmetic; n roundings stay far below 1e-12.
                assertClose(ChainRule.repeatedProduct(factor, depth), expected, TOLERANCE,
                        factor + "^" + depth,
                        "The product of n equal factors is aⁿ: one multiplication per layer, no more and no fewer.");
            });
        }

        @Test
        @DisplayName("the product is multiplied out in order: once it overflows, a later small factor cannot bring it back")
        void multipliedOutInOrder() {
            assertExactly(ChainRule.product(1e300, 1e10, 1e-300), Double.POSITIVE_INFINITY,
                    "1e300 · 1e10 · 1e-300, multiplied left to right",
                    "Backpropagation multiplies one layer at a time; 1e310 is already Infinity before the third factor arrives.");
            assertExactly(ChainRule.product(-1e300, 1e10, 2.0), Double.NEGATIVE_INFINITY,
                    "−1e300 · 1e10 · 2",
                    "An overflowing gradient keeps its sign: −Infinity.");
            assertThat(ChainRule.product(1e300, 1e10, 0.0))
                    .as("1e300 · 1e10 · 0 is Infinity · 0, which is NaN in double arithmetic, as in a real backward pass")
                    .isNaN();
        }

        @Test
        @DisplayName("fifty layers of factor 1.1 multiply the gradient by about 117")
        void growsAboveOne() {
            // 1.1^50 = 117.390852879695316... exactly (50-digit decimal arithmetic); the double 1.1 is a
            // hair above 1.1, giving 117.39085287969579. Both agree to 1e-14 relative.
            assertClose(ChainRule.repeatedProduct(1.1, 50), 117.39085287969579, TOLERANCE,
                    "1.1⁵⁰",
                    "A factor only 10% above one, fifty times over, makes the gradient over a hundred times larger: it explodes.");
        }

        @ParameterizedTest(name = "factor {0}", quoteTextArguments = false)
        @CsvSource({"0.25", "0.9", "1.1", "4.0", "-0.5"})
        @DisplayName("each extra layer multiplies the gradient by the same factor: geometric decay below one, growth above")
        void decaysOrGrowsGeometrically(double factor) {
            for (int depth = 1; depth <= 40; depth++) {
                double before = ChainRule.repeatedProduct(factor, depth - 1);
                double after = ChainRule.repeatedProduct(factor, depth);
                assertClose(after / before, factor, TOLERANCE,
                        "the ratio of the gradients at depths " + depth + " and " + (depth - 1),
                        "Adding a layer adds a factor; the ratio between neighbouring depths is that factor, whatever the depth.");
            }
            assertThat(Math.abs(ChainRule.repeatedProduct(factor, 40)))
                    .as("|%s⁴⁰| should be %s than 1: factors below one shrink, above one grow", factor,
                            Math.abs(factor) < 1 ? "smaller" : "larger")
                    .matches(m -> Math.abs(factor) < 1 ? m < 1 : m > 1);
        }
    }

    @Nested
    @DisplayName("In double arithmetic a long product underflows; its logarithm does not")
    class Underflow {

        @Test
        @DisplayName("0.25 multiplied 537 times is the smallest double, and once more it is exactly 0.0")
        void quarterUnderflowsAt538() {
            // 0.25^537 = 2^-1074 = Double.MIN_VALUE; 0.25^538 = 2^-1076 rounds to zero.
            assertExactly(ChainRule.repeatedProduct(0.25, 537), Double.MIN_VALUE,
                    "0.25⁵³⁷",
                    "2⁻¹⁰⁷⁴ is the smallest positive double (a subnormal); the product must get there first.");
            assertExactly(ChainRule.repeatedProduct(0.25, 538), 0.0,
                    "0.25⁵³⁸",
                    "2⁻¹⁰⁷⁶ is below half the smallest double, so the product rounds to exactly zero: the gradient is gone.");
        }

        @ParameterizedTest(name = "factor {0} underflows at depth {1}", quoteTextArguments = false)
        @CsvSource({
            // 0.25ⁿ = 2⁻²ⁿ reaches 2⁻¹⁰⁷⁴ at n = 537 and rounds to zero at n = 538.
            "0.25, 538",
            // 0.5ⁿ reaches 2⁻¹⁰⁷⁴ at n = 1074; 2⁻¹⁰⁷⁵ is a tie that rounds to even, which is zero.
            "0.5, 1075",
            "-0.5, 1075"})
        @DisplayName("the depth at which the product first becomes exactly 0.0")
        void underflowDepth(double factor, int expected) {
            assertThat(ChainRule.underflowDepth(factor))
                    .as("the first depth at which %s multiplied out in double is exactly 0.0. "
                            + "Past it, a network's first layers receive no gradient at all.", factor)
                    .isEqualTo(expected);
        }

        @Test
        @DisplayName("the underflow depth of 100 factors from 2⁻¹⁰⁷⁴ to exactly 1/2, most of them not powers of two")
        void underflowDepthMatchesTheOracle() {
            Oracle.eachRow("/oracle/01-chain-rule-products/underflow-depth.csv", row -> {
                double factor = row.real(0);
                int expected = row.integer(1);
                // src/test/oracle/01-chain-rule-products.py multiplies the same doubles in Python, which rounds as Java does.
                assertThat(ChainRule.underflowDepth(factor))
                        .as("the first depth at which %s multiplied out in double is exactly 0.0: count every multiplication, "
                                + "the last one included", factor)
                        .isEqualTo(expected);
            });
        }

        @ParameterizedTest(name = "factor {0}", quoteTextArguments = false)
        @CsvSource({"0.5000000000000001", "0.75", "-0.9", "0.9999999999999999", "1.0", "-3.0"})
        @DisplayName("a factor above 1/2 never underflows: the product sticks at 2⁻¹⁰⁷⁴, and the question is rejected")
        void underflowDepthRejectsFactorsThatStick(double factor) {
            // 0.75 · 2⁻¹⁰⁷⁴ = 0.75 of the smallest subnormal, which rounds back to it: the loop would never end.
            assertRejectedNaming(() -> ChainRule.underflowDepth(factor), "the underflow depth of factor " + factor, "1/2");
        }

        @Test
        @DisplayName("a factor of exactly 0 gives depth 1, the smallest double gives 2, and 1/2 reaches the tie at 2⁻¹⁰⁷⁵")
        void underflowDepthAtItsEdges() {
            assertThat(ChainRule.underflowDepth(0.0)).as("0 · 1 is 0 after one layer").isEqualTo(1);
            assertThat(ChainRule.underflowDepth(Double.MIN_VALUE)).as("2⁻¹⁰⁷⁴ · 2⁻¹⁰⁷⁴ rounds to 0 at the second layer").isEqualTo(2);
            assertThat(ChainRule.underflowDepth(-0.5)).as("(−1/2)¹⁰⁷⁵ is a tie that rounds to (minus) zero").isEqualTo(1075);
        }

        @Test
        @DisplayName("log₁₀ of the product's size agrees with 60-digit arithmetic for 100 random chains, subnormal and huge factors included")
        void log10MagnitudeMatchesTheOracle() {
            Oracle.eachRow("/oracle/01-chain-rule-products/log10-magnitude.csv", row -> {
                String factors = row.text(0);
                double expected = row.real(1);
                double[] values = java.util.Arrays.stream(factors.split(";")).mapToDouble(Double::parseDouble).toArray();
                assertClose(ChainRule.log10Magnitude(values), expected, TOLERANCE,
                        "log₁₀ of the size of a product of " + values.length + " factors",
                        "In log space every factor adds its own log₁₀|f|, however tiny or huge the product would be.");
            });
        }

        @Test
        @DisplayName("a zero factor makes log₁₀ of the size −Infinity, whatever the other factors")
        void log10MagnitudeOfZero() {
            assertExactly(ChainRule.log10Magnitude(1e300, 0.0, 1e300), Double.NEGATIVE_INFINITY,
                    "log₁₀|1e300 · 0 · 1e300|",
                    "A zero factor stops the gradient completely: its logarithm is −∞, not a number to average away.");
        }

        @Test
        @DisplayName("a thousand factors of 0.25: the product is 0.0, but log₁₀ of its size is still −602.06")
        void logSpaceNeverUnderflows() {
            double[] factors = new double[1000];
            java.util.Arrays.fill(factors, 0.25);
            // 1000 · log10(0.25) = -602.059991327962390427... (50-digit decimal arithmetic)
            assertClose(ChainRule.log10Magnitude(factors), -602.0599913279624, TOLERANCE,
                    "log₁₀|0.25¹⁰⁰⁰|",
                    "Adding logarithms keeps the size of a gradient that no double can hold: 10⁻⁶⁰² is tiny, not zero.");
            assertExactly(ChainRule.product(factors), 0.0,
                    "0.25¹⁰⁰⁰ multiplied out",
                    "The same product in linear space underflows: this is why we measure vanishing in log space.");
        }

        @Test
        @DisplayName("log₁₀ of a product's size ignores signs and adds across layers")
        void logMagnitudeOfMixedFactors() {
            // log10(0.001) + log10(100) + log10(0.5) = -3 + 2 - 0.30102999566398120 = -1.3010299956639812
            assertClose(ChainRule.log10Magnitude(0.001, -100.0, 0.5), -1.3010299956639812, TOLERANCE,
                    "log₁₀|0.001 · −100 · 0.5|",
                    "Each layer adds its own log₁₀|factor|: −3, +2 and −0.301 here.");
        }
    }

    @Nested
    @DisplayName("How deep before the gradient is too small to matter")
    class DepthBelowThreshold {

        @ParameterizedTest(name = "factor {0} drops below {1} at depth {2}", quoteTextArguments = false)
        @CsvSource({
            // 0.9^131 = 1.0155e-6 and 0.9^132 = 9.140e-7: ceil(ln 1e-6 / ln 0.9) = ceil(131.13) = 132
            "0.9, 1e-6, 132",
            // 0.25^9 = 3.8e-6 and 0.25^10 = 9.5e-7
            "0.25, 1e-6, 10",
            // 0.5^9 = 1/512 and 0.5^10 = 1/1024 < 0.001
            "0.5, 0.001, 10",
            "-0.5, 0.001, 10",
            // ceil(ln 0.5 / ln 0.99) = ceil(68.97) = 69
            "0.99, 0.5, 69"})
        @DisplayName("the first depth at which |a|ⁿ falls below a threshold")
        void firstDepthBelowThreshold(double factor, double threshold, int expected) {
            assertThat(ChainRule.depthBelow(factor, threshold))
                    .as("the first depth at which |%s|ⁿ < %s. Even a factor as mild as 0.9 starves a layer "
                            + "that sits %d layers from the output.", factor, threshold, expected)
                    .isEqualTo(expected);
        }

        @ParameterizedTest(name = "|{0}|ⁿ equals {1} at n = {2}, so the answer is {2} + 1", quoteTextArguments = false)
        @CsvSource({
            // 0.5¹⁰ = 2⁻¹⁰ exactly: equal is not below, the next layer is.
            "0.5, 0.0009765625, 10",
            "0.25, 9.5367431640625E-7, 10",
            "-0.5, 0.125, 3",
            "0.5, 0.5, 1",
            // 0.5¹⁰⁷⁴ is the smallest double itself; only 0.5¹⁰⁷⁵ = 0 is below it.
            "0.5, 4.9E-324, 1074"})
        @DisplayName("a product exactly equal to the threshold is not below it")
        void exactTiesAreNotBelow(double factor, double threshold, int equalAt) {
            assertThat(ChainRule.depthBelow(factor, threshold))
                    .as("|%s|^%d equals %s exactly, which is not below it: the first depth below is %d",
                            factor, equalAt, threshold, equalAt + 1)
                    .isEqualTo(equalAt + 1);
        }

        @Test
        @DisplayName("agrees with the same product multiplied out in Python's doubles, for 158 factors and thresholds down to the subnormals")
        void depthBelowMatchesTheOracle() {
            Oracle.eachRow("/oracle/01-chain-rule-products/depth-below.csv", row -> {
                double factor = row.real(0);
                double threshold = row.real(1);
                int expected = row.integer(2);
                int exactDepth = row.integer(3);
                // src/test/oracle/01-chain-rule-products.py; exactDepth, the depth in exact arithmetic, differs in one row only.
                assertThat(ChainRule.depthBelow(factor, threshold))
                        .as("the first depth at which |%s|ⁿ, multiplied out in double, is below %s (in exact arithmetic: %d)",
                                factor, threshold, exactDepth)
                        .isEqualTo(expected);
            });
        }

        @Test
        @DisplayName("a product that sticks among the subnormals above the threshold is rejected instead of looping for ever")
        void depthBelowRejectsAStuckProduct() {
            Oracle.eachRow("/oracle/01-chain-rule-products/depth-below-stuck.csv", row -> {
                double factor = row.real(0);
                double threshold = row.real(1);
                assertRejectedNaming(() -> ChainRule.depthBelow(factor, threshold),
                        "the depth below " + threshold + " for factor " + factor + " (the product sticks at a subnormal)", "stick");
            });
        }

        @Test
        @DisplayName("0.75 sticks at the smallest double, which is not below itself: rejected, not an endless loop")
        void stuckAtTheSmallestDouble() {
            assertRejectedNaming(() -> ChainRule.depthBelow(0.75, Double.MIN_VALUE),
                    "the depth below 2⁻¹⁰⁷⁴ for factor 0.75", "stick");
        }

        @ParameterizedTest(name = "factor {0}, threshold {1}", quoteTextArguments = false)
        @CsvSource({"0.9999999999999999, 0.5", "0.9999999, 1e-300", "-0.99999999, 1e-10", "0.99999999871, 0.5"})
        @DisplayName("a factor a hair below one would need more than 2²⁹ layers: rejected at once, before any multiplication")
        void depthBelowRejectsImpossibleDepths(double factor, double threshold) {
            // ln(threshold) / ln|factor|: 6.2e15, 6.9e9, 2.3e9, and for the last row 5.373e8, just above 2²⁹ = 5.369e8.
            assertRejectedNaming(() -> ChainRule.depthBelow(factor, threshold),
                    "the depth below " + threshold + " for factor " + factor, "2^29");
        }

        @Test
        @DisplayName("a factor a millionth below one still gets its answer: 693 147 layers to halve")
        void deepButCountable() {
            // ln 0.5 / ln(1 − 1e-6) = 693146.83…; the product in double drops below 0.5 at the next layer.
            assertThat(ChainRule.depthBelow(0.999999, 0.5)).as("the depth at which 0.999999ⁿ < 1/2").isEqualTo(693147);
        }
    }

    @Nested
    @DisplayName("The derivative of a chain of Commons Math functions")
    class Composition {

        @Test
        @DisplayName("ten sigmoid layers from x = 0.5 pass on a gradient of 3.48e-7")
        void tenSigmoids() {
            // 50-digit decimal arithmetic: 3.4831156097851657749...e-7 (CURRICULUM.md, lesson 02 fact).
            assertClose(ChainRule.compositeDerivative(Collections.nCopies(10, new Sigmoid()), 0.5),
                    3.4831156097851657e-7, TOLERANCE,
                    "d/dx of ten stacked sigmoids at 0.5",
                    "Each sigmoid contributes at most 1/4; ten of them leave less than a millionth of the gradient.");
        }

        @Test
        @DisplayName("each local derivative is taken at the value entering its layer: sin(x²) at 2 gives cos(4)·4")
        void localDerivativesAtTheFlowingValue() {
            // Closed form: d/dx sin(x²) = cos(x²)·2x = cos(4)·4 = -2.6145744834544478 at x = 2.
            assertClose(ChainRule.compositeDerivative(List.of(new Power(2), new Sin()), 2.0),
                    -2.6145744834544478, TOLERANCE,
                    "d/dx sin(x²) at x = 2",
                    "The sine layer sees 4, not 2: a local derivative evaluated at the wrong point gives a wrong gradient.");
        }

        @ParameterizedTest(name = "{0} at x = {1}", quoteTextArguments = false)
        @CsvSource({
            "tanh-sin-exp, 0.3",
            "tanh-sin-exp, -1.2",
            "sigmoid-tanh-sigmoid-tanh-sin, 0.7",
            "exp-exp, 0.5",
            "sin-sin-sin-sin-sin-sin-sin-sin, 1.1"})
        @DisplayName("agrees with forward-mode differentiation through the whole chain")
        void agreesWithForwardMode(String chain, double x) {
            List<UnivariateDifferentiableFunction> layers = layers(chain);
            // Independent check: push one DerivativeStructure through every layer (forward mode).
            DerivativeStructure ds = new DerivativeStructure(1, 1, 0, x);
            for (UnivariateDifferentiableFunction layer : layers) {
                ds = layer.value(ds);
            }
            assertClose(ChainRule.compositeDerivative(layers, x), ds.getPartialDerivative(1), TOLERANCE,
                    "d/dx of " + chain + " at " + x,
                    "Forward mode and the product of local derivatives are the same chain rule; they must agree to rounding.");
        }
    }

    @Nested
    @DisplayName("The derivative of a chain, against a 60-digit oracle")
    class CompositionOracle {

        @Test
        @DisplayName("agrees with the product of local derivatives in 60-digit arithmetic for 120 random chains and inputs")
        void matchesTheOracle() {
            Oracle.eachRow("/oracle/01-chain-rule-products/composite-derivative.csv", row -> {
                String chain = row.text(0);
                double x = row.real(1);
                double expected = row.real(2);
                // src/test/oracle/01-chain-rule-products.py: the chain rule in mpmath, not Commons Math.
                assertClose(ChainRule.compositeDerivative(layers(chain), x), expected, 1e-11,
                        "d/dx of " + chain + " at " + x,
                        "Each layer's derivative, at the value flowing into it, times all the others: nothing else.");
            });
        }
    }

    @Nested
    @DisplayName("Bad input gets a clear error, not a wrong number")
    class BadInput {

        @Test
        @DisplayName("an empty chain, a NaN factor or a negative depth is rejected with a message")
        void rejectsBadChains() {
            assertRejected(() -> ChainRule.product(), "a product of no factors");
            assertRejected(() -> ChainRule.product(0.5, Double.NaN), "a NaN factor");
            assertRejected(() -> ChainRule.log10Magnitude(), "log₁₀ of an empty chain");
            assertRejected(() -> ChainRule.repeatedProduct(0.5, -1), "a negative depth");
            assertRejected(() -> ChainRule.repeatedProduct(Double.NaN, 3), "a NaN factor repeated");
            assertRejected(() -> ChainRule.product((double[]) null), "a null array of factors");
            assertRejected(() -> ChainRule.log10Magnitude((double[]) null), "log₁₀ of a null array");
            assertRejected(() -> ChainRule.log10Magnitude(0.5, Double.NaN), "log₁₀ of a NaN factor");
            assertRejectedNaming(() -> ChainRule.product(0.5, 0.25, Double.NaN), "a NaN third factor", "factor 3");
        }

        @Test
        @DisplayName("an infinite factor is rejected by every method that takes one: a local derivative is a finite number")
        void rejectsInfiniteFactors() {
            assertRejectedNaming(() -> ChainRule.product(0.5, Double.POSITIVE_INFINITY), "an infinite factor", "finite");
            assertRejectedNaming(() -> ChainRule.product(Double.NEGATIVE_INFINITY), "a factor of −∞", "finite");
            assertRejectedNaming(() -> ChainRule.log10Magnitude(Double.POSITIVE_INFINITY, 0.0), "log₁₀ of ∞ · 0", "finite");
            assertRejectedNaming(() -> ChainRule.repeatedProduct(Double.POSITIVE_INFINITY, 0), "an infinite factor repeated", "finite");
            assertRejected(() -> ChainRule.underflowDepth(Double.NEGATIVE_INFINITY), "the underflow depth of −∞");
            assertRejected(() -> ChainRule.depthBelow(Double.POSITIVE_INFINITY, 0.5), "the depth below 0.5 of ∞");
        }

        @Test
        @DisplayName("asking when a factor of one or more vanishes, or for a threshold outside (0, 1), is rejected")
        void rejectsQuestionsWithNoAnswer() {
            assertRejected(() -> ChainRule.underflowDepth(1.0), "the underflow depth of factor 1");
            assertRejected(() -> ChainRule.underflowDepth(-3.0), "the underflow depth of factor −3");
            assertRejected(() -> ChainRule.depthBelow(1.5, 1e-6), "the depth below 1e-6 for factor 1.5");
            assertRejected(() -> ChainRule.depthBelow(0.9, 0.0), "a threshold of 0");
            assertRejected(() -> ChainRule.depthBelow(0.9, Double.NaN), "a NaN threshold");
            assertRejectedNaming(() -> ChainRule.underflowDepth(Double.NaN), "the underflow depth of NaN", "NaN");
            assertRejectedNaming(() -> ChainRule.depthBelow(Double.NaN, 0.5), "the depth below 0.5 of a NaN factor", "NaN");
            assertRejectedNaming(() -> ChainRule.depthBelow(0.5, Double.NaN), "a NaN threshold", "NaN");
        }

        @ParameterizedTest(name = "factor {0}, threshold {1}", quoteTextArguments = false)
        @CsvSource({"0.9, 0.0", "0.9, -0.0", "0.9, -0.5", "0.9, 1.0", "0.5, 1.5", "0.0, 0.0", "0.9, Infinity", "0.9, -Infinity",
            "0.5, 4.9E-324"})
        @DisplayName("a threshold outside (0, 1) is rejected with a message about the threshold")
        void rejectsThresholdsOutsideTheInterval(double factor, double threshold) {
            if (threshold == Double.MIN_VALUE) {
                // the control row: the smallest positive threshold is legal
                assertThat(ChainRule.depthBelow(factor, threshold)).as("0.5ⁿ first drops below 2⁻¹⁰⁷⁴ at n = 1075").isEqualTo(1075);
                return;
            }
            assertRejectedNaming(() -> ChainRule.depthBelow(factor, threshold), "a threshold of " + threshold, "threshold");
        }

        @ParameterizedTest(name = "factor {0}", quoteTextArguments = false)
        @CsvSource({"1.0", "-1.0", "1.5", "1.0000000000000002"})
        @DisplayName("a factor of magnitude one or more never shrinks the gradient: rejected, with a message about the factor")
        void rejectsFactorsThatNeverShrink(double factor) {
            assertRejectedNaming(() -> ChainRule.depthBelow(factor, 0.5), "the depth below 0.5 for factor " + factor, "|factor| < 1");
        }

        @Test
        @DisplayName("a chain with no layers, or a NaN input, is rejected")
        void rejectsBadCompositions() {
            assertRejected(() -> ChainRule.compositeDerivative(List.of(), 1.0), "a chain with no layers");
            assertRejected(() -> ChainRule.compositeDerivative(List.of(new Exp()), Double.NaN), "a NaN input");
            assertRejected(() -> ChainRule.compositeDerivative(null, 1.0), "a null chain");
            assertRejectedNaming(() -> ChainRule.compositeDerivative(java.util.Arrays.asList(new Sin(), null, new Exp()), 1.0),
                    "a chain whose second layer is null", "layer 2");
            assertRejectedNaming(() -> ChainRule.compositeDerivative(List.of(new Sin()), Double.POSITIVE_INFINITY),
                    "an infinite input", "finite");
            assertRejectedNaming(() -> ChainRule.compositeDerivative(List.of(new Sin()), Double.NEGATIVE_INFINITY),
                    "an input of −∞", "finite");
        }
    }

    /** Rejected with an IllegalArgumentException whose message names the problem (contains {@code word}). */
    private static void assertRejectedNaming(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String what, String word) {
        assertRejected(call, what);
        assertThat(catchThrowable(call).getMessage())
                .as("the message for %s should name the problem (mention \"%s\")", what, word)
                .contains(word);
    }

    private static List<UnivariateDifferentiableFunction> layers(String chain) {
        return java.util.Arrays.stream(chain.split("-")).map(name -> switch (name) {
            case "tanh" -> (UnivariateDifferentiableFunction) new Tanh();
            case "sin" -> new Sin();
            case "exp" -> new Exp();
            case "sigmoid" -> new Sigmoid();
            default -> throw new IllegalArgumentException("no layer called " + name);
        }).toList();
    }
}
