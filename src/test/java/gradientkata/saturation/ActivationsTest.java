package gradientkata.saturation;

import static gradientkata.support.Expect.assertClose;
import static gradientkata.support.Expect.assertExactly;
import static gradientkata.support.Expect.assertRejected;
import static gradientkata.support.NearestDouble.assertNearest;
import static org.assertj.core.api.Assertions.assertThat;

import gradientkata.support.Oracle;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.apache.commons.math3.analysis.function.Sigmoid;
import org.apache.commons.math3.analysis.function.Tanh;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/*
 * Expected values marked "50 digits" were computed with Python's decimal module (working precision of
 * 60 or more significant digits) from the exact binary value of each input, with σ(z) = 1 / (1 + e^−z),
 * σ′(z) = e^−|z| / (1 + e^−|z|)² and tanh′(z) = 1 / cosh²(z); the comments quote the first 20 digits,
 * and the CSV holds the nearest double.
 *
 * The oracle tables (/oracle/03-sigmoid-saturation/*.csv) are written by src/test/oracle/03-sigmoid-saturation.py:
 * mpmath at 60 or more digits, rounded once to the nearest double, over seeded random inputs and every edge.
 * Commons Math's DerivativeStructure is used only near the origin: its tanh differentiates as 1 − tanh², which
 * loses digits in the tails (a relative 1e-9 off at z = 10), so there only the mpmath values can referee.
 */
@DisplayName("Lesson 03 · activations and their derivatives")
class ActivationsTest {

    /** Relative tolerance: each value here goes through a handful of correctly rounded operations. */
    private static final double TOLERANCE = 1e-12;

    @Nested
    @DisplayName("The sigmoid σ(z) = 1 / (1 + e^−z)")
    class TheSigmoid {

        @ParameterizedTest(quoteTextArguments = false, name = "σ({0}) = {1}")
        @CsvSource({
            // 50 digits: 0.5 exactly; 0.73105857863000487925...; 0.26894142136999512074...
            "0, 0.5",
            "1, 0.7310585786300049",
            "-1, 0.2689414213699951",
            // 50 digits: 0.88079707797788244405...; 0.11920292202211755594...
            "2, 0.8807970779778824",
            "-2, 0.11920292202211756",
            // 50 digits: 4.2483542552915889772...e-18 and 9.8596765437597708567...e-305
            "-40, 4.248354255291589e-18",
            "-700, 9.85967654375977e-305"})
        @DisplayName("σ has the values of the closed form, also far out on the negative side")
        void sigmoidValues(double z, double expected) {
            assertClose(Activations.sigmoid(z), expected, TOLERANCE,
                    "σ(" + z + ")",
                    "σ(−40) is 4.2e-18, not 0: computing it as 1 − σ(40) would subtract two numbers that are both 1.0 in double.");
        }

        @ParameterizedTest(quoteTextArguments = false, name = "σ({0}) = {1}")
        @CsvSource({
            // mpmath at 50 digits: 4.4762862256751299561e-309 (just subnormal); 2.0322308024242931529e-313;
            // 4.1887398800480489395e-322; 2.8223507304719370764e-324 (rounds up to the smallest double)
            "-710, 4.47628622567513e-309",
            "-720, 2.0322308024e-313",
            "-740, 4.2e-322",
            "-745, 5e-324"})
        @DisplayName("far out on the negative side σ is a subnormal double, not 0: from z = −709.8 on e^−z overflows, "
                + "and 1 / (1 + ∞) would say 0")
        void subnormalTail(double z, double expected) {
            assertNearest(Activations.sigmoid(z), expected, TOLERANCE, 2,
                    "σ(" + z + ")",
                    "e^−z overflows to ∞ once z < −709.78, and 1 / (1 + e^−z) then returns 0.0 although σ(z) ≈ e^z is "
                            + "still a double. For z < 0 compute e^z / (1 + e^z): its exponential can only underflow.");
        }

        @Test
        @DisplayName("σ agrees with 60-digit values over the whole line: seeded random z, both tails, every edge")
        void sigmoidAgreesWithTheOracle() {
            Oracle.eachRow("/oracle/03-sigmoid-saturation/activations.csv", row -> {
                double z = row.real(0);
                double sigmoid = row.real(1);
                assertNearest(Activations.sigmoid(z), sigmoid, TOLERANCE, 2,
                        "σ(" + z + ")",
                        "The value comes from mpmath at 60 digits (src/test/oracle/03-sigmoid-saturation.py). Look at the sign "
                                + "of z: for z < 0 use e^z / (1 + e^z), for z ≥ 0 use 1 / (1 + e^−z), so no exponential overflows.");
            });
        }

        @Test
        @DisplayName("far out σ is exactly 1 or exactly 0, never NaN")
        void tailsAreFinite() {
            assertExactly(Activations.sigmoid(1000.0), 1.0, "σ(1000)",
                    "e^1000 overflows to ∞; a form like e^z / (1 + e^z) then gives ∞/∞ = NaN, which poisons every gradient it touches.");
            assertExactly(Activations.sigmoid(Double.POSITIVE_INFINITY), 1.0, "σ(+∞)",
                    "The sigmoid's limit at +∞ is 1.");
            assertExactly(Activations.sigmoid(-1000.0), 0.0, "σ(−1000)",
                    "e^−1000 is far below the smallest double, so σ(−1000) is 0.0 in double.");
            assertExactly(Activations.sigmoid(-Double.MAX_VALUE), 0.0, "σ(−1.8e308)",
                    "The most negative double: e^z underflows to 0, and 0 / (1 + 0) is 0.");
            assertExactly(Activations.sigmoid(Double.NEGATIVE_INFINITY), 0.0, "σ(−∞)",
                    "The sigmoid's limit at −∞ is 0.");
        }
    }

    @Nested
    @DisplayName("The sigmoid's derivative σ′(z) = σ(z)(1 − σ(z))")
    class SigmoidDerivative {

        @Test
        @DisplayName("σ′(0) is exactly 1/4, the largest value σ′ ever takes")
        void quarterAtZero() {
            assertExactly(Activations.sigmoidDerivative(0.0), 0.25, "σ′(0)",
                    "σ(0) = 1/2, and 1/2 · 1/2 = 1/4: even at its best a sigmoid layer divides the gradient by four.");
        }

        @ParameterizedTest(quoteTextArguments = false, name = "σ′({0}) = {1}")
        @CsvSource({
            // CURRICULUM.md facts, confirmed at 50 digits: 0.19661193324148185253...; 0.10499358540350651734...
            "1, 0.19661193324148185",
            "-1, 0.19661193324148185",
            "2, 0.10499358540350652",
            "-2, 0.10499358540350652",
            // 50 digits: 0.23500371220159448906...; 0.045176659730912132649...; 0.0066480566707901549139...
            "0.5, 0.2350037122015945",
            "3, 0.04517665973091213",
            "-5, 0.006648056670790155",
            // 50 digits: 4.5395807735951671032...e-5
            "10, 4.5395807735951673e-05"})
        @DisplayName("σ′ has the values of the closed form near the origin")
        void valuesNearTheOrigin(double z, double expected) {
            assertClose(Activations.sigmoidDerivative(z), expected, TOLERANCE,
                    "σ′(" + z + ")",
                    "σ′ is the factor a sigmoid layer contributes to the chain-rule product; σ′(2) is already below 0.105.");
        }

        @ParameterizedTest(quoteTextArguments = false, name = "σ′({0}) = {1}")
        @CsvSource({
            // 50 digits: 2.0611536139418493436...e-9. The naive s(1 − s) gives 2.0611536879e-9: only about 7 digits right.
            "20, 2.061153613941849e-09",
            "-20, 2.061153613941849e-09",
            // 50 digits: 9.3576229688384233027...e-14 (naive: 9.348e-14, off by 0.1%)
            "30, 9.357622968838423e-14",
            // 50 digits: 4.2483542552915889592...e-18 (naive: 0.0)
            "40, 4.248354255291589e-18",
            "-40, 4.248354255291589e-18",
            // 50 digits: 3.7200759760208359629...e-44; 5.1482002224120137811...e-131
            "100, 3.720075976020836e-44",
            "300, 5.148200222412013e-131",
            // 50 digits: 9.8596765437597708567...e-305
            "700, 9.85967654375977e-305",
            "-700, 9.85967654375977e-305",
            // 50 digits: 3.3075530036384079962...e-308, the last whole z at which σ′ is still a normal double
            "708, 3.307553003638408e-308",
            "-708, 3.307553003638408e-308"})
        @DisplayName("deep in saturation σ′ is tiny but not zero, and right to 12 digits")
        void valuesInSaturation(double z, double expected) {
            assertClose(Activations.sigmoidDerivative(z), expected, TOLERANCE,
                    "σ′(" + z + ")",
                    "For large z, σ(z) rounds to 1.0 and the naive σ(z)·(1 − σ(z)) loses its digits or returns 0.0, "
                            + "although the true value e^−|z| is a perfectly good double. Compute e^−|z| / (1 + e^−|z|)² instead.");
        }

        @ParameterizedTest(quoteTextArguments = false, name = "σ′({0}) = {1}")
        @CsvSource({
            // mpmath at 50 digits: 4.4762862256751299561e-309; 2.0322308024242931529e-313; 9.2263135691221138688e-318;
            // 4.1887398800480489395e-322; 7.6719447041799790739e-324 (rounds to two steps of 4.9e-324)
            "710, 4.47628622567513e-309",
            "-710, 4.47628622567513e-309",
            "720, 2.0322308024e-313",
            "-730, 9.226315e-318",
            "740, 4.2e-322",
            "-744, 1e-323"})
        @DisplayName("between |z| = 708.4 and 745.1 σ′ is a subnormal double, tiny but not 0")
        void subnormalTail(double z, double expected) {
            assertNearest(Activations.sigmoidDerivative(z), expected, TOLERANCE, 2,
                    "σ′(" + z + ")",
                    "Here σ′(z) ≈ e^−|z| is below the smallest normal double (2.2e-308) but above 4.9e-324, so it is a "
                            + "subnormal number, not 0. A form with e^|z| in it (like 1 / (2 + e^z + e^−z)) overflows and "
                            + "returns 0; e^−|z| / (1 + e^−|z|)² keeps it.");
        }

        @Test
        @DisplayName("σ′ agrees with 60-digit values over the whole line: seeded random z, both tails, every edge")
        void sigmoidDerivativeAgreesWithTheOracle() {
            Oracle.eachRow("/oracle/03-sigmoid-saturation/activations.csv", row -> {
                double z = row.real(0);
                double sigmoidDerivative = row.real(2);
                assertNearest(Activations.sigmoidDerivative(z), sigmoidDerivative, TOLERANCE, 2,
                        "σ′(" + z + ")",
                        "The value comes from mpmath at 60 digits (src/test/oracle/03-sigmoid-saturation.py). With e = e^−|z|, "
                                + "σ′(z) = e / (1 + e)² has no subtraction to cancel and no exponential to overflow.");
            });
        }

        @Test
        @DisplayName("beyond every double's reach σ′(±1000) is exactly 0.0, never NaN, while σ′(−700) is still 9.9e-305")
        void farTailsAreZeroNotNaN() {
            assertExactly(Activations.sigmoidDerivative(1000.0), 0.0, "σ′(1000)",
                    "e^−1000 underflows: the true value is below the smallest double.");
            assertExactly(Activations.sigmoidDerivative(-1000.0), 0.0, "σ′(−1000)",
                    "A form with e^−z (no absolute value) overflows to ∞ here and returns ∞/∞ = NaN.");
            assertExactly(Activations.sigmoidDerivative(Double.NEGATIVE_INFINITY), 0.0, "σ′(−∞)",
                    "A saturated unit passes on no gradient: σ′ tends to 0 on both sides.");
            // 50 digits: 9.8596765437597708567...e-305
            assertClose(Activations.sigmoidDerivative(-700.0), 9.85967654375977e-305, TOLERANCE, "σ′(−700)",
                    "e^−z with no absolute value overflows to ∞ for z = −710 and is already 1e304 here: use e^−|z|.");
        }

        @Test
        @DisplayName("for every z, 0 < σ′(z) ≤ 1/4, σ′(−z) = σ′(z), and σ′ reaches 1/4 only at z = 0")
        void boundedBelowAQuarter() {
            RandomGenerator random = new Well19937c(3_0001L);
            for (int i = 0; i < 2000; i++) {
                double z = -60.0 + 120.0 * random.nextDouble();
                double d = Activations.sigmoidDerivative(z);
                assertThat(d > 0.0 && d <= 0.25)
                        .withFailMessage("σ′(%s): expected a number in (0, 1/4] but got %s. No sigmoid layer can pass on more "
                                + "than a quarter of the gradient, and within |z| ≤ 60 it never passes on exactly nothing: "
                                + "check the formula e^−|z| / (1 + e^−|z|)².", z, d)
                        .isTrue();
                if (Math.abs(z) >= 1e-4) {
                    assertThat(d < 0.25)
                            .withFailMessage("σ′(%s): expected a number below 1/4 but got %s. σ′ reaches its maximum 1/4 at "
                                    + "z = 0 only; a constant 1/4 is the peak, not the slope.", z, d)
                            .isTrue();
                }
                assertClose(Activations.sigmoidDerivative(-z), d, TOLERANCE, "σ′(" + (-z) + ") against σ′(" + z + ")",
                        "σ′ is symmetric: σ(−z) = 1 − σ(z), so σ′(−z) = σ′(z). A unit saturates the same way on both sides.");
            }
        }

        @Test
        @DisplayName("σ′ falls strictly as |z| grows, all the way out to |z| = 60")
        void decreasesAwayFromZero() {
            double previous = Activations.sigmoidDerivative(0.0);
            for (double z = 0.25; z <= 60.0; z += 0.25) {
                double current = Activations.sigmoidDerivative(z);
                assertThat(current < previous)
                        .withFailMessage("σ′(%s): expected less than σ′(%s) = %s but got %s. The farther a unit is from 0, "
                                + "the less gradient it passes on; two equal values, both 0.0, mean the tail was rounded "
                                + "away by 1 − σ(z): use e^−|z| / (1 + e^−|z|)².", z, z - 0.25, previous, current)
                        .isTrue();
                previous = current;
            }
        }

        @ParameterizedTest(quoteTextArguments = false, name = "z = {0}")
        @CsvSource({"-5", "-2.5", "-0.3", "0.1", "0.8", "1.7", "4.2"})
        @DisplayName("agrees with Commons Math's Sigmoid differentiated in forward mode")
        void sigmoidAgreesWithForwardMode(double z) {
            // Independent check: DerivativeStructure carries the exact derivative through Commons Math's sigmoid.
            double expected = new Sigmoid().value(new DerivativeStructure(1, 1, 0, z)).getPartialDerivative(1);
            assertClose(Activations.sigmoidDerivative(z), expected, TOLERANCE,
                    "σ′(" + z + ") against forward-mode differentiation",
                    "σ′ is the derivative of σ with respect to its input z; the output-form rule s(1 − s) applied to the "
                            + "pre-activation, z(1 − z), gives a different number.");
        }
    }

    @Nested
    @DisplayName("The tanh derivative tanh′(z) = 1 − tanh²(z)")
    class TanhDerivative {

        @ParameterizedTest(quoteTextArguments = false, name = "tanh′({0}) = {1}")
        @CsvSource({
            "0, 1.0",
            // 50 digits: 0.78644773296592741014...; 0.41997434161402606939...
            "0.5, 0.7864477329659274",
            "-0.5, 0.7864477329659274",
            "1, 0.4199743416140261",
            "-1, 0.4199743416140261",
            // 50 digits: 0.070650824853164465686...; 0.0098660371654401912731...
            "2, 0.07065082485316447",
            "3, 0.00986603716544019",
            "-3, 0.00986603716544019"})
        @DisplayName("tanh′ has the values of the closed form, with its maximum 1 at z = 0")
        void tanhValues(double z, double expected) {
            assertClose(Activations.tanhDerivative(z), expected, TOLERANCE,
                    "tanh′(" + z + ")",
                    "tanh′(0) = 1: a tanh unit near zero passes the gradient on whole, four times what a sigmoid can.");
        }

        @ParameterizedTest(quoteTextArguments = false, name = "tanh′({0}) = {1}")
        @CsvSource({
            // mpmath at 50 digits: 8.2446144557673973746e-9 (1 − tanh²(10) gives 8.2446145466e-9: 8 digits lost);
            // 1.6993417021166355837e-17 and 7.7149993918556711321e-22 (1 − tanh² gives 0.0 for both)
            "10, 8.244614455767397e-09",
            "-10, 8.244614455767397e-09",
            "20, 1.6993417021166355e-17",
            "-25, 7.714999391855671e-22",
            // 5.5355861069469501226e-87; 1.0601586212017243265e-260
            "100, 5.53558610694695e-87",
            "-300, 1.0601586212017243e-260"})
        @DisplayName("tanh saturates too, and tanh′ keeps its digits in the tails, where 1 − tanh² cancels to 0")
        void saturates(double z, double expected) {
            assertNearest(Activations.tanhDerivative(z), expected, TOLERANCE, 2,
                    "tanh′(" + z + ")",
                    "tanh(z) rounds to ±1 from |z| ≈ 19.1 on, so 1 − tanh²(z) is 0.0 there (and already at z = 10 only 8 "
                            + "of its 16 digits are right): the 1 − σ trap again. Compute 1 / cosh²(z) in a form that "
                            + "cannot overflow, e.g. (2t / (1 + t²))² with t = e^−|z|.");
        }

        @ParameterizedTest(quoteTextArguments = false, name = "tanh′({0}) = {1}")
        @CsvSource({
            // mpmath at 50 digits: 2.4231978567995668489e-309; 8.1289232096971726115e-313; 1.6754959520192195758e-321
            "356, 2.423197856799566e-309",
            "-360, 8.12892320967e-313",
            "370, 1.675e-321"})
        @DisplayName("from |z| = 355.6 on cosh² overflows, yet tanh′ is a subnormal double until |z| = 373.26")
        void subnormalTail(double z, double expected) {
            assertNearest(Activations.tanhDerivative(z), expected, TOLERANCE, 2,
                    "tanh′(" + z + ")",
                    "cosh(z) ≈ e^|z| / 2 passes 1.3e154 here, so cosh² overflows to ∞ and 1 / cosh² says 0; but "
                            + "tanh′(z) ≈ 4e^−2|z| is still a (subnormal) double. Write 1 / cosh(z) as 2t / (1 + t²) with "
                            + "t = e^−|z|, then square it.");
        }

        @Test
        @DisplayName("tanh′ agrees with 60-digit values over the whole line: seeded random z, both tails, every edge")
        void tanhDerivativeAgreesWithTheOracle() {
            Oracle.eachRow("/oracle/03-sigmoid-saturation/activations.csv", row -> {
                double z = row.real(0);
                double tanhDerivative = row.real(3);
                assertNearest(Activations.tanhDerivative(z), tanhDerivative, TOLERANCE, 2,
                        "tanh′(" + z + ")",
                        "The value comes from mpmath at 60 digits (src/test/oracle/03-sigmoid-saturation.py). 1 − tanh² "
                                + "cancels in the tails and 1 / cosh² overflows past |z| = 355.6: use (2t / (1 + t²))², t = e^−|z|.");
            });
        }

        @Test
        @DisplayName("tanh is a stretched sigmoid: tanh′(z) = 4·σ′(2z), and 0 < tanh′(z) ≤ 1")
        void stretchedSigmoid() {
            RandomGenerator random = new Well19937c(3_0002L);
            for (int i = 0; i < 500; i++) {
                double z = -10.0 + 20.0 * random.nextDouble();
                double d = Activations.tanhDerivative(z);
                assertThat(d > 0.0 && d <= 1.0)
                        .withFailMessage("tanh′(%s): expected a number in (0, 1] but got %s. tanh′ = 1 / cosh² is positive and "
                                + "at most 1 (at z = 0); a negative or larger value means the formula is not tanh's slope.", z, d)
                        .isTrue();
                // tanh(z) = 2σ(2z) − 1, so tanh′(z) = 4σ′(2z). The right side is differentiated in forward mode through
                // Commons Math's Sigmoid (independent of the lesson's code); within |z| ≤ 10 it is good to 1e-13.
                double stretched = new Sigmoid().value(new DerivativeStructure(1, 1, 0, z).multiply(2.0))
                        .multiply(2.0).subtract(1.0).getPartialDerivative(1);
                assertClose(d, stretched, 1e-11,
                        "tanh′(" + z + ") against 4·σ′(" + (2.0 * z) + ")",
                        "tanh(z) = 2σ(2z) − 1: the same curve, twice as tall and twice as steep, so its slope peaks at 1 instead of 1/4.");
            }
        }

        @ParameterizedTest(quoteTextArguments = false, name = "z = {0}")
        @CsvSource({"-2.5", "-0.3", "0.1", "0.8", "1.7"})
        @DisplayName("agrees with Commons Math's Tanh differentiated in forward mode")
        void tanhAgreesWithForwardMode(double z) {
            double expected = new Tanh().value(new DerivativeStructure(1, 1, 0, z)).getPartialDerivative(1);
            assertClose(Activations.tanhDerivative(z), expected, TOLERANCE,
                    "tanh′(" + z + ") against forward-mode differentiation",
                    "tanh′ is taken at the pre-activation z; 1 − z² would treat z as if it were already tanh's output.");
        }
    }

    @Nested
    @DisplayName("The ReLU derivative: 1 for z > 0, 0 for z < 0, and 0 at z = 0 by convention")
    class ReluDerivative {

        @ParameterizedTest(quoteTextArguments = false, name = "ReLU′({0}) = 1 and ReLU′(−{0}) = 0")
        @CsvSource({"3", "0.001", "1e-300", "1e9"})
        @DisplayName("ReLU′ is 1 for every positive input and 0 for its negative")
        void reluValues(double z) {
            assertExactly(Activations.reluDerivative(z), 1.0, "ReLU′(" + z + ")",
                    "An active ReLU passes the gradient on unchanged, however large z is: it never saturates on the positive side.");
            assertExactly(Activations.reluDerivative(-z), 0.0, "ReLU′(" + (-z) + ")",
                    "An inactive ReLU passes on nothing: its factor is 0, never a negative number.");
        }

        @Test
        @DisplayName("ReLU′(0) = 0 (this kata's convention, also for −0.0), while the smallest positive double already gets 1")
        void conventionAtZero() {
            assertExactly(Activations.reluDerivative(0.0), 0.0, "ReLU′(0)",
                    "ReLU has a kink at 0 and no derivative there; like most libraries, this kata uses 0 (see the lesson's README).");
            assertExactly(Activations.reluDerivative(-0.0), 0.0, "ReLU′(−0.0)",
                    "−0.0 is zero too: the convention ReLU′(0) = 0 holds for both signed zeros.");
            assertExactly(Activations.reluDerivative(Double.MIN_VALUE), 1.0, "ReLU′(4.9e-324)",
                    "Any z > 0, however small, makes the unit active.");
            assertExactly(Activations.reluDerivative(Double.POSITIVE_INFINITY), 1.0, "ReLU′(+∞)",
                    "Any z > 0, however large, makes the unit active.");
        }

        @Test
        @DisplayName("over many random inputs ReLU′ is 0 or 1, and 1 exactly when z > 0")
        void zeroOrOne() {
            RandomGenerator random = new Well19937c(3_0003L);
            for (int i = 0; i < 1000; i++) {
                double z = -5.0 + 10.0 * random.nextDouble();
                assertExactly(Activations.reluDerivative(z), z > 0.0 ? 1.0 : 0.0, "ReLU′(" + z + ")",
                        "A ReLU factor is a switch: 1 passes the gradient on whole, 0 blocks it.");
            }
        }
    }

    @Nested
    @DisplayName("Bad input gets a clear error, not a wrong number")
    class BadInput {

        @Test
        @DisplayName("a NaN pre-activation is rejected by σ, σ′, tanh′ and ReLU′")
        void rejectsNaN() {
            assertRejected(() -> Activations.sigmoid(Double.NaN), "σ(NaN)");
            assertRejected(() -> Activations.sigmoidDerivative(Double.NaN), "σ′(NaN)");
            assertRejected(() -> Activations.tanhDerivative(Double.NaN), "tanh′(NaN)");
            assertRejected(() -> Activations.reluDerivative(Double.NaN), "ReLU′(NaN)");
        }
    }
}
