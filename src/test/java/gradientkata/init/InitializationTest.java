package gradientkata.init;

import static gradientkata.support.Expect.assertClose;
import static gradientkata.support.Expect.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.linear.RealMatrix;
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

/*
 * Where the expected values come from:
 * - Xavier and He scales: mpmath at 40 digits, src/test/oracle/06-initialization.py, written to
 *   src/test/resources/oracle/06-initialization/scales.csv (the 25-digit values are quoted beside the rows);
 * - output variances: the product n_in·Var(w)·Var(h), exact in binary for the numbers chosen, or worked out by hand;
 * - sampled weights: bounds of several standard errors, with the standard error written beside each bound;
 * - the deep stacks: the mean-field (infinitely wide) prediction of src/test/oracle/06-initialization.py, written
 *   to src/test/resources/oracle/06-initialization/mean-field.csv; for ReLU it is exact in expectation.
 */
@DisplayName("Lesson 06 · initialization: variance through a layer, Xavier and He scales, random weights, deep stacks")
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class InitializationTest {

    /** Relative tolerance for a square root of a quotient: two or three roundings. */
    private static final double TOLERANCE = 1e-14;

    @Nested
    @Order(1)
    @DisplayName("Var(z) = n_in · Var(w) · Var(h) for one output of a linear layer")
    class OutputVariance {

        @ParameterizedTest(name = "n_in = {0}, Var(w) = {1}, Var(h) = {2}: {3}")
        @CsvSource({
            // Exact in binary: 256 · 2⁻⁸ · 1 = 1 (the matched scale), 256 · 2⁻⁶ · 4 = 16, 3 · 0.5 · 2 = 3.
            "256, 0.00390625, 1.0, 1.0",
            "256, 0.015625, 4.0, 16.0",
            "3, 0.5, 2.0, 3.0",
            "1, 0.25, 0.5, 0.125",
            // 784 · (2/784) · 1: the He variance keeps a ReLU layer's pre-activations at twice the input's mean square.
            "784, 0.002551020408163265, 1.0, 2.0",
            "1000, 0.0, 3.0, 0.0",
            "1000, 3.0, 0.0, 0.0"})
        @DisplayName("the variances of n_in independent products add up")
        void closedForms(int fanIn, double weightVariance, double inputVariance, double expected) {
            double actual = Initialization.outputVariance(fanIn, weightVariance, inputVariance);
            assertThat(actual).as("outputVariance(%d, %s, %s) should be %s, a finite number", fanIn, weightVariance,
                    inputVariance, expected).isFinite();
            // 1e-15: at most two roundings; for the zero rows the answer must be exactly 0.
            assertThat(actual)
                    .withFailMessage("outputVariance(%d, %s, %s): expected %s but got %s. z sums n_in products w·h, each with "
                                    + "variance Var(w)·Var(h); independent variances add, so Var(z) = n_in·Var(w)·Var(h).",
                            fanIn, weightVariance, inputVariance, expected, actual)
                    .isCloseTo(expected, within(1e-15 * expected));
            assertThat(Initialization.outputVariance(fanIn, 1.0, 1.0))
                    .as("outputVariance(%d, 1, 1): with unit variances the output's variance is the fan-in itself", fanIn)
                    .isEqualTo((double) fanIn);
        }

        @ParameterizedTest(name = "n_in = {0}, Var(w) = {1}, Var(h) = {2}: {3}")
        @CsvSource({
            // 1e9 · 1e300 overflows to ∞ although the answer, 1e9 · (1e300 · 1e-300), is about 1e9.
            "1000000000, 1e300, 1e-300, 1.0e9",
            "1000000000, 1e-300, 1e300, 1.0e9",
            // 1e-160 · 1e-155 = 1e-315 is subnormal (7 digits lost) while the answer 1e-306 is an ordinary double.
            "1000000000, 1e-160, 1e-155, 1.0e-306",
            "1000000000, 1e-155, 1e-160, 1.0e-306"})
        @DisplayName("no intermediate product overflows or underflows where the answer itself does not")
        void noIntermediateOverflow(int fanIn, double weightVariance, double inputVariance, double expected) {
            // The exact product of these binary values is within 1e-15 of the decimal expected value; a
            // tolerance of 1e-13 allows the few roundings on the way and catches a subnormal intermediate.
            assertClose(Initialization.outputVariance(fanIn, weightVariance, inputVariance), expected, 1e-13,
                    "outputVariance(" + fanIn + ", " + weightVariance + ", " + inputVariance + ")",
                    "Multiplying in the wrong order overflows to ∞ or underflows into subnormals although the answer is an "
                            + "ordinary double. The fan-in is at least 1: multiply it by the smaller variance first.");
        }

        @Test
        @DisplayName("beyond the largest double the answer is +∞, never NaN")
        void trueOverflow() {
            double actual = Initialization.outputVariance(Integer.MAX_VALUE, 1e300, 1e10);
            assertThat(actual)
                    .withFailMessage("outputVariance(2³¹ − 1, 1e300, 1e10) is about 2e319, beyond Double.MAX_VALUE, so the "
                            + "answer is +∞; got %s", actual)
                    .isEqualTo(Double.POSITIVE_INFINITY);
        }

        @ParameterizedTest(name = "n_in = {0}, Var(w) = {1}, Var(h) = {2}")
        @CsvSource({"16, 0.0625, 1.0", "16, 0.25, 0.5", "8, 0.125, 4.0"})
        @DisplayName("a seeded sample of sums Σ w·h has the variance the formula predicts")
        void agreesWithASample(int fanIn, double weightVariance, double inputVariance) {
            RandomGenerator random = new Well19937c(6_0001L);
            int samples = 20_000;
            double sumOfSquares = 0.0;
            double scale = Math.sqrt(weightVariance) * Math.sqrt(inputVariance);
            for (int s = 0; s < samples; s++) {
                double z = 0.0;
                for (int j = 0; j < fanIn; j++) {
                    z += scale * random.nextGaussian() * random.nextGaussian();
                }
                sumOfSquares += z * z;
            }
            double sampled = sumOfSquares / samples;
            double predicted = Initialization.outputVariance(fanIn, weightVariance, inputVariance);
            // z has kurtosis 3 + 6/n_in (at most 3.75 here), so the mean of z² over 20 000 samples has a relative
            // standard error of √((3.75 − 1)/20 000) = 1.2% at most: a 5% margin is more than four standard errors.
            assertThat(predicted)
                    .as("outputVariance(%d, %s, %s) = %s, but 20 000 seeded sums of %d products w·h have mean square %s: they "
                            + "should agree within 5%%", fanIn, weightVariance, inputVariance, predicted, fanIn, sampled)
                    .isFinite()
                    .isCloseTo(sampled, within(0.05 * sampled));
        }
    }

    @Nested
    @Order(2)
    @DisplayName("Xavier's std √(2/(n_in + n_out)) and He's std √(2/n_in)")
    class Scales {

        @ParameterizedTest(name = "{0} → {1}: Xavier {2}, He {3}")
        @CsvSource({
            // mpmath, 40 digits (scales.csv): 0.04385290096535146073600189, 0.05050762722761053745720317
            "784, 256, 0.04385290096535146, 0.05050762722761054",
            "1, 1, 1.0, 1.4142135623730951",
            // 0.5 exactly; 0.816496580927726032732428 = √(2/3); 0.6324555320336758663997787 = √(2/5)
            "3, 5, 0.5, 0.816496580927726",
            "5, 3, 0.5, 0.6324555320336759",
            // 0.0444994159489984789397983; 0.04472135954999579392818347; 0.4472135954999579392818347
            "1000, 10, 0.04449941594899848, 0.044721359549995794",
            "10, 1000, 0.04449941594899848, 0.4472135954999579",
            // square layers: Xavier is 1/√n, He is √2/√n
            "256, 256, 0.0625, 0.08838834764831845",
            // n_in + n_out = 2³² − 2 does not fit in an int: 0.00002157918644260204014447091; 0.00003051757813210542736008254
            "2147483647, 2147483647, 2.157918644260204e-05, 3.051757813210543e-05",
            "1, 2147483647, 3.0517578125e-05, 1.4142135623730951"})
        @DisplayName("agree with 40-digit values, for any fan-in and fan-out")
        void agreeWithHighPrecision(int fanIn, int fanOut, double xavier, double he) {
            assertClose(Initialization.xavierStd(fanIn, fanOut), xavier, TOLERANCE,
                    "the Xavier std for a " + fanIn + " → " + fanOut + " layer",
                    "Xavier's variance 2/(n_in + n_out) averages the forward condition n_in·Var(w) = 1 and the backward one "
                            + "n_out·Var(w) = 1; the std is its square root. Add the fans as doubles: as ints they can wrap round.");
            assertClose(Initialization.heStd(fanIn, fanOut), he, TOLERANCE,
                    "the He std for a " + fanIn + " → " + fanOut + " layer",
                    "He's variance is 2/n_in: each output sums n_in inputs (the fan-in), and ReLU halves their mean square. "
                            + "The fan-out plays no part.");
        }

        @Test
        @DisplayName("the curriculum's facts: 784 → 256 gives Xavier std 0.04385290096535146 and He std 0.050507627227610534")
        void curriculumFacts() {
            // Math.sqrt(2.0 / 784) is 0.050507627227610534, one ulp below the correctly rounded √(2/784)
            // = 0.0505076272276105374572…; the tolerance accepts both.
            assertClose(Initialization.xavierStd(784, 256), 0.04385290096535146, TOLERANCE,
                    "the Xavier std of a 784 → 256 layer (an MNIST image into 256 units)",
                    "√(2/(784 + 256)) = √(1/520).");
            assertClose(Initialization.heStd(784, 256), 0.050507627227610534, TOLERANCE,
                    "the He std of a 784 → 256 layer",
                    "√(2/784): the He scale looks at the 784 inputs each unit sums, not at the 256 outputs.");
            assertThat(Initialization.heStd(784, 256))
                    .as("the He std for 784 inputs should not depend on the number of outputs")
                    .isEqualTo(Initialization.heStd(784, 10));
        }

        @ParameterizedTest(name = "n = {0}")
        @CsvSource({"1", "16", "256", "1000"})
        @DisplayName("with these scales a square layer keeps the variance: n·Var(w) is 1 for Xavier and 2 for He")
        void keepTheVariance(int n) {
            double xavier = Initialization.xavierStd(n, n);
            double he = Initialization.heStd(n, n);
            // A few roundings in std² · n: 1e-14.
            assertClose(n * xavier * xavier, 1.0, TOLERANCE, "n·Var(w) for the Xavier std of an " + n + " → " + n + " layer",
                    "For a square layer Xavier's variance is 1/n, so a linear layer passes on exactly the variance it receives.");
            assertClose(n * he * he, 2.0, TOLERANCE, "n·Var(w) for the He std of an " + n + " → " + n + " layer",
                    "He's variance is 2/n: twice Xavier's, to make up for the half of the inputs ReLU sets to zero.");
        }
    }

    @Nested
    @Order(3)
    @DisplayName("Gaussian weights from a seeded generator")
    class GaussianWeights {

        @ParameterizedTest(name = "seed {0}, std {1}")
        @CsvSource({"1, 0.05", "2, 0.05", "3, 3.0", "4, 0.5"})
        @DisplayName("a 200×300 matrix has 200 rows, 300 columns, and entries with mean 0, the given std and a normal shape")
        void statistics(long seed, double std) {
            RealMatrix w = Initialization.gaussianWeights(new Well19937c(seed), 300, 200, std);
            assertThat(w).as("the weight matrix").isNotNull();
            assertThat(w.getRowDimension()).as("rows of a 300 → 200 layer's matrix: one per output").isEqualTo(200);
            assertThat(w.getColumnDimension()).as("columns of a 300 → 200 layer's matrix: one per input").isEqualTo(300);
            int n = 60_000;
            double sum = 0.0;
            double sumOfSquares = 0.0;
            int withinOneStd = 0;
            for (int row = 0; row < 200; row++) {
                for (int column = 0; column < 300; column++) {
                    double x = w.getEntry(row, column);
                    sum += x;
                    sumOfSquares += x * x;
                    if (Math.abs(x) <= std) {
                        withinOneStd++;
                    }
                }
            }
            double mean = sum / n;
            double rms = Math.sqrt(sumOfSquares / n);
            // Standard errors of 60 000 draws: of the mean std/√n = 0.0041·std; of the sample std std/√(2n) = 0.0029·std;
            // of the fraction within one std √(p(1 − p)/n) = 0.0019. The margins are five or more standard errors.
            assertThat(mean).as("the mean %s of 60 000 entries drawn from N(0, %s²) should be within 0.02·std of 0", mean, std)
                    .isCloseTo(0.0, within(0.02 * std));
            assertThat(rms).as("the standard deviation %s of 60 000 entries should be %s within 2%%: the argument is the std, "
                    + "not the variance std² (which is %s)", rms, std, std * std).isCloseTo(std, within(0.02 * std));
            double fraction = (double) withinOneStd / n;
            assertThat(fraction).as("the fraction %s of entries within one std of 0 should be 0.6827 (a normal distribution's) "
                    + "within 0.01: a uniform distribution with the same std gives 0.577", fraction)
                    .isCloseTo(0.6827, within(0.01));
        }

        @Test
        @DisplayName("the same seed gives the same matrix, another seed another one")
        void reproducible() {
            RealMatrix first = Initialization.gaussianWeights(new Well19937c(42), 5, 4, 1.0);
            RealMatrix again = Initialization.gaussianWeights(new Well19937c(42), 5, 4, 1.0);
            RealMatrix other = Initialization.gaussianWeights(new Well19937c(43), 5, 4, 1.0);
            assertThat(first).as("the weight matrix").isNotNull();
            assertThat(again.getData()).as("a 4×5 matrix drawn twice from Well19937c(42): a seeded experiment must repeat exactly")
                    .isDeepEqualTo(first.getData());
            assertThat(other.getData()).as("matrices drawn from seeds 42 and 43 should differ").isNotEqualTo(first.getData());
            double distinct = first.getEntry(0, 0);
            boolean allEqual = true;
            for (double[] row : first.getData()) {
                for (double x : row) {
                    allEqual &= x == distinct;
                }
            }
            assertThat(allEqual).as("every entry of a random weight matrix is an independent draw, so they are not all equal")
                    .isFalse();
        }

        @Test
        @DisplayName("a 1×1 layer is one draw, and consecutive calls continue the generator's sequence")
        void smallestLayer() {
            RandomGenerator random = new Well19937c(7);
            RealMatrix one = Initialization.gaussianWeights(random, 1, 1, 2.0);
            RealMatrix two = Initialization.gaussianWeights(random, 1, 1, 2.0);
            assertThat(one.getRowDimension() * one.getColumnDimension()).as("entries of a 1 → 1 layer's matrix").isEqualTo(1);
            assertThat(two.getEntry(0, 0)).as("two layers drawn one after the other from one generator should differ")
                    .isNotEqualTo(one.getEntry(0, 0));
        }
    }

    @Nested
    @Order(4)
    @DisplayName("A deep stack of 50 layers of width 64: too small vanishes, too large explodes, matched holds")
    class DeepStacks {

        private static final int DEPTH = 50;
        private static final int WIDTH = 64;

        @ParameterizedTest(name = "{0} at {1}× the matched std: 25 layers 10^{2} and 10^{3}, 50 layers 10^{4} and 10^{5}")
        @CsvSource({
            // activation, c, then log10 of the spread ratio after 25 layers (activations forward, gradients back from
            // the output) and after 50 layers. Source: mean-field.csv (mpmath). ReLU: exactly l·log10(c) in
            // expectation, since E[ReLU(z)²] = Var(z)/2 and E[ReLU′(z)²] = 1/2 turn He's 2/n into a factor c² per layer.
            "TANH, 0.5, -7.62825, -7.52575, -15.154, -15.1464",
            "TANH, 1.0, -0.842537, -0.151311, -0.995289, -0.921805",
            "TANH, 2.0, -0.137711, 1.6799, -0.137711, 3.27235",
            "RELU, 0.5, -7.52575, -7.52575, -15.0515, -15.0515",
            "RELU, 1.0, 0.0, 0.0, 0.0, 0.0",
            "RELU, 2.0, 7.52575, 7.52575, 15.0515, 15.0515"})
        @DisplayName("the spreads of the activations and of the gradient follow the theory within three orders of magnitude, for three seeds")
        void followTheTheory(Activation activation, double c, double act25, double grad25, double act50, double grad50) {
            // The matched std, from its closed form: Xavier 1/√n for square tanh layers, He √(2/n) for ReLU layers.
            double std = c * (activation == Activation.TANH ? Math.sqrt(1.0 / WIDTH) : Math.sqrt(2.0 / WIDTH));
            for (long seed = 1; seed <= 3; seed++) {
                Well19937c random = new Well19937c(6_0600L + seed);
                List<RealMatrix> weights = new ArrayList<>();
                for (int layer = 0; layer < DEPTH; layer++) {
                    weights.add(Initialization.gaussianWeights(random, WIDTH, WIDTH, std));
                }
                RealVector x = Independent.gaussian(6_0700L + seed, WIDTH);
                RealVector g = Independent.gaussian(6_0800L + seed, WIDTH);
                List<RealVector> states = DeepNet.forward(weights, activation, x);
                List<RealVector> gradients = DeepNet.backward(weights, activation, x, g);
                assertThat(states).as("forward through %d layers", DEPTH).isNotNull().hasSize(DEPTH + 1);
                assertThat(gradients).as("backward through %d layers", DEPTH).isNotNull().hasSize(DEPTH + 1);
                double[][] expected = {{25, act25, grad25}, {50, act50, grad50}};
                for (double[] row : expected) {
                    int l = (int) row[0];
                    double actual = Math.log10(DeepNet.spread(states.get(l)) / DeepNet.spread(x));
                    double back = Math.log10(DeepNet.spread(gradients.get(DEPTH - l)) / DeepNet.spread(g));
                    // Margin: three orders of magnitude. A layer of width n multiplies the mean square by its expected
                    // factor times a random factor of relative spread about √(2/n) (tanh) to √(5/n) (ReLU), so after l
                    // layers log10 of the spread wanders by about ½·√(5l/n)/ln 10 ≈ 0.43 (l = 50, n = 64), and drifts
                    // below the theory by about as much (the mean of a logarithm lies below the logarithm of the mean).
                    // Measured in PyTorch over 150 seeds: standard deviations 0.05 to 0.51, biases down to −0.5, the
                    // worst seed 2.4 below the theory (tanh's gradient at 2×). Three orders of magnitude is five standard
                    // deviations beyond the bias, and still far apart: small scales lose 15, large ReLU ones gain 15.
                    assertThat(actual)
                            .withFailMessage("seed %d, %s at %s× the matched std: the activations' spread after %d layers is "
                                            + "10^%.2f times the input's, but the theory says about 10^%s (within three orders of "
                                            + "magnitude). Each layer multiplies the mean square by n·Var(w)·E[f(z)²]/Var(z): "
                                            + "below 1 it vanishes, above 1 it explodes.",
                                    seed, activation, c, l, actual, row[1])
                            .isFinite()
                            .isCloseTo(row[1], within(3.0));
                    assertThat(back)
                            .withFailMessage("seed %d, %s at %s× the matched std: the gradient's spread %d layers below the "
                                            + "output is 10^%.2f times the output gradient's, but the theory says about 10^%s "
                                            + "(within three orders of magnitude). Backward, each layer multiplies by "
                                            + "Wᵀ·diag(f′(z)): the mean square changes by n·Var(w)·E[f′(z)²].",
                                    seed, activation, c, l, back, row[2])
                            .isFinite()
                            .isCloseTo(row[2], within(3.0));
                }
            }
        }
    }

    @Nested
    @Order(5)
    @DisplayName("Bad input gets a clear error, not a wrong number")
    class BadInput {

        @Test
        @DisplayName("outputVariance rejects a fan-in below 1 and a variance that is NaN, negative or infinite")
        void outputVariance() {
            assertRejected(() -> Initialization.outputVariance(0, 1.0, 1.0), "outputVariance with a fan-in of 0");
            assertRejected(() -> Initialization.outputVariance(-3, 1.0, 1.0), "outputVariance with a fan-in of −3");
            assertRejected(() -> Initialization.outputVariance(4, Double.NaN, 1.0), "outputVariance with Var(w) = NaN");
            assertRejected(() -> Initialization.outputVariance(4, 1.0, Double.NaN), "outputVariance with Var(h) = NaN");
            assertRejected(() -> Initialization.outputVariance(4, -1.0, 1.0), "outputVariance with a negative Var(w)");
            assertRejected(() -> Initialization.outputVariance(4, 1.0, -0.5), "outputVariance with a negative Var(h)");
            assertRejected(() -> Initialization.outputVariance(4, Double.POSITIVE_INFINITY, 1.0), "outputVariance with Var(w) = ∞");
            assertRejected(() -> Initialization.outputVariance(4, 1.0, Double.POSITIVE_INFINITY), "outputVariance with Var(h) = ∞");
        }

        @Test
        @DisplayName("xavierStd and heStd reject a fan-in or fan-out below 1")
        void scales() {
            assertRejected(() -> Initialization.xavierStd(0, 10), "xavierStd with a fan-in of 0");
            assertRejected(() -> Initialization.xavierStd(10, 0), "xavierStd with a fan-out of 0");
            assertRejected(() -> Initialization.xavierStd(-5, 10), "xavierStd with a negative fan-in");
            assertRejected(() -> Initialization.heStd(0, 10), "heStd with a fan-in of 0 (√(2/0) is infinite)");
            assertRejected(() -> Initialization.heStd(10, 0), "heStd with a fan-out of 0");
            assertRejected(() -> Initialization.heStd(-1, 10), "heStd with a negative fan-in");
        }

        @Test
        @DisplayName("gaussianWeights rejects a null generator, a fan below 1, too many entries, and a std that is not a finite number above 0")
        void gaussianWeights() {
            assertRejected(() -> Initialization.gaussianWeights(null, 3, 3, 1.0), "gaussianWeights with a null generator");
            assertRejected(() -> Initialization.gaussianWeights(new Well19937c(1), 0, 3, 1.0), "gaussianWeights with a fan-in of 0");
            assertRejected(() -> Initialization.gaussianWeights(new Well19937c(1), 3, 0, 1.0), "gaussianWeights with a fan-out of 0");
            assertRejected(() -> Initialization.gaussianWeights(new Well19937c(1), 100_000, 100_000, 1.0),
                    "gaussianWeights for a 100 000 × 100 000 matrix (10¹⁰ entries)");
            assertRejected(() -> Initialization.gaussianWeights(new Well19937c(1), 3, 3, 0.0), "gaussianWeights with std 0");
            assertRejected(() -> Initialization.gaussianWeights(new Well19937c(1), 3, 3, -0.1), "gaussianWeights with a negative std");
            assertRejected(() -> Initialization.gaussianWeights(new Well19937c(1), 3, 3, Double.NaN), "gaussianWeights with std NaN");
            assertRejected(() -> Initialization.gaussianWeights(new Well19937c(1), 3, 3, Double.POSITIVE_INFINITY),
                    "gaussianWeights with an infinite std");
        }
    }
}
