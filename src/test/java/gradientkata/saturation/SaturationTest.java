package gradientkata.saturation;

import static gradientkata.support.Expect.assertClose;
import static gradientkata.support.Expect.assertRejected;
import static gradientkata.support.NearestDouble.assertNearest;
import static org.assertj.core.api.Assertions.assertThat;

import gradientkata.support.Oracle;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.apache.commons.math3.analysis.function.Sigmoid;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/*
 * Where the expected values come from:
 * - thresholds: Python's decimal module with 700 significant digits, from the exact binary value of the
 *   level d: s = (1 + √(1 − 4d)) / 2, z = ln(s / (1 − s)); comments quote the first 20 digits;
 * - layer bounds: (w/4)ⁿ, exact in binary for the weights used;
 * - saturated fractions: P(|z| > t) = erfc(t / (s·√2)) with mpmath at 50 digits, from the exact binary
 *   values of s and t;
 * - the oracle tables /oracle/03-sigmoid-saturation/{thresholds,layer-bounds,saturated-fractions}.csv, written by
 *   src/test/oracle/03-sigmoid-saturation.py (mpmath at 60 to 800 digits, rounded once to the nearest double) over
 *   seeded random inputs and every edge of each method's domain.
 */
@DisplayName("Lesson 03 · saturation: thresholds, bounds and saturated fractions")
class SaturationTest {

    /** Relative tolerance for closed forms evaluated with a few correctly rounded operations. */
    private static final double TOLERANCE = 1e-12;

    /** Relative tolerance for normal tail probabilities (Commons Math's erfc is good to about 1e-15). */
    private static final double PROBABILITY_TOLERANCE = 1e-9;

    /** The |z| at which σ′ falls to 1/100: 4.5848633391223553543... (700-digit decimal, as above). */
    private static final double ONE_PERCENT_THRESHOLD = 4.584863339122355;

    @Nested
    @DisplayName("How far out σ′ falls to a given level")
    class ThresholdOfADerivativeLevel {

        @ParameterizedTest(quoteTextArguments = false, name = "σ′ falls to {0} at |z| = {1}")
        @CsvSource({
            // the CURRICULUM.md facts read backwards: σ′(1) = 0.19661193324148185 and σ′(2) = 0.10499358540350652
            // (decimal: 1.0000000000000000166... and 1.9999999999999999637...)
            "0.19661193324148185, 1.0",
            "0.10499358540350652, 2.0",
            // decimal: 0.96242365011920677086...; 2.0634370688955604750...; 2.8872709503576206229...
            "0.2, 0.9624236501192067",
            "0.1, 2.0634370688955603",
            "0.05, 2.8872709503576206",
            // decimal: 4.5848633391223553543...; 6.9057522722979198100...; 13.815508557961274142...
            "0.01, 4.584863339122355",
            "0.001, 6.90575227229792",
            "1e-6, 13.815508557961275"})
        @DisplayName("the threshold for a level d solves σ′(z) = d for z ≥ 0")
        void thresholds(double level, double expected) {
            assertClose(Saturation.saturationThreshold(level), expected, TOLERANCE,
                    "the |z| at which σ′ falls to " + level,
                    "A unit whose pre-activation lies beyond this distance passes on less than " + level
                            + " of the gradient. σ′ drops below 1% already at |z| ≈ 4.6.");
        }

        @ParameterizedTest(quoteTextArguments = false, name = "σ′ falls to {0} at |z| = {1}")
        @CsvSource({
            // decimal: 23.025850929740456803...; 46.051701859880913735...; 690.77552789821370518...
            "1e-10, 23.025850929740457",
            "1e-20, 46.051701859880914",
            "1e-300, 690.7755278982137"})
        @DisplayName("the threshold stays accurate for tiny levels, where 1 − s cancels")
        void thresholdsForTinyLevels(double level, double expected) {
            assertClose(Saturation.saturationThreshold(level), expected, TOLERANCE,
                    "the |z| at which σ′ falls to " + level,
                    "For tiny d, s = (1 + √(1 − 4d))/2 is within d of 1, and 1 − s computed by subtraction loses its digits "
                            + "(for d = 1e-20 it is exactly 0, and ln(s/0) = ∞). Since s(1 − s) = d, use 1 − s = d/s instead.");
        }

        @Test
        @DisplayName("σ′ = 1/4 only at z = 0, and a level just below 1/4 is already reached at |z| = 0.04")
        void quarterOnlyAtZero() {
            double atTheTop = Saturation.saturationThreshold(0.25);
            assertThat(atTheTop)
                    .withFailMessage("saturationThreshold(0.25): expected 0 but got %s. σ′ reaches its maximum 1/4 only at "
                            + "z = 0; near 1/4 the form 2·ln(s) − ln(d) subtracts two numbers close to −1.386, so use "
                            + "log1p(s·q/d) with q = √(1 − 4d).", atTheTop)
                    .isEqualTo(0.0);
            // decimal: 0.040005334613696957870... for the double nearest 0.2499
            assertClose(Saturation.saturationThreshold(0.2499), 0.04000533461369696, TOLERANCE,
                    "the |z| at which σ′ falls to 0.2499",
                    "σ′ is flat at its peak: it loses only a 1/2500 of its value over the first 0.04.");
        }

        @ParameterizedTest(quoteTextArguments = false, name = "σ′ falls to {0} at |z| = {1}")
        @CsvSource({
            // 800-digit mpmath: 2.1073424255447016e-8 for 1/4 − 2⁻⁵⁵ and 1.6858739404357654e-7 for 1/4 − 2⁻⁴⁹
            // (2·ln s − ln d is off by a relative 4e-9 and 1.3e-9 there); 1.2207031265158245e-4 for 1/4 − 2⁻³⁰;
            // 744.44007192138126 for the smallest double and 713.80137882815417 for 1e-310
            "0.24999999999999997, 2.1073424255447017e-08",
            "0.24999999999999822, 1.6858739404357654e-07",
            "0.24999999906867743, 0.00012207031265158244",
            "5e-324, 744.4400719213812",
            "1e-310, 713.8013788281542"})
        @DisplayName("the threshold is right next to 1/4, where ln(s²) − ln(d) cancels, and for subnormal levels")
        void thresholdsAtTheEdges(double level, double expected) {
            assertNearest(Saturation.saturationThreshold(level), expected, TOLERANCE, 0,
                    "the |z| at which σ′ falls to " + level,
                    "Near 1/4, s²/d is close to 1 and 2·ln(s) − ln(d) subtracts two numbers close to −1.386: since s² − d = s·q "
                            + "with q = √(1 − 4d), write z = log1p(s·q / d). For a subnormal d, s·q / d overflows: there "
                            + "nothing cancels and 2·ln(s) − ln(d) is fine.");
        }

        @Test
        @DisplayName("the threshold agrees with 800-digit values from 1/4 down to the smallest double")
        void thresholdAgreesWithTheOracle() {
            Oracle.eachRow("/oracle/03-sigmoid-saturation/thresholds.csv", row -> {
                double level = row.real(0);
                double expected = row.real(1);
                assertNearest(Saturation.saturationThreshold(level), expected, TOLERANCE, 0,
                        "the |z| at which σ′ falls to " + level,
                        "The value comes from mpmath (src/test/oracle/03-sigmoid-saturation.py). Two subtractions cancel: 1 − s "
                                + "for tiny d (use d / s) and ln(s²/d) near d = 1/4 (use log1p(s·q / d)).");
            });
        }

        @Test
        @DisplayName("σ′ at the threshold gives back the level, from 1/4 down to 1e-300")
        void roundTrip() {
            RandomGenerator random = new Well19937c(3_0004L);
            for (int i = 0; i < 300; i++) {
                // levels spread evenly in log scale between 1e-300 and 1/4
                double level = 0.25 * Math.pow(10.0, -300.0 * random.nextDouble());
                double threshold = Saturation.saturationThreshold(level);
                assertThat(Double.isFinite(threshold) && threshold >= 0.0)
                        .withFailMessage("saturationThreshold(%s): expected a finite number ≥ 0 but got %s. A distance from "
                                + "0 cannot be negative; ∞ or NaN means 1 − s was computed by subtraction (use d / s).",
                                level, threshold)
                        .isTrue();
                // σ′ computed here, e^−|t| / (1 + e^−|t|)², not by the learner's Activations.sigmoidDerivative:
                // the referee must not be code under test, or a wrong σ′ could hide a wrong threshold.
                // Relative 1e-11: near |z| = 690 an ulp of z becomes a relative 1e-13 in σ′(z).
                double e = Math.exp(-Math.abs(threshold));
                double slope = e / ((1 + e) * (1 + e));
                assertClose(slope, level, 1e-11,
                        "σ′(saturationThreshold(" + level + "))",
                        "The threshold is the z ≥ 0 where σ′ equals the level: feeding it back to σ′ must return the level.");
            }
        }
    }

    @Nested
    @DisplayName("Through n sigmoid layers with |w| ≤ maxWeight the gradient is at most (maxWeight/4)ⁿ, so 4⁻ⁿ for |w| ≤ 1")
    class LayerBound {

        @ParameterizedTest(quoteTextArguments = false, name = "{0} layers with |w| ≤ {1}: at most {2}")
        @CsvSource({
            // (w/4)ⁿ, exact in binary
            "0, 1.0, 1.0",
            "1, 1.0, 0.25",
            "10, 1.0, 9.5367431640625E-7",
            "3, 0.5, 0.001953125",
            "10, 2.0, 9.765625E-4",
            "7, 3.0, 0.13348388671875",
            "50, 4.0, 1.0",
            "3, 8.0, 8.0"})
        @DisplayName("the bound is (maxWeight / 4)ⁿ: each layer contributes |w|·σ′ ≤ maxWeight / 4")
        void bound(int depth, double maxWeight, double expected) {
            assertClose(Saturation.layerBound(depth, maxWeight), expected, TOLERANCE,
                    "the gradient bound through " + depth + " sigmoid layers with |w| ≤ " + maxWeight,
                    "σ′ ≤ 1/4 caps every layer's factor at |w|/4: with |w| ≤ 1, ten layers pass on less than a millionth. "
                            + "Only weights above 4 could make a layer amplify.");
        }

        @ParameterizedTest(quoteTextArguments = false, name = "{0} layers with |w| ≤ {1}: at most {2}")
        @CsvSource({
            // exact powers: 1.5⁶⁰⁰ = 4.5e105 (6⁶⁰⁰ and 4⁶⁰⁰ overflow on their own); 2⁻⁶⁰⁰; 2⁻¹⁰⁷⁴, the smallest double
            "600, 6.0, 4.5160155993586e+105",
            "600, 2.0, 2.409919865102884e-181",
            "1074, 2.0, 4.9e-324",
            "0, 0.0, 1.0",
            "3, 0.0, 0.0",
            "1, 1.7976931348623157e308, 4.4942328371557893e307",
            "2, 1.7976931348623157e308, Infinity"})
        @DisplayName("the bound stays right where wⁿ or 4ⁿ alone would overflow, and 0⁰ = 1")
        void boundAtTheEdges(int depth, double maxWeight, double expected) {
            assertNearest(Saturation.layerBound(depth, maxWeight), expected, TOLERANCE, 0,
                    "the gradient bound through " + depth + " sigmoid layers with |w| ≤ " + maxWeight,
                    "wⁿ / 4ⁿ overflows to ∞/∞ = NaN (or w-part / ∞ = 0) long before (w/4)ⁿ does: divide first, then raise "
                            + "to the power. With no layers the gradient passes whole (1), even for w = 0.");
        }

        @Test
        @DisplayName("the bound agrees with exact values over seeded random depths and weights")
        void boundAgreesWithTheOracle() {
            Oracle.eachRow("/oracle/03-sigmoid-saturation/layer-bounds.csv", row -> {
                int depth = row.integer(0);
                double maxWeight = row.real(1);
                double expected = row.real(2);
                assertNearest(Saturation.layerBound(depth, maxWeight), expected, TOLERANCE, 2,
                        "the gradient bound through " + depth + " sigmoid layers with |w| ≤ " + maxWeight,
                        "The value is exact (src/test/oracle/03-sigmoid-saturation.py): (maxWeight / 4)^depth, Infinity where "
                                + "it lies beyond every double.");
            });
        }

        @ParameterizedTest(quoteTextArguments = false, name = "{2} layers with w = {0}, b = {1}")
        @CsvSource({
            "1.0, -0.5, 10",
            "2.0, -1.0, 12",
            "-1.0, 0.5, 7"})
        @DisplayName("the bound is reached when every pre-activation is exactly 0")
        void boundIsTight(double weight, double bias, int depth) {
            // Start at h₀ = 1/2: w·(1/2) + b = 0, so every layer sees z = 0, outputs 1/2 again, and has σ′ = 1/4.
            double gradient = chainGradient(new double[] {weight}, new double[] {bias}, depth, 0.5);
            assertClose(Saturation.layerBound(depth, Math.abs(weight)), Math.abs(gradient), TOLERANCE,
                    "the bound through " + depth + " layers with |w| ≤ " + Math.abs(weight)
                            + ", against the gradient of a chain whose units all sit at z = 0",
                    "When every unit sits at the sigmoid's steepest point, each layer contributes exactly |w|/4: "
                            + "the bound cannot be improved.");
        }

        @ParameterizedTest(quoteTextArguments = false, name = "|w| ≤ {0}")
        @CsvSource({"0.5", "1.0", "2.0", "3.0"})
        @DisplayName("random sigmoid chains never beat the bound")
        void randomChainsStayBelowTheBound(double maxWeight) {
            RandomGenerator random = new Well19937c(3_0005L);
            for (int trial = 0; trial < 200; trial++) {
                int depth = 1 + random.nextInt(20);
                double[] weights = new double[depth];
                double[] biases = new double[depth];
                for (int k = 0; k < depth; k++) {
                    weights[k] = maxWeight * (2.0 * random.nextDouble() - 1.0);
                    biases[k] = 4.0 * random.nextDouble() - 2.0;
                }
                double x0 = 4.0 * random.nextDouble() - 2.0;
                double gradient = Math.abs(chainGradient(weights, biases, depth, x0));
                double bound = Saturation.layerBound(depth, maxWeight);
                assertThat(gradient <= bound * (1.0 + TOLERANCE))
                        .withFailMessage("layerBound(%d, %s): expected at least %s, the gradient of a random sigmoid chain "
                                + "with |w| ≤ %s, but got %s. Every layer multiplies by |w|·σ′(z) ≤ maxWeight/4, so the bound "
                                + "is (maxWeight/4)ⁿ.", depth, maxWeight, gradient, maxWeight, bound)
                        .isTrue();
            }
        }

        /**
         * d hₙ / d h₀ for hₖ = σ(wₖ·hₖ₋₁ + bₖ), in forward mode with Commons Math (independent of the lesson's
         * code). Weights and biases are used cyclically when there are fewer of them than layers.
         */
        private static double chainGradient(double[] weights, double[] biases, int depth, double x0) {
            Sigmoid sigmoid = new Sigmoid();
            DerivativeStructure h = new DerivativeStructure(1, 1, 0, x0);
            for (int k = 0; k < depth; k++) {
                h = sigmoid.value(h.multiply(weights[k % weights.length]).add(biases[k % biases.length]));
            }
            return h.getPartialDerivative(1);
        }
    }

    @Nested
    @DisplayName("How many units saturate when pre-activations are N(0, s²)")
    class SaturatedFraction {

        @ParameterizedTest(quoteTextArguments = false, name = "s = {0}, threshold {1}: {2}")
        @CsvSource({
            // P(|z| > t) = erfc(t / (s·√2)), mpmath at 50 digits: 0.31731050786291410282...;
            // 0.045500263896358414400...; 0.0026997960632601890533...
            "1.0, 1.0, 0.3173105078629141",
            "1.0, 2.0, 0.04550026389635842",
            "1.0, 3.0, 0.002699796063260189",
            // 0.021448220043351620848...; 0.35757275922874346276...; 0.64551622050069543112...
            "2.0, 4.6, 0.02144822004335162",
            "5.0, 4.6, 0.3575727592287435",
            "10.0, 4.6, 0.6455162205006955"})
        @DisplayName("the fraction beyond a threshold counts both tails: 2·Φ(−t/s)")
        void fractions(double standardDeviation, double threshold, double expected) {
            assertClose(Saturation.saturatedFraction(standardDeviation, threshold), expected, PROBABILITY_TOLERANCE,
                    "the fraction of N(0, " + standardDeviation + "²) pre-activations with |z| > " + threshold,
                    "A unit saturates on either side, z < −t or z > t: one tail alone counts only half of them. "
                            + "And s is a standard deviation: N(0, s²) has variance s².");
        }

        @ParameterizedTest(quoteTextArguments = false, name = "s = {0}: {1} of the units have σ′ < 0.01")
        @CsvSource({
            // mpmath at 50 digits, t = 4.5848633391223554411... (the double ONE_PERCENT_THRESHOLD):
            // 4.5428346718636721630...e-6; 0.021880746301490706940...; 0.64660307854959516971...; 0.81867992339250233875...
            "1.0, 4.542834671863672e-06",
            "2.0, 0.021880746301490707",
            "10.0, 0.6466030785495952",
            "20.0, 0.8186799233925023"})
        @DisplayName("a large initial scale saturates most units: s = 10 puts two thirds of them below σ′ = 0.01")
        void largeScaleSaturatesMostUnits(double standardDeviation, double expected) {
            assertClose(Saturation.saturatedFraction(standardDeviation, ONE_PERCENT_THRESHOLD), expected, PROBABILITY_TOLERANCE,
                    "the fraction of units with σ′ < 0.01 when pre-activations are N(0, " + standardDeviation + "²)",
                    "Initialize weights too large and most pre-activations land deep in the sigmoid's flat tails: "
                            + "those units pass on less than 1% of the gradient before training has even started.");
        }

        @ParameterizedTest(quoteTextArguments = false, name = "s = {0}, threshold {1}: {2}")
        @CsvSource({
            // mpmath at 50 digits: 3.5794976240281052494...e-20; 1.5239706048321052131...e-23
            "0.5, 4.6, 3.579497624028105e-20",
            "1.0, 10.0, 1.523970604832105e-23"})
        @DisplayName("a narrow spread saturates almost nothing, but the fraction is still computed, not rounded to 0")
        void narrowSpreadSaturatesAlmostNothing(double standardDeviation, double threshold, double expected) {
            assertClose(Saturation.saturatedFraction(standardDeviation, threshold), expected, PROBABILITY_TOLERANCE,
                    "the fraction of N(0, " + standardDeviation + "²) pre-activations with |z| > " + threshold,
                    "2·(1 − Φ(t/s)) subtracts two nearly equal numbers and returns 0.0 here; 2·Φ(−t/s) keeps every digit. "
                            + "It is the same trap as 1 − σ(z) in σ′.");
        }

        @ParameterizedTest(quoteTextArguments = false, name = "s = {0}, threshold {1}: {2}")
        @CsvSource({
            // mpmath at 60 digits: 2·Φ(−1) = 0.31731050786291410283 for subnormal s = t; 2·Φ(−5/3) = 0.09558070454562941...
            "4.9e-324, 4.9e-324, 0.3173105078629141",
            "1.5e-323, 2.5e-323, 0.09558070454562942",
            // t/s overflows (0) or underflows (1); an infinite threshold saturates nothing
            "1e-300, 1e300, 0.0",
            "1e300, 1e-300, 1.0",
            "1.0, Infinity, 0.0",
            // the far tail: 9.21070601916391e-308 is still a normal double
            "1.0, 37.5, 9.21070601916391e-308",
            "0.5, 18.75, 9.21070601916391e-308"})
        @DisplayName("only the ratio t/s matters, for subnormal spreads, huge ratios and the far tail too")
        void fractionsAtTheEdges(double standardDeviation, double threshold, double expected) {
            assertNearest(Saturation.saturatedFraction(standardDeviation, threshold), expected, PROBABILITY_TOLERANCE, 0,
                    "the fraction of N(0, " + standardDeviation + "²) pre-activations with |z| > " + threshold,
                    "P(|z| > t) depends on t/s alone: 2·Φ(−t/s) with the standard normal. NormalDistribution(0, s) multiplies s "
                            + "by √2 inside, which loses digits when s is a subnormal double; divide t by s yourself.");
        }

        @Test
        @DisplayName("the fraction agrees with 60-digit values over seeded random spreads and thresholds")
        void fractionAgreesWithTheOracle() {
            Oracle.eachRow("/oracle/03-sigmoid-saturation/saturated-fractions.csv", row -> {
                double standardDeviation = row.real(0);
                double threshold = row.real(1);
                double expected = row.real(2);
                // Commons Math's erfc is good to a relative 3e-13 in these rows; where the fraction is subnormal
                // (t/s between 37.5 and 38.5) it is within a relative 1e-5 or 2 steps of the smallest double.
                assertNearest(Saturation.saturatedFraction(standardDeviation, threshold), expected, PROBABILITY_TOLERANCE,
                        2 + Math.abs(expected) * 1e-5 / Double.MIN_VALUE,
                        "the fraction of N(0, " + standardDeviation + "²) pre-activations with |z| > " + threshold,
                        "The value comes from mpmath (src/test/oracle/03-sigmoid-saturation.py): erfc(t / (s·√2)). Return "
                                + "2·Φ(−t/s) with the standard normal; both tails count.");
            });
        }

        @Test
        @DisplayName("every unit lies beyond threshold 0, and the fraction grows with the spread")
        void growsWithTheSpread() {
            assertClose(Saturation.saturatedFraction(3.0, 0.0), 1.0, PROBABILITY_TOLERANCE,
                    "the fraction of N(0, 3²) pre-activations with |z| > 0",
                    "A normal pre-activation is exactly 0 with probability 0: every unit lies beyond threshold 0.");
            double previous = 0.0;
            for (double s = 0.5; s <= 50.0; s *= 1.25) {
                double fraction = Saturation.saturatedFraction(s, ONE_PERCENT_THRESHOLD);
                assertThat(fraction > previous && fraction <= 1.0)
                        .withFailMessage("saturatedFraction(%s, %s): expected a fraction in (%s, 1], above its value for a "
                                + "smaller s, but got %s. The wider the pre-activations spread, the more units saturate; a "
                                + "fraction that does not grow with s may be using s² as the standard deviation, or 0 "
                                + "means 1 − Φ(t/s) cancelled.", s, ONE_PERCENT_THRESHOLD, previous, fraction)
                        .isTrue();
                previous = fraction;
            }
        }

        @ParameterizedTest(quoteTextArguments = false, name = "s = {0}")
        @CsvSource({"1.0", "3.0", "10.0"})
        @DisplayName("counting the units with σ′ < 0.01 in a seeded sample agrees with the formula")
        void agreesWithASample(double standardDeviation) {
            NormalDistribution preActivations = new NormalDistribution(new Well19937c(3_0006L), 0.0, standardDeviation);
            int units = 20_000;
            int saturated = 0;
            for (double z : preActivations.sample(units)) {
                // σ′(z) < 0.01 exactly when |z| lies beyond the independent 1% threshold: count that directly,
                // so the count does not depend on the learner's code.
                if (Math.abs(z) > ONE_PERCENT_THRESHOLD) {
                    saturated++;
                }
            }
            double counted = (double) saturated / units;
            double predicted = Saturation.saturatedFraction(standardDeviation, Saturation.saturationThreshold(0.01));
            // For s = 1 the sample holds almost no saturated unit (the fraction is 4.5e-6, see above), so a
            // prediction of 0 would also be within the margin: the fraction must be positive as well.
            assertThat(predicted > 0.0 && predicted <= 1.0)
                    .withFailMessage("saturatedFraction(%s, saturationThreshold(0.01)): expected a fraction in (0, 1] but "
                            + "got %s. A normal pre-activation lies beyond any finite threshold with positive probability, "
                            + "however small the spread; 0 means 1 − Φ(t/s) cancelled: use 2·Φ(−t/s).",
                            standardDeviation, predicted)
                    .isTrue();
            // Margin 0.02: more than five standard errors √(p(1 − p)/n) ≤ 0.0036 of a 20 000-unit sample.
            assertThat(Math.abs(predicted - counted) <= 0.02)
                    .withFailMessage("saturatedFraction(%s, saturationThreshold(0.01)): expected about %s (%d of %d seeded "
                            + "N(0, %s²) units have σ′ < 0.01, to within 0.02) but got %s. A prediction near half the count "
                            + "means one tail is missing; one far off for s ≠ 1 means s was used as the variance.",
                            standardDeviation, counted, saturated, units, standardDeviation, predicted)
                    .isTrue();
        }
    }

    @Nested
    @DisplayName("Bad input gets a clear error, not a wrong number")
    class BadInput {

        @Test
        @DisplayName("a derivative level that is NaN or outside (0, 1/4] is rejected: σ′ takes no such value at any finite z")
        void rejectsImpossibleLevels() {
            assertRejected(() -> Saturation.saturationThreshold(0.0), "the threshold for level 0 (σ′ only reaches 0 at infinity)");
            assertRejected(() -> Saturation.saturationThreshold(-0.1), "the threshold for a negative level");
            assertRejected(() -> Saturation.saturationThreshold(0.3), "the threshold for level 0.3 (σ′ never exceeds 1/4)");
            assertRejected(() -> Saturation.saturationThreshold(Math.nextUp(0.25)), "the threshold for a level just above 1/4");
            assertRejected(() -> Saturation.saturationThreshold(Double.NaN), "the threshold for a NaN level");
            assertRejected(() -> Saturation.saturationThreshold(-0.0), "the threshold for level −0.0");
            assertRejected(() -> Saturation.saturationThreshold(-Double.MIN_VALUE), "the threshold for level −4.9e-324");
            assertRejected(() -> Saturation.saturationThreshold(Double.POSITIVE_INFINITY), "the threshold for an infinite level");
            assertRejected(() -> Saturation.saturationThreshold(Double.NEGATIVE_INFINITY), "the threshold for level −∞");
        }

        @Test
        @DisplayName("a negative depth, or a max weight that is NaN, negative or infinite, is rejected")
        void rejectsBadBounds() {
            assertRejected(() -> Saturation.layerBound(-1, 1.0), "a bound through −1 layers");
            assertRejected(() -> Saturation.layerBound(3, Double.NaN), "a bound with a NaN max weight");
            assertRejected(() -> Saturation.layerBound(3, -1.0), "a bound with a negative max weight");
            assertRejected(() -> Saturation.layerBound(3, Double.POSITIVE_INFINITY), "a bound with an infinite max weight");
            assertRejected(() -> Saturation.layerBound(3, Double.NEGATIVE_INFINITY), "a bound with max weight −∞");
            assertRejected(() -> Saturation.layerBound(3, -Double.MIN_VALUE), "a bound with max weight −4.9e-324");
            assertRejected(() -> Saturation.layerBound(Integer.MIN_VALUE, 1.0), "a bound through −2147483648 layers");
            assertRejected(() -> Saturation.layerBound(-1, 0.0), "a bound through −1 layers with max weight 0");
        }

        @Test
        @DisplayName("a standard deviation ≤ 0 or not finite, or a threshold that is NaN or negative, is rejected")
        void rejectsBadDistributions() {
            assertRejected(() -> Saturation.saturatedFraction(0.0, 1.0), "a standard deviation of 0");
            assertRejected(() -> Saturation.saturatedFraction(-2.0, 1.0), "a negative standard deviation");
            assertRejected(() -> Saturation.saturatedFraction(Double.NaN, 1.0), "a NaN standard deviation");
            assertRejected(() -> Saturation.saturatedFraction(Double.POSITIVE_INFINITY, 1.0), "an infinite standard deviation");
            assertRejected(() -> Saturation.saturatedFraction(1.0, Double.NaN), "a NaN threshold");
            assertRejected(() -> Saturation.saturatedFraction(1.0, -1.0), "a negative threshold");
            assertRejected(() -> Saturation.saturatedFraction(1.0, Double.NEGATIVE_INFINITY), "a threshold of −∞");
            assertRejected(() -> Saturation.saturatedFraction(1.0, -Double.MIN_VALUE), "the threshold −4.9e-324");
            assertRejected(() -> Saturation.saturatedFraction(Double.NEGATIVE_INFINITY, 1.0), "a standard deviation of −∞");
            assertRejected(() -> Saturation.saturatedFraction(-0.0, 1.0), "a standard deviation of −0.0");
            assertRejected(() -> Saturation.saturatedFraction(Double.NaN, Double.NaN), "a NaN spread and a NaN threshold");
        }
    }
}
