package gradientkata.convexity;

import static gradientkata.convexity.Fixtures.assertMatrixClose;
import static gradientkata.convexity.Fixtures.matrix;
import static gradientkata.convexity.Fixtures.second;
import static gradientkata.convexity.Fixtures.variables;
import static gradientkata.convexity.Fixtures.vector;
import static gradientkata.support.Expect.assertClose;
import static gradientkata.support.Expect.assertExactly;
import static gradientkata.support.Expect.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.analysis.MultivariateVectorFunction;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
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

@DisplayName("Lesson 07 · Convexity: chords, eigenvalues and Hessians by differences")
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class MeasuringConvexityTest {

    private static final MultivariateFunction SQUARE = p -> p[0] * p[0];
    private static final MultivariateFunction HILL = p -> -p[0] * p[0];
    private static final MultivariateFunction ABS = p -> Math.abs(p[0]);
    private static final MultivariateFunction SADDLE = p -> p[0] * p[1];

    @Nested
    @Order(1)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    @DisplayName("chordGap: the most a function rises above a chord, between its ends")
    class ChordGap {

        @Order(1)
        @ParameterizedTest(name = "{0} from {1} to {2}, {3} points: {4}")
        @CsvSource({
            // x² from −1 to 1: at t = 1/4, 1/2, 3/4 the points are −0.5, 0, 0.5, f = 0.25, 0, 0.25, the chord is 1.
            "x², -1, 1, 5, -0.75",
            // −x²: the mirror image, f = −0.25, 0, −0.25 against a chord at −1.
            "−x², -1, 1, 5, 1.0",
            // |x| from −1 to 2 at t = 1/3, 2/3: points 0 and 1, f = 0 and 1, chord 4/3 and 5/3; the ends weigh differently.
            "|x|, -1, 2, 4, -0.6666666666666666",
            // x² from 0 to 2 at t = 1/2: f(1) = 1 against the chord (0 + 4)/2 = 2.
            "x², 0, 2, 3, -1.0"})
        @DisplayName("one variable, by hand")
        void byHand(String name, double a, double b, int points, double expected) {
            MultivariateFunction f = switch (name) {
                case "x²" -> SQUARE;
                case "−x²" -> HILL;
                default -> ABS;
            };
            assertClose(Convexity.chordGap(f, new double[] {a}, new double[] {b}, points), expected, 1e-15,
                    "the chord gap of " + name + " from " + a + " to " + b + " with " + points + " points",
                    "At tₖ = k/(points − 1), between the ends only, take f((1 − t)a + tb) − ((1 − t)f(a) + t·f(b)) "
                            + "and return the largest: at the ends the gap is always 0 and proves nothing.");
        }

        @Order(2)
        @Test
        @DisplayName("the saddle f(x, y) = x·y is convex along one segment and not along another: one chord can refute convexity, none can prove it")
        void saddle() {
            // From (−1, −1) to (1, 1): f = s² with s = 2t − 1, a bowl; from (−1, 1) to (1, −1): f = −s², a bump.
            // With 5 points the interior values are s = −1/2, 0, 1/2; the chord is 1 along the first, −1 along the second.
            assertClose(Convexity.chordGap(SADDLE, new double[] {-1, -1}, new double[] {1, 1}, 5), -0.75, 1e-15,
                    "the chord gap of x·y from (−1, −1) to (1, 1)", "Along this diagonal x·y = s² lies below its chord.");
            assertClose(Convexity.chordGap(SADDLE, new double[] {-1, 1}, new double[] {1, -1}, 5), 1.0, 1e-15,
                    "the chord gap of x·y from (−1, 1) to (1, −1)",
                    "Along the other diagonal x·y = −s² rises 1 above its chord at the middle: x·y is not convex.");
        }

        @Order(3)
        @Test
        @DisplayName("an affine function lies on its chord: the gap is 0 up to rounding")
        void affine() {
            double gap = Convexity.chordGap(p -> 3 * p[0] - 2 * p[1] + 0.5, new double[] {0.3, -1}, new double[] {2, 4}, 11);
            assertThat(gap).withFailMessage("The chord gap of an affine function should be 0 to rounding (within 1e−14), but it is %s.", gap)
                    .isFinite().isBetween(-1e-14, 1e-14);
            assertClose(Convexity.chordGap(p -> Math.exp(p[0]), new double[] {0}, new double[] {1}, 3),
                    Math.exp(0.5) - (1 + Math.E) / 2, 1e-14, "the chord gap of eˣ from 0 to 1 with 3 points",
                    "One interior point, t = 1/2: e^{1/2} − (e⁰ + e¹)/2.");
        }
    }

    @Nested
    @Order(2)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    @DisplayName("smallestEigenvalue: EigenDecomposition after scaling")
    class SmallestEigenvalue {

        @Order(1)
        @ParameterizedTest(name = "2^{0} × [[1, 2, 0], [2, 1, 0], [0, 0, 5]]")
        @CsvSource({"0", "-700", "700", "-1000", "1000", "-1060"})
        @DisplayName("[[1, 2, 0], [2, 1, 0], [0, 0, 5]] has eigenvalues −1, 3, 5, at every scale")
        void everyScale(int power) {
            // Multiplying by a power of two is exact, so the eigenvalues are exactly −2^p, 3·2^p, 5·2^p. Unscaled,
            // Commons Math returns the diagonal for entries near 2^−700 ≈ 1e−211 and fails to converge near 2^700.
            double s = Math.scalb(1.0, power);
            RealMatrix m = matrix("1 2 0; 2 1 0; 0 0 5").scalarMultiply(s);
            assertClose(Convexity.smallestEigenvalue(m), -s, 1e-14, "the smallest eigenvalue of 2^" + power + " × the matrix",
                    "EigenDecomposition's tolerances are absolute: divide the matrix by its largest entry first, then multiply the "
                            + "eigenvalue back.");
        }

        @Order(2)
        @ParameterizedTest(name = "{0}: {1}")
        @CsvSource({
            "2 1; 1 2, 1.0",
            "-3, -3.0",
            "0 1 0; 1 0 1; 0 1 0, -1.4142135623730951",
            "4 0; 0 0.5, 0.5"})
        @DisplayName("matrices by hand")
        void byHand(String rows, double expected) {
            // [[0, 1, 0], [1, 0, 1], [0, 1, 0]] has eigenvalues −√2, 0, √2.
            assertClose(Convexity.smallestEigenvalue(matrix(rows)), expected, 1e-14, "the smallest eigenvalue of " + rows,
                    "A symmetric matrix's eigenvalues are real; return the smallest.");
        }

        @Order(3)
        @Test
        @DisplayName("the zero matrix gives 0, and a matrix symmetric to rounding is accepted")
        void zeroAndNearlySymmetric() {
            assertExactly(Convexity.smallestEigenvalue(MatrixUtils.createRealMatrix(3, 3)), 0.0,
                    "the smallest eigenvalue of the 3 × 3 zero matrix", "There is no largest entry to scale by: the answer is 0.");
            // Off-diagonal entries 2²⁰ and 2²⁰ + 2⁻³² that differ in the last bit, as XᵀSX computed in two orders might:
            // 2.3e−10 apart, well within 1e−12 of the largest entry (1e−6). Their mean is used: eigenvalues 1 ± (2²⁰ + 2⁻³³).
            assertClose(Convexity.smallestEigenvalue(matrix("1 1048576.0000000002; 1048576 1")), -1048575.0000000001, 1e-14,
                    "the smallest eigenvalue of [[1, 2²⁰ + 2⁻³²], [2²⁰, 1]]",
                    "Entries (j, k) and (k, j) within 1e−12 of the largest entry count as equal; the tolerance is relative, "
                            + "so a matrix with large entries gets a proportionally larger one.");
        }
    }

    @Nested
    @Order(3)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    @DisplayName("hessianByDifferences: column k is (∇f(θ + h·eₖ) − ∇f(θ − h·eₖ)) / 2h")
    class HessianByDifferences {

        @Order(1)
        @Test
        @DisplayName("a quadratic ½θᵀAθ, whose gradient is Aθ: the Hessian is A")
        void quadratic() {
            RealMatrix a = matrix("2 -1 0; -1 3 0.5; 0 0.5 -4");
            MultivariateVectorFunction gradient = p -> a.operate(p);
            // Central differences of a linear gradient are exact up to rounding, of order ε·|Aθ|/h ≈ 1e−12 here.
            assertMatrixClose(Convexity.hessianByDifferences(gradient, new double[] {0.5, -1, 2}, 1e-4), a, 1e-10,
                    "the Hessian of ½θᵀAθ by differences", "The gradient Aθ changes by A·eₖ per unit step along θₖ: column k is A's column k.");
        }

        @Order(2)
        @ParameterizedTest(name = "h = {0}")
        @CsvSource({"1e-3, 1e-6", "1e-4, 1e-8"})
        @DisplayName("f(x, y, z) = eˣ·sin y + y·z²: against forward-mode second derivatives, with an error of order h²")
        void againstForwardMode(double step, double tolerance) {
            double[] point = {0.3, 1.1, -0.7};
            MultivariateVectorFunction gradient = p -> new double[] {
                Math.exp(p[0]) * Math.sin(p[1]),
                Math.exp(p[0]) * Math.cos(p[1]) + p[2] * p[2],
                2 * p[1] * p[2]};
            DerivativeStructure[] v = variables(vector(point), 2);
            DerivativeStructure f = v[0].exp().multiply(v[1].sin()).add(v[1].multiply(v[2].pow(2)));
            RealMatrix expected = MatrixUtils.createRealMatrix(3, 3);
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    expected.setEntry(j, k, second(f, j, k));
                }
            }
            // The error of a central difference is h²/6 times a third derivative (about 1 here), plus rounding ε/h.
            assertMatrixClose(Convexity.hessianByDifferences(gradient, point, step), expected, tolerance,
                    "the Hessian of eˣ·sin y + y·z² with h = " + step,
                    "Step each coordinate up and down by h, subtract the two gradients and divide by 2h; the result is symmetric.");
        }

        @Order(3)
        @Test
        @DisplayName("the result is exactly symmetric, even when the differences are not")
        void symmetric() {
            MultivariateVectorFunction gradient = p -> new double[] {Math.sin(p[0] * p[1]) + p[1], Math.cos(p[0]) * p[1] * p[1] + p[0]};
            RealMatrix h = Convexity.hessianByDifferences(gradient, new double[] {0.7, -1.3}, 1e-3);
            assertThat(h).as("the Hessian by differences").isNotNull();
            assertThat(h.getEntry(0, 1))
                    .withFailMessage("Entries (0, 1) = %s and (1, 0) = %s should be equal: average the matrix with its transpose.",
                            h.getEntry(0, 1), h.getEntry(1, 0))
                    .isEqualTo(h.getEntry(1, 0));
            // ∂g₀/∂y = x·cos(xy) + 1 and ∂g₁/∂x = −sin(x)·y² + 1 (this "gradient" is not one): the mean of the two.
            double expected = (0.7 * Math.cos(0.7 * -1.3) + 1 + (-Math.sin(0.7) * 1.69 + 1)) / 2;
            assertClose(h.getEntry(0, 1), expected, 1e-5, "entry (0, 1)", "The mean of the two mixed differences.");
        }
    }

    @Nested
    @Order(4)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    @DisplayName("Bad input gets a clear error, not a wrong number")
    class BadInput {

        @Order(1)
        @Test
        @DisplayName("chordGap rejects a missing function, bad ends, fewer than 3 points and a function that is not finite")
        void chordGap() {
            double[] a = {0, 1};
            double[] b = {1, 0};
            assertRejected(() -> Convexity.chordGap(null, a, b, 5), "a chord gap with no function");
            assertRejected(() -> Convexity.chordGap(SADDLE, new double[0], new double[0], 5), "a chord gap between empty points");
            assertRejected(() -> Convexity.chordGap(SADDLE, null, b, 5), "a chord gap with no end a");
            assertRejected(() -> Convexity.chordGap(SADDLE, a, new double[] {1, 0, 2}, 5), "ends of 2 and 3 entries");
            assertRejected(() -> Convexity.chordGap(SADDLE, a, new double[] {Double.NaN, 0}, 5), "an end with NaN");
            assertRejected(() -> Convexity.chordGap(SADDLE, a, new double[] {Double.POSITIVE_INFINITY, 0}, 5), "an infinite end");
            assertRejected(() -> Convexity.chordGap(p -> 0.0, new double[] {Double.NEGATIVE_INFINITY, 0}, b, 5),
                    "an infinite end a, even for a function that is finite everywhere");
            assertRejected(() -> Convexity.chordGap(p -> 0.0, a, new double[] {0, Double.POSITIVE_INFINITY}, 5),
                    "an infinite end b, even for a function that is finite everywhere");
            assertRejected(() -> Convexity.chordGap(SADDLE, a, null, 5), "a chord gap with no end b");
            assertRejected(() -> Convexity.chordGap(SADDLE, a, b, 2), "a chord gap with only the two ends");
            assertRejected(() -> Convexity.chordGap(p -> p[0] == 0.5 ? Double.NaN : 0, a, b, 3), "a function that is NaN at the middle");
            assertRejected(() -> Convexity.chordGap(p -> 1 / p[0], a, b, 3), "a function that is infinite at an end");
        }

        @Order(2)
        @Test
        @DisplayName("smallestEigenvalue rejects a missing, empty, non-square, non-symmetric or non-finite matrix")
        void smallestEigenvalue() {
            assertRejected(() -> Convexity.smallestEigenvalue(null), "the eigenvalues of no matrix");
            assertRejected(() -> Convexity.smallestEigenvalue(new Array2DRowRealMatrix()), "the eigenvalues of a 0 × 0 matrix");
            assertRejected(() -> Convexity.smallestEigenvalue(matrix("1 2 3; 4 5 6")), "the eigenvalues of a 2 × 3 matrix");
            assertRejected(() -> Convexity.smallestEigenvalue(matrix("1 2; 0 1")), "the eigenvalues of a matrix that is not symmetric");
            assertRejected(() -> Convexity.smallestEigenvalue(matrix("1 NaN; NaN 1")), "the eigenvalues of a matrix with NaN");
            assertRejected(() -> Convexity.smallestEigenvalue(matrix("Infinity 0; 0 1")), "the eigenvalues of a matrix with Infinity");
        }

        @Order(3)
        @Test
        @DisplayName("hessianByDifferences rejects a missing gradient, a bad point or step, and a gradient of the wrong size or not finite")
        void hessianByDifferences() {
            MultivariateVectorFunction identity = p -> p.clone();
            assertRejected(() -> Convexity.hessianByDifferences(null, new double[] {1}, 1e-4), "differences of no gradient");
            assertRejected(() -> Convexity.hessianByDifferences(identity, new double[0], 1e-4), "differences at an empty point");
            assertRejected(() -> Convexity.hessianByDifferences(identity, new double[] {Double.NaN}, 1e-4), "differences at NaN");
            assertRejected(() -> Convexity.hessianByDifferences(p -> new double[] {0}, new double[] {Double.POSITIVE_INFINITY}, 1e-4),
                    "differences at an infinite point, even of a gradient that is finite everywhere");
            assertRejected(() -> Convexity.hessianByDifferences(identity, null, 1e-4), "differences at no point");
            assertRejected(() -> Convexity.hessianByDifferences(identity, new double[] {1}, 0), "a step of 0");
            assertRejected(() -> Convexity.hessianByDifferences(identity, new double[] {1}, -1e-4), "a negative step");
            assertRejected(() -> Convexity.hessianByDifferences(identity, new double[] {1}, Double.NaN), "a NaN step");
            assertRejected(() -> Convexity.hessianByDifferences(identity, new double[] {1}, Double.POSITIVE_INFINITY), "an infinite step");
            assertRejected(() -> Convexity.hessianByDifferences(p -> new double[] {1, 2}, new double[] {1}, 1e-4),
                    "a gradient with 2 entries at a point with 1");
            assertRejected(() -> Convexity.hessianByDifferences(p -> null, new double[] {1}, 1e-4), "a gradient that returns null");
            assertRejected(() -> Convexity.hessianByDifferences(p -> new double[] {Math.log(p[0] - 1)}, new double[] {1}, 1e-4),
                    "a gradient that is NaN beside the point");
        }
    }
}
