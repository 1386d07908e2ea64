package gradientkata.chain;

import static gradientkata.support.Expect.assertClose;
import static gradientkata.support.Expect.assertExactly;
import static gradientkata.support.Expect.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

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
        }

        @Test
        @DisplayName("asking when a factor of one or more vanishes, or for a threshold outside (0, 1), is rejected")
        void rejectsQuestionsWithNoAnswer() {
            assertRejected(() -> ChainRule.underflowDepth(1.0), "the underflow depth of factor 1");
            assertRejected(() -> ChainRule.underflowDepth(-3.0), "the underflow depth of factor −3");
            assertRejected(() -> ChainRule.depthBelow(1.5, 1e-6), "the depth below 1e-6 for factor 1.5");
            assertRejected(() -> ChainRule.depthBelow(0.9, 0.0), "a threshold of 0");
            assertRejected(() -> ChainRule.depthBelow(0.9, Double.NaN), "a NaN threshold");
        }

        @Test
        @DisplayName("a chain with no layers, or a NaN input, is rejected")
        void rejectsBadCompositions() {
            assertRejected(() -> ChainRule.compositeDerivative(List.of(), 1.0), "a chain with no layers");
            assertRejected(() -> ChainRule.compositeDerivative(List.of(new Exp()), Double.NaN), "a NaN input");
        }
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
