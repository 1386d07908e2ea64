package gradientkata.exploding;

import static gradientkata.exploding.Fixtures.matrix;
import static gradientkata.exploding.Fixtures.vector;
import static gradientkata.support.Expect.assertClose;
import static gradientkata.support.Expect.assertExactly;
import static gradientkata.support.Expect.assertRejected;
import static gradientkata.support.NearestDouble.assertNearest;
import static org.assertj.core.api.Assertions.assertThat;

import gradientkata.support.Oracle;
import org.apache.commons.math3.linear.ArrayRealVector;
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

// Groups run in the order of the lesson; bad input comes last.
@DisplayName("Lesson 04 · exploding factors: repeated multiplication by a matrix")
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class MatrixPowersTest {

    /** Relative tolerance for values that go through a few hundred roundings. */
    private static final double TOLERANCE = 1e-12;

    /** A non-normal matrix: both eigenvalues are 0.9, yet its powers grow nearly twentyfold first. */
    private static final String NON_NORMAL = "0.9 5; 0 0.9";

    /** 1.1 times a rotation by 0.5 rad: 1.1·cos 0.5 = 0.9653408180794101, 1.1·sin 0.5 = 0.5273680924646234. */
    private static final String TURNING = "0.9653408180794101 -0.5273680924646234; 0.5273680924646234 0.9653408180794101";

    @Nested
    @Order(0)
    @DisplayName("At every scale: Commons Math's decompositions use absolute tolerances, so scale by a power of two first")
    class AtEveryScale {

        @ParameterizedTest(quoteTextArguments = false, name = "ρ({0}) = {1}")
        @CsvSource(delimiter = '|', value = {
            // eigenvalues (1 ± i·√6)·1e10: modulus √7·1e10 = 2.6457513110645905905e10 (Commons Math alone: 26% low)
            "1e10 2e10; -3e10 1e10   | 2.6457513110645906e10",
            // (5 + √33)/2·1e-20 = 5.3722813232690143299e-20 (Commons Math alone throws)
            "1e-20 2e-20; 3e-20 4e-20 | 5.372281323269014e-20",
            "0 0; 0 0                | 0.0"})
        @DisplayName("the spectral radius is right for entries near 1e10 and 1e-20, and 0 for the zero matrix")
        void spectralRadiusAtAnyScale(String rows, double expected) {
            assertNearest(MatrixPowers.spectralRadius(matrix(rows)), expected, 1e-9, 0, "ρ(" + rows + ")",
                    "EigenDecomposition compares with absolute tolerances near 1e-12, so it is wrong for large entries and "
                            + "throws for tiny ones. ρ(2ᵏ·W) = 2ᵏ·ρ(W): scale W with Math.scalb so its largest entry is near "
                            + "1 (exact), decompose, and scale the radius back. An all-zero matrix has radius 0.");
        }

        @Test
        @DisplayName("the spectral radius agrees with 50-digit eigenvalues for seeded random matrices of every scale")
        void spectralRadiusAgreesWithTheOracle() {
            Oracle.eachRow("/oracle/04-exploding-factors/spectral-radii.csv", row -> {
                String rows = row.text(0);
                double expected = row.real(1);
                assertNearest(MatrixPowers.spectralRadius(matrix(rows)), expected, 1e-9, 2, "ρ(" + rows + ")",
                        "The value comes from mpmath (src/test/oracle/04-exploding-factors.py). Scale W by a power of two before "
                                + "EigenDecomposition, take max √(re² + im²), and scale back.");
            });
        }

        @Test
        @DisplayName("the largest singular value agrees with 50-digit values for seeded random matrices of every shape and scale")
        void singularValueAgreesWithTheOracle() {
            Oracle.eachRow("/oracle/04-exploding-factors/singular-values.csv", row -> {
                String rows = row.text(0);
                double expected = row.real(1);
                assertNearest(MatrixPowers.largestSingularValue(matrix(rows)), expected, 1e-12, 2, "σ₁(" + rows + ")",
                        "The value comes from mpmath (src/test/oracle/04-exploding-factors.py). SingularValueDecomposition also "
                                + "uses absolute tolerances: scale W by a power of two first, and scale σ₁ back.");
            });
        }

        @ParameterizedTest(quoteTextArguments = false, name = "{0} to the power {1}")
        @CsvSource(delimiter = '|', value = {
            // exact in binary: [[1, 1], [0, 1]]ⁿ = [[1, n], [0, 1]]; a quarter turn to the power 4k + 3 is −W; a swap to an odd power is itself
            "1 1; 0 1  | 2147483647 | 1 2147483647; 0 1",
            "0 -1; 1 0 | 2147483647 | 0 1; -1 0",
            "0 1; 1 0  | 2147483647 | 0 1; 1 0",
            "0.5 0; 0 0.5 | 1000000000 | 0 0; 0 0",
            "1 1; 0 1  | 0          | 1 0; 0 1"})
        @DisplayName("Wⁿ for n up to 2³¹ − 1 comes back in time: square, do not multiply n times")
        void hugePowers(String rows, int n, String expected) {
            RealMatrix actual = MatrixPowers.power(matrix(rows), n);
            RealMatrix wanted = matrix(expected);
            for (int i = 0; i < wanted.getRowDimension(); i++) {
                for (int j = 0; j < wanted.getColumnDimension(); j++) {
                    assertExactly(actual.getEntry(i, j), wanted.getEntry(i, j), "entry (" + i + ", " + j + ") of (" + rows + ")^" + n,
                            "These powers are exact in double. Multiplying by W n times takes minutes for n near 2³¹; "
                                    + "repeated squaring (W⁸ = ((W²)²)²) takes about 62 products.");
                }
            }
        }
    }

    @Nested
    @Order(1)
    @DisplayName("The spectral radius: the largest |λ| over possibly complex eigenvalues")
    class SpectralRadius {

        @ParameterizedTest(quoteTextArguments = false, name = "{0}: ρ = {2}")
        @CsvSource(delimiter = '|', value = {
            // symmetric, eigenvalues 3 and 1
            "symmetric           | 2 1; 1 2                | 3.0",
            // triangular: the eigenvalues are the diagonal, 0.9 twice
            "non-normal          | " + NON_NORMAL + "      | 0.9",
            // eigenvalues ±1.2i: modulus 1.2, real part 0
            "quarter turn × 1.2  | 0 -1.2; 1.2 0           | 1.2",
            // eigenvalues 1.1·e^(±0.5i): modulus 1.1, real part 1.1·cos 0.5 = 0.965 < 1
            "turning × 1.1       | " + TURNING + "         | 1.1",
            // companion matrix of x³ + 1.331: roots −1.1 and 1.1·e^(±iπ/3) = 0.55 ± 0.9526i
            "companion           | 0 0 -1.331; 1 0 0; 0 1 0 | 1.1",
            // the largest eigenvalue is 2, the largest in size is −3
            "diagonal            | -3 0; 0 2               | 3.0"})
        @DisplayName("ρ(W) = max |λᵢ|, the size of the eigenvalues, not their real part")
        void spectralRadius(String name, String rows, double expected) {
            assertClose(MatrixPowers.spectralRadius(matrix(rows)), expected, TOLERANCE,
                    "the spectral radius of the " + name + " matrix [" + rows + "]",
                    "An eigenvalue λ = a + bi scales its direction by |λ| = √(a² + b²) per step; a negative or "
                            + "complex λ grows just as well as a positive one.");
        }

        @Test
        @DisplayName("a turning matrix whose eigenvalues all have real part 0.965 still grows like 1.1ⁿ")
        void complexEigenvaluesGrowByTheirModulus() {
            RealMatrix w = matrix(TURNING);
            double rho = MatrixPowers.spectralRadius(w);
            assertClose(rho, 1.1, TOLERANCE, "the spectral radius of 1.1 × (a rotation by 0.5 rad)",
                    "Both eigenvalues are 0.965 ± 0.527i: their real part is below one, their size is 1.1.");
            // ‖Wⁿv‖ = 1.1ⁿ·‖v‖ exactly in real arithmetic (W is 1.1 times an orthogonal matrix); 1.1^40 = 45.2592555681759518...
            double[] norms = MatrixPowers.powerNorms(w, vector("3 4"), 40);
            assertClose(norms[40], 5 * 45.25925556817595, TOLERANCE, "‖W⁴⁰v‖ for ‖v‖ = 5",
                    "The size of the eigenvalues, 1.1, decides: forty steps multiply the gradient by 1.1⁴⁰ ≈ 45.");
        }
    }

    @Nested
    @Order(2)
    @DisplayName("The largest singular value bounds a single step")
    class SingularValue {

        @ParameterizedTest(quoteTextArguments = false, name = "{0}: σ₁ = {2}")
        @CsvSource(delimiter = '|', value = {
            // for 2×2 [[a, b], [c, d]]: σ₁ = (√((a + d)² + (c − b)²) + √((a − d)² + (b + c)²)) / 2;
            // here (√(1.8² + 25) + 5)/2 = 5.15706605111728451363707637519713928... (60-digit decimal)
            "non-normal         | " + NON_NORMAL + " | 5.1570660511172845",
            "symmetric          | 2 1; 1 2          | 3.0",
            "quarter turn × 1.2 | 0 -1.2; 1.2 0      | 1.2",
            // a layer from 3 units to 2 units: it stretches the second axis by 4
            "rectangular 2×3    | 3 0 0; 0 -4 0      | 4.0",
            // WᵀW = [[1, 1], [1, 1]] has eigenvalues 2 and 0
            "rank one           | 1 1; 0 0           | 1.4142135623730951"})
        @DisplayName("σ₁(W) is the most W can stretch any vector in one step")
        void largestSingularValue(String name, String rows, double expected) {
            assertClose(MatrixPowers.largestSingularValue(matrix(rows)), expected, TOLERANCE,
                    "the largest singular value of the " + name + " matrix [" + rows + "]",
                    "σ₁ is the spectral norm: ‖Wv‖ ≤ σ₁·‖v‖ for every v, with equality for the right direction.");
        }

        @Test
        @DisplayName("no vector is stretched more than σ₁ in one step, and ρ never exceeds σ₁")
        void oneStepBound() {
            RealMatrix w = matrix(NON_NORMAL);
            double sigma = MatrixPowers.largestSingularValue(w);
            double rho = MatrixPowers.spectralRadius(w);
            assertClose(sigma, 5.1570660511172845, TOLERANCE, "σ₁ of the non-normal matrix",
                    "The bound below is only as good as σ₁ itself.");
            assertThat(rho).as("ρ = %s must not exceed σ₁ = %s: an eigenvector is stretched by |λ|, at most σ₁", rho, sigma)
                    .isLessThanOrEqualTo(sigma);
            RandomGenerator random = new Well19937c(404);
            double largestStretch = 0;
            for (int trial = 0; trial < 2000; trial++) {
                RealVector v = new ArrayRealVector(new double[] {random.nextGaussian(), random.nextGaussian()});
                double stretch = w.operate(v).getNorm() / v.getNorm();
                largestStretch = Math.max(largestStretch, stretch);
                assertThat(stretch)
                        .as("‖Wv‖/‖v‖ for v = %s is %s, above σ₁ = %s: σ₁ must bound every single step", v, stretch, sigma)
                        .isLessThanOrEqualTo(sigma * (1 + TOLERANCE));
            }
            assertThat(largestStretch)
                    .as("the largest stretch over 2000 random directions, %s, should come close to σ₁ = %s: "
                            + "the bound is attained, not just an upper limit", largestStretch, sigma)
                    .isGreaterThan(0.99 * sigma);
        }
    }

    @Nested
    @Order(3)
    @DisplayName("Powers of W: a recurrent net unrolled in time")
    class Powers {

        @ParameterizedTest(quoteTextArguments = false, name = "n = {0}")
        @CsvSource({"0", "1", "2", "9", "30", "100"})
        @DisplayName("the non-normal matrix raised to n is [[0.9ⁿ, 5n·0.9ⁿ⁻¹], [0, 0.9ⁿ]]")
        void nonNormalPowerClosedForm(int n) {
            // Closed form (induction: W = 0.9·I + N with N = [[0, 5], [0, 0]] and N² = 0, so
            // Wⁿ = 0.9ⁿ·I + n·0.9ⁿ⁻¹·N by the binomial theorem).
            double diagonal = Math.pow(0.9, n);
            double corner = 5.0 * n * Math.pow(0.9, n - 1);
            RealMatrix power = MatrixPowers.power(matrix(NON_NORMAL), n);
            assertThat(power).as("W^%d of the non-normal matrix", n).isNotNull();
            String why = "The off-diagonal entry 5n·0.9ⁿ⁻¹ first grows with n before 0.9ⁿ wins: the powers of this "
                    + "matrix are large long before they are small.";
            assertClose(power.getEntry(0, 0), diagonal, TOLERANCE, "entry (0, 0) of W^" + n, why);
            assertClose(power.getEntry(1, 1), diagonal, TOLERANCE, "entry (1, 1) of W^" + n, why);
            assertExactly(power.getEntry(1, 0), 0.0, "entry (1, 0) of W^" + n, why);
            if (n == 0) {
                assertExactly(power.getEntry(0, 1), 0.0, "entry (0, 1) of W⁰", "W⁰ is the identity matrix.");
            } else {
                assertClose(power.getEntry(0, 1), corner, TOLERANCE, "entry (0, 1) of W^" + n, why);
            }
        }

        @Test
        @DisplayName("raising W to a power leaves W itself unchanged")
        void leavesTheMatrixAlone() {
            RealMatrix w = matrix(NON_NORMAL);
            RealMatrix cube = MatrixPowers.power(w, 3);
            // 0.9³ = 0.729 and 5·3·0.9² = 12.15
            assertClose(cube.getEntry(0, 1), 12.15, TOLERANCE, "entry (0, 1) of W³", "5·3·0.9² = 12.15.");
            assertThat(w).as("W after computing W³: the weight matrix must not be overwritten").isEqualTo(matrix(NON_NORMAL));
        }
    }

    @Nested
    @Order(4)
    @DisplayName("‖Wⁿv‖ step by step: contracting, expanding and non-normal")
    class PowerNorms {

        @Test
        @DisplayName("the non-normal matrix (ρ = 0.9) grows a vector almost twentyfold before it decays")
        void nonNormalGrowsBeforeItDecays() {
            double[] norms = MatrixPowers.powerNorms(matrix(NON_NORMAL), vector("0 1"), 100);
            assertThat(norms).as("‖Wⁿe₂‖ for n = 0 … 100").isNotNull().hasSize(101);
            // Closed form: Wⁿe₂ = [5n·0.9ⁿ⁻¹, 0.9ⁿ], so ‖Wⁿe₂‖ = 0.9ⁿ⁻¹·√(25n² + 0.81) for n ≥ 1, and 1 for n = 0.
            assertExactly(norms[0], 1.0, "‖W⁰e₂‖", "Entry 0 is the vector before any step: ‖e₂‖ = 1.");
            for (int n = 1; n <= 100; n++) {
                assertClose(norms[n], Math.pow(0.9, n - 1) * Math.sqrt(25.0 * n * n + 0.81), TOLERANCE,
                        "‖Wⁿe₂‖ at n = " + n,
                        "Wⁿe₂ = [5n·0.9ⁿ⁻¹, 0.9ⁿ]: the first component grows like n before the factor 0.9ⁿ catches up.");
            }
            // 50-digit decimal arithmetic: the peak is at n = 9, 0.9⁸·√(2025.81) = 19.3748982675469757...;
            // the norm stays above 1 until n = 54 (1.0144) and drops below it at n = 55 (0.9299).
            int peak = 0;
            for (int n = 1; n <= 100; n++) {
                if (norms[n] > norms[peak]) {
                    peak = n;
                }
            }
            assertThat(peak).as("the step at which ‖Wⁿe₂‖ peaks, although every eigenvalue is 0.9").isEqualTo(9);
            assertClose(norms[9], 19.374898267546976, TOLERANCE, "the peak ‖W⁹e₂‖",
                    "A spectral radius below one only promises decay in the long run; along the way a non-normal "
                            + "matrix can amplify the gradient nearly twentyfold.");
            assertThat(norms[54]).as("‖W⁵⁴e₂‖ is still above 1").isGreaterThan(1.0);
            assertThat(norms[55]).as("‖W⁵⁵e₂‖ is finally below 1").isLessThan(1.0);
        }

        @ParameterizedTest(quoteTextArguments = false, name = "{0} matrix [{1}] from e₁")
        @CsvSource(delimiter = '|', value = {
            // eigenvalues 1.2 and 0.8 with eigenvectors (1, ±1)/√2: ‖Wⁿe₁‖ = √((1.2²ⁿ + 0.8²ⁿ)/2)
            "expanding   | 1 0.2; 0.2 1     | 1.2 | 0.8",
            // eigenvalues 0.7 and 0.3, same eigenvectors: ‖Wⁿe₁‖ = √((0.7²ⁿ + 0.3²ⁿ)/2)
            "contracting | 0.5 0.2; 0.2 0.5 | 0.7 | 0.3"})
        @DisplayName("a symmetric matrix scales each eigen-direction by its eigenvalue at every step")
        void symmetricMatrices(String name, String rows, double large, double small) {
            double[] norms = MatrixPowers.powerNorms(matrix(rows), vector("1 0"), 60);
            assertThat(norms).as("‖Wⁿe₁‖ for n = 0 … 60").isNotNull().hasSize(61);
            for (int n = 0; n <= 60; n++) {
                double expected = Math.sqrt((Math.pow(large, 2 * n) + Math.pow(small, 2 * n)) / 2);
                assertClose(norms[n], expected, TOLERANCE,
                        "‖Wⁿe₁‖ for the " + name + " matrix at n = " + n,
                        "e₁ is half one eigenvector, half the other; after n steps each half is scaled by λⁿ, so the "
                                + "largest |λ| takes over: " + large + "ⁿ.");
            }
        }
    }

    @Nested
    @Order(5)
    @DisplayName("Bad input gets a clear error, not a wrong number")
    class BadInput {

        @Test
        @DisplayName("a non-square matrix has no powers and no eigenvalues")
        void rejectsNonSquare() {
            RealMatrix wide = matrix("1 2 3; 4 5 6");
            assertRejected(() -> MatrixPowers.spectralRadius(wide), "the spectral radius of a 2×3 matrix");
            assertRejected(() -> MatrixPowers.power(wide, 2), "the square of a 2×3 matrix");
            assertRejected(() -> MatrixPowers.powerNorms(wide, vector("1 1 1"), 3), "powers of a 2×3 matrix");
        }

        @Test
        @DisplayName("a NaN or infinite entry, or a missing matrix, is rejected")
        void rejectsNonFiniteMatrices() {
            RealMatrix withNaN = matrix("1 NaN; 0 1");
            RealMatrix withInfinity = matrix("1 0; Infinity 1");
            assertRejected(() -> MatrixPowers.spectralRadius(withNaN), "the spectral radius of a matrix with NaN");
            assertRejected(() -> MatrixPowers.largestSingularValue(withNaN), "σ₁ of a matrix with NaN");
            assertRejected(() -> MatrixPowers.largestSingularValue(withInfinity), "σ₁ of a matrix with Infinity");
            assertRejected(() -> MatrixPowers.power(withInfinity, 2), "the square of a matrix with Infinity");
            assertRejected(() -> MatrixPowers.spectralRadius(null), "the spectral radius of no matrix");
            assertRejected(() -> MatrixPowers.largestSingularValue(null), "σ₁ of no matrix");
            assertRejected(() -> MatrixPowers.power(null, 2), "the square of no matrix");
            assertRejected(() -> MatrixPowers.powerNorms(null, vector("1 1"), 2), "powers of no matrix");
            assertRejected(() -> MatrixPowers.spectralRadius(withInfinity), "the spectral radius of a matrix with Infinity");
            assertRejected(() -> MatrixPowers.powerNorms(withNaN, vector("1 1"), 2), "powers of a matrix with NaN");
        }

        @Test
        @DisplayName("a negative number of steps is rejected")
        void rejectsNegativeSteps() {
            assertRejected(() -> MatrixPowers.power(matrix("1 0; 0 1"), -1), "W to the power −1");
            assertRejected(() -> MatrixPowers.powerNorms(matrix("1 0; 0 1"), vector("1 1"), -1), "−1 steps");
            assertRejected(() -> MatrixPowers.power(matrix("1 0; 0 1"), Integer.MIN_VALUE), "W to the power −2147483648");
            // steps + 1 norms do not fit in an array: steps + 1 overflows to a negative size
            assertRejected(() -> MatrixPowers.powerNorms(matrix("1 0; 0 1"), vector("1 1"), Integer.MAX_VALUE),
                    "2147483647 steps (2147483648 norms do not fit in a Java array)");
        }

        @Test
        @DisplayName("a vector that is empty, of the wrong dimension, or not finite is rejected")
        void rejectsBadVectors() {
            RealMatrix w = matrix("0.5 0; 0 0.5");
            assertRejected(() -> MatrixPowers.powerNorms(w, new ArrayRealVector(0), 3), "an empty vector");
            assertRejected(() -> MatrixPowers.powerNorms(w, vector("1 2 3"), 3), "a 3-vector under a 2×2 matrix");
            assertRejected(() -> MatrixPowers.powerNorms(w, vector("1"), 3), "a 1-vector under a 2×2 matrix");
            assertRejected(() -> MatrixPowers.powerNorms(w, null, 3), "a missing (null) vector");
            assertRejected(() -> MatrixPowers.powerNorms(w, vector("1 NaN"), 3), "a vector with a NaN entry");
            assertRejected(() -> MatrixPowers.powerNorms(w, vector("1 -Infinity"), 3), "a vector with an infinite entry");
        }
    }
}
