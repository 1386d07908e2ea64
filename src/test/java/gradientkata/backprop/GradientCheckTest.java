package gradientkata.backprop;

import static gradientkata.support.Expect.assertClose;
import static gradientkata.support.Expect.assertExactly;
import static gradientkata.support.Expect.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.math3.analysis.UnivariateFunction;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Lesson 02 · backprop is exact: the gradient check")
class GradientCheckTest {

    /** Relative tolerance for values computed in a handful of operations. */
    private static final double TOLERANCE = 1e-12;

    private static final UnivariateFunction CUBE = x -> x * x * x;

    private static RealVector vector(double... entries) {
        return new ArrayRealVector(entries);
    }

    @Nested
    @DisplayName("Central differences: (f(x + s) − f(x − s)) / 2s")
    class CentralDifferences {

        @ParameterizedTest(name = "x³ at {0} with step {1} gives {2}")
        @CsvSource({
            // Closed form: ((x + s)³ − (x − s)³) / 2s = 3x² + s², exact in binary for these x and s.
            "2.0,  0.5,  12.25",
            "-1.0, 0.5,  3.25",
            "2.0,  0.25, 12.0625",
            "0.0,  0.5,  0.25"})
        @DisplayName("on x³ the estimate is exactly 3x² + s²: the error of a central difference is of order s², not s")
        void cubeClosedForm(double x, double step, double expected) {
            assertExactly(GradientCheck.centralDifference(CUBE, x, step), expected,
                    "the central difference of x³ at " + x + " with step " + step,
                    "Stepping both ways cancels the s-term of the error; a one-sided difference would be off by 3xs.");
        }

        @Test
        @DisplayName("on x³ at 2 with step 0.01 the estimate is 12.0001, within 1e-10 of the closed form")
        void cubeSmallStep() {
            // Closed form 3·2² + 0.01² = 12.0001; rounding in the two cubes adds about 1e-13.
            assertClose(GradientCheck.centralDifference(CUBE, 2.0, 0.01), 12.0001, 1e-10,
                    "the central difference of x³ at 2 with step 0.01",
                    "The error left over is s² = 1e-4: halve the step and it drops four times.");
        }

        @Test
        @DisplayName("on a three-layer chain with mixed weights, every estimate agrees with 50-digit values to 1e-7")
        void estimatesEveryGradientOfAChain() {
            ScalarChain chain = ScalarChain.of(new double[] {1.5, -2.0, 0.75}, new double[] {-0.5, 0.25, 1.0});
            Gradients estimate = GradientCheck.numericalGradients(chain, 0.8, 1e-5);
            // 50-digit decimal arithmetic (see BackpropTest.threeLayersMatchHighPrecision), in the order
            // [∂x, ∂w1, ∂w2, ∂w3, ∂b1, ∂b2, ∂b3].
            double[] exact = {-0.016837822976149698,
                -0.008980172253946504, 0.016915011527426582, 0.04514253507685151,
                -0.011225215317433132, 0.025314757665408905, 0.17892304541891632};
            double[] got = estimate.toVector().toArray();
            assertThat(got).as("estimates of ∂x, ∂w₁ … ∂w₃ and ∂b₁ … ∂b₃").hasSize(7);
            String[] names = {"∂h₃/∂x", "∂h₃/∂w₁", "∂h₃/∂w₂", "∂h₃/∂w₃", "∂h₃/∂b₁", "∂h₃/∂b₂", "∂h₃/∂b₃"};
            for (int i = 0; i < exact.length; i++) {
                assertClose(got[i], exact[i], 1e-7, "the central-difference estimate of " + names[i] + " with step 1e-5",
                        "Nudge one parameter up and down, rerun the chain, divide by 2s: with a gradient this large "
                                + "the estimate is good to about eight digits.");
            }
        }
    }

    @Nested
    @DisplayName("The relative error ‖g − ĝ‖ / (‖g‖ + ‖ĝ‖)")
    class RelativeError {

        @Test
        @DisplayName("[3, 4] against [6, 8] is 1/3: ‖g − ĝ‖ = 5 over ‖g‖ + ‖ĝ‖ = 15")
        void aWorkedExample() {
            // Closed form: 5 / (5 + 10) = 1/3.
            assertClose(GradientCheck.relativeError(vector(3, 4), vector(6, 8)), 1.0 / 3, TOLERANCE,
                    "the relative error of [3, 4] and [6, 8]",
                    "The difference is measured against the size of the two gradients, so it reads the same at every scale.");
        }

        @Test
        @DisplayName("it does not depend on scale: [3, 4]·1e-20 against [6, 8]·1e-20 is still 1/3")
        void independentOfScale() {
            // Closed form: the common factor cancels between numerator and denominator.
            assertClose(GradientCheck.relativeError(vector(3e-20, 4e-20), vector(6e-20, 8e-20)), 1.0 / 3, TOLERANCE,
                    "the relative error of [3, 4]·1e-20 and [6, 8]·1e-20",
                    "Deep gradients are tiny; an absolute difference of 5e-20 would look like perfect agreement.");
        }

        @Test
        @DisplayName("even at 1e-200, where the squares underflow, [3, 4] against [6, 8] is still 1/3")
        void survivesUnderflowOfTheSquares() {
            // Closed form 1/3. (3e-200)² = 9e-400 is below the smallest double, so √(Σ xᵢ²) gives 0 here.
            assertClose(GradientCheck.relativeError(vector(3e-200, 4e-200), vector(6e-200, 8e-200)), 1.0 / 3, TOLERANCE,
                    "the relative error of [3, 4]·1e-200 and [6, 8]·1e-200",
                    "A norm that squares tiny entries underflows to 0, just like the gradients of lesson 01: "
                            + "scale before squaring (Commons Math's MathArrays.safeNorm does).");
        }

        @Test
        @DisplayName("it runs from 0 (identical) to 1 (one of them is zero); two zero gradients agree perfectly")
        void rangeAndEdgeCases() {
            assertExactly(GradientCheck.relativeError(vector(1e-30, 0), vector(0, 0)), 1.0,
                    "the relative error of [1e-30, 0] and [0, 0]",
                    "When one side is zero, the two share nothing, however small the other is: the error is 1.");
            assertExactly(GradientCheck.relativeError(vector(0.25, -0.5), vector(0.25, -0.5)), 0.0,
                    "the relative error of a gradient with itself", "Identical gradients differ by nothing.");
            assertExactly(GradientCheck.relativeError(vector(0, 0), vector(0, 0)), 0.0,
                    "the relative error of two zero gradients",
                    "0 / 0 is not a number, but two zero gradients agree: say 0, never NaN.");
        }

        @ParameterizedTest(name = "g = {0}, ĝ = {1}: {2}")
        @CsvSource({
            // Closed form |g − ĝ| / (|g| + |ĝ|).
            "1.0,    2.0,    0.3333333333333333",
            "-1.0,   1.0,    1.0",
            "3e-300, 1e-300, 0.5",
            "1e-20,  0.0,    1.0"})
        @DisplayName("for one number it is |g − ĝ| / (|g| + |ĝ|)")
        void scalar(double exact, double estimate, double expected) {
            assertClose(GradientCheck.relativeError(exact, estimate), expected, TOLERANCE,
                    "the relative error of " + exact + " and " + estimate,
                    "The same measure as for vectors, for a single gradient such as ∂hₙ/∂x.");
        }
    }

    @Nested
    @DisplayName("Bad input gets a clear error, not a wrong number")
    class BadInput {

        @Test
        @DisplayName("a step size of zero, below zero, NaN or infinite is rejected")
        void rejectsBadSteps() {
            assertRejected(() -> GradientCheck.centralDifference(CUBE, 1.0, 0.0), "a step of 0");
            assertRejected(() -> GradientCheck.centralDifference(CUBE, 1.0, -1e-5), "a negative step");
            assertRejected(() -> GradientCheck.centralDifference(CUBE, 1.0, Double.NaN), "a NaN step");
            assertRejected(() -> GradientCheck.centralDifference(CUBE, 1.0, Double.POSITIVE_INFINITY), "an infinite step");
            assertRejected(() -> GradientCheck.numericalGradients(ScalarChain.uniform(2, 1.0, 0.0), 0.5, 0.0),
                    "a gradient check with step 0");
        }

        @Test
        @DisplayName("a NaN point, a missing function or a missing chain is rejected")
        void rejectsMissingOrNaNArguments() {
            assertRejected(() -> GradientCheck.centralDifference(CUBE, Double.NaN, 1e-5), "a central difference at NaN");
            assertRejected(() -> GradientCheck.centralDifference(null, 1.0, 1e-5), "a central difference of no function");
            assertRejected(() -> GradientCheck.numericalGradients(null, 0.5, 1e-5), "a gradient check of no chain");
            assertRejected(() -> GradientCheck.numericalGradients(ScalarChain.uniform(2, 1.0, 0.0), Double.NaN, 1e-5),
                    "a gradient check at NaN");
        }

        @Test
        @DisplayName("gradients of different lengths, or with a NaN or an infinite entry, have no relative error")
        void rejectsIncomparableGradients() {
            assertRejected(() -> GradientCheck.relativeError(vector(1, 2, 3), vector(1, 2)), "vectors of lengths 3 and 2");
            assertRejected(() -> GradientCheck.relativeError(vector(1, Double.NaN), vector(1, 2)), "a NaN in the exact gradient");
            assertRejected(() -> GradientCheck.relativeError(vector(1, 2), vector(Double.POSITIVE_INFINITY, 2)),
                    "an infinite entry in the estimated gradient");
            assertRejected(() -> GradientCheck.relativeError(vector(1, 2), null), "a missing estimate");
            assertRejected(() -> GradientCheck.relativeError(Double.NaN, 1.0), "a NaN gradient");
            assertRejected(() -> GradientCheck.relativeError(1.0, Double.POSITIVE_INFINITY), "an infinite gradient");
        }
    }
}
