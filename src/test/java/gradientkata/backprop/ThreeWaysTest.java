package gradientkata.backprop;

import static gradientkata.support.Expect.assertClose;
import static gradientkata.support.Expect.assertExactly;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The heart of lesson 02: backprop, forward mode and central differences on the same chain
 * h = σ(h), from x₀ = 0.5. The exact methods agree at every depth; the estimate agrees only while
 * the change in the output is large enough for a double to see.
 */
@DisplayName("Lesson 02 · backprop is exact: three ways to one gradient")
class ThreeWaysTest {

    /** Relative tolerance between the two exact methods. */
    private static final double EXACT = 1e-12;

    /** The usual bar of a gradient check in double precision: below this, the gradient is right. */
    private static final double GOOD_CHECK = 1e-7;

    private static final double STEP = 1e-5;

    private static Gradients backprop(ScalarChain chain, double x) {
        return chain.backward(chain.forward(x));
    }

    @ParameterizedTest(name = "depth {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5})
    @DisplayName("while the gradient is large, all three agree: backprop = forward mode to 1e-12, central differences to 1e-7")
    void allThreeAgreeWhileTheGradientIsLarge(int depth) {
        ScalarChain chain = ScalarChain.uniform(depth, 1.0, 0.0);
        double exact = backprop(chain, 0.5).input();
        assertClose(exact, ForwardMode.inputGradient(depth, 1.0, 0.0, 0.5), EXACT,
                "backprop's ∂h/∂x₀ through " + depth + " layers, against forward mode",
                "Two exact methods, one chain rule: they differ only by rounding.");
        double estimate = GradientCheck.centralDifference(x -> chain.forward(x)[depth], 0.5, STEP);
        double error = GradientCheck.relativeError(exact, estimate);
        assertThat(error)
                .as("the relative error between backprop (%s) and central differences with step 1e-5 (%s) at depth %d "
                        + "should be below %s: with a gradient this large the check confirms backprop", exact, estimate, depth, GOOD_CHECK)
                .isBetween(0.0, GOOD_CHECK);
    }

    @Test
    @DisplayName("at depth 30 backprop and forward mode still return the true 3.75e-20, while central differences return exactly 0.0")
    void centralDifferencesCollapseBackpropDoesNot() {
        ScalarChain chain = ScalarChain.uniform(30, 1.0, 0.0);
        double exact = backprop(chain, 0.5).input();
        // 50-digit decimal arithmetic: ∂h30/∂x0 = 3.75143499011050152696…e-20
        assertClose(exact, 3.751434990110502e-20, EXACT, "backprop's ∂h₃₀/∂x₀",
                "The true gradient is tiny but not zero, and backprop computes it to full precision.");
        assertClose(ForwardMode.inputGradient(30, 1.0, 0.0, 0.5), 3.751434990110502e-20, EXACT,
                "forward mode's ∂h₃₀/∂x₀", "A second exact method gets the same number.");
        double estimate = GradientCheck.centralDifference(x -> chain.forward(x)[30], 0.5, STEP);
        assertExactly(estimate, 0.0, "the central difference of h₃₀ at 0.5 with step 1e-5",
                "h₃₀(0.5 + s) and h₃₀(0.5 − s) differ by about 7.5e-25, far below one ulp of 0.66 (1.1e-16): "
                        + "a double cannot tell them apart, so the estimate is exactly 0.");
        assertExactly(GradientCheck.relativeError(exact, estimate), 1.0, "the relative error of backprop and central differences",
                "With the estimate at 0, the check reports total disagreement; the fault is in the estimate, not in backprop.");
    }

    @ParameterizedTest(name = "step {0}")
    @ValueSource(doubles = {1e-2, 1e-3, 1e-4, 1e-6, 1e-8})
    @DisplayName("at depth 30 no step size from 1e-2 down to 1e-8 rescues central differences: the estimate is 0.0 for every one")
    void noStepRescuesTheEstimate(double step) {
        ScalarChain chain = ScalarChain.uniform(30, 1.0, 0.0);
        assertExactly(GradientCheck.centralDifference(x -> chain.forward(x)[30], 0.5, step), 0.0,
                "the central difference of h₃₀ at 0.5 with step " + step,
                "Thirty layers squeeze nearby inputs into the same double at the output; a bigger step does not help.");
        assertClose(backprop(chain, 0.5).input(), 3.751434990110502e-20, EXACT, "backprop's ∂h₃₀/∂x₀",
                "Backprop never differences outputs, so it keeps the true value.");
    }

    @Test
    @DisplayName("at depth 30 a check of the whole gradient vector passes, though the gradient of x₀ is lost entirely")
    void aVectorCheckHidesTheLostGradient() {
        ScalarChain chain = ScalarChain.uniform(30, 1.0, 0.0);
        Gradients exact = backprop(chain, 0.5);
        Gradients estimate = GradientCheck.numericalGradients(chain, 0.5, STEP);
        assertThat(GradientCheck.relativeError(exact.toVector(), estimate.toVector()))
                .as("the relative error over all 61 gradients at depth 30 should be below %s: the last layers' "
                        + "gradients (about 0.15) dominate both norms", GOOD_CHECK)
                .isBetween(0.0, GOOD_CHECK);
        assertExactly(estimate.input(), 0.0, "the estimated ∂h₃₀/∂x₀",
                "The estimate of the first layers' gradients is exactly 0: check them one by one, not only as a vector.");
        assertExactly(GradientCheck.relativeError(exact.input(), estimate.input()), 1.0,
                "the relative error of ∂h₃₀/∂x₀ alone",
                "Component by component, the check shows where central differences fail: at the layers far from the output.");
    }
}
