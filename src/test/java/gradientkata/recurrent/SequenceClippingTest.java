package gradientkata.recurrent;

import static gradientkata.recurrent.Fixtures.repeat;
import static gradientkata.recurrent.Fixtures.sequence;
import static gradientkata.support.Expect.assertClose;
import static gradientkata.support.Expect.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Lesson 09 · through time: clipping an exploded sequence gradient by its norm")
class SequenceClippingTest {

    /** Relative tolerance for a handful of roundings. */
    private static final double TOLERANCE = 1e-13;

    @ParameterizedTest(quoteTextArguments = false, name = "[{0}] clipped to norm {1} is [{2}]")
    @CsvSource(delimiter = '|', value = {
        // 3-4-5: [3, 4]/5 = [0.6, 0.8]
        "3 4           | 1.0    | 0.6 0.8",
        // ‖[1, 2, 2]‖ = 3, so 1.5·g/3 = g/2
        "1 2 2         | 1.5    | 0.5 1 1",
        "-6 8          | 2.0    | -1.2 1.6",
        // ‖g‖ = 2.1e308 overflows although every entry is finite; 1/√2 = 0.70710678118654752440…
        "1.5e308 1.5e308 | 1.0  | 0.7071067811865476 0.7071067811865476",
        // θ/‖g‖ = 2e-601 underflows to 0, yet θ·g/‖g‖ = [6e-301, 8e-301]
        "3e300 4e300   | 1e-300 | 6.0e-301 8.0e-301",
        // ‖[1e-200, 1e-200]‖ = 1.41e-200 > θ = 1e-250, though Σ gᵢ² underflows to 0: 1e-250/√2 = 7.0710678118654752…e-251
        "1e-200 1e-200 | 1e-250 | 7.071067811865476e-251 7.071067811865476e-251"})
    @DisplayName("a gradient longer than θ is shrunk to length θ along the same direction, even when ‖g‖ or θ/‖g‖ would overflow")
    void shrinksLongGradients(String gradient, double threshold, String expected) {
        double[] clipped = SequenceClipping.clipByNorm(sequence(gradient), threshold);
        double[] want = sequence(expected);
        assertThat(clipped).as("[%s] clipped to norm %s", gradient, threshold).isNotNull().hasSize(want.length);
        for (int i = 0; i < want.length; i++) {
            assertClose(clipped[i], want[i], TOLERANCE, "entry " + i + " of [" + gradient + "] clipped to norm " + threshold
                            + ", " + Arrays.toString(clipped),
                    "Clipping by norm multiplies the whole gradient by θ/‖g‖: the step keeps its direction and gets "
                            + "length θ. ‖g‖ must be accumulated with Math.hypot, and g scaled by a power of two before "
                            + "dividing, so neither ‖g‖ nor θ/‖g‖ overflows or underflows on the way.");
        }
    }

    @ParameterizedTest(quoteTextArguments = false, name = "[{0}] with θ = {1} comes back as it is")
    @CsvSource(delimiter = '|', value = {
        "0.3 0.4     | 1.0",
        "0.1 -0.2 0.3 | 10.0",
        // ‖[7, 24]‖ = 25 = θ exactly: θ·g/‖g‖ would give 7.000000000000001, so the tie must not rescale
        "7 24        | 25.0",
        "13 84       | 85.0",
        "1e308 -1e308 | Infinity",
        // ‖[1e200, 1e200]‖ = 1.41e200 < θ = 1e250, though Σ gᵢ² overflows to Infinity
        "1e200 1e200  | 1e250"})
    @DisplayName("a gradient no longer than θ (‖g‖ = θ included) comes back bit for bit, as a new array")
    void leavesShortGradientsAlone(String gradient, double threshold) {
        double[] g = sequence(gradient);
        double[] clipped = SequenceClipping.clipByNorm(g, threshold);
        assertThat(clipped)
                .withFailMessage("[%s] with threshold %s: expected exactly [%s] back, but got %s. Clipping is a safety net for "
                        + "exploded gradients: it must never touch one that is short enough (clip only if ‖g‖ > θ, not ≥).",
                        gradient, threshold, gradient, Arrays.toString(clipped))
                .isNotNull().containsExactly(sequence(gradient));
        assertThat(clipped != g)
                .withFailMessage("[%s] with threshold %s came back as the very array that was passed in: the caller's next "
                        + "change to one would change the other. Return gradient.clone().", gradient, threshold)
                .isTrue();
    }

    @Test
    @DisplayName("the gradient of 100 exploding steps (1.5¹⁰⁰ ≈ 4.07e17) clipped to 5 has length 5 and its direction; the input is left alone")
    void clipsAnExplodedSequenceGradient() {
        // ∂h_T/∂h_0 of the net w = 1.5 at a_t = 0 over 100 steps is 1.5¹⁰⁰ = 406561177535215237.39… (mpmath);
        // next to it a small gradient of 3.
        double exploded = new ScalarRnn(1.5, 1.0, 0.0).gradientThroughTime(0.0, repeat(0.0, 100));
        assertClose(exploded, 4.0656117753521523e17, 1e-12, "∂h_100/∂h_0 for w = 1.5 at a_t = 0",
                "With every pre-activation 0, each of the 100 steps multiplies the gradient by w = 1.5.");
        double[] gradient = {exploded, 3.0};
        double[] clipped = SequenceClipping.clipByNorm(gradient, 5.0);
        assertThat(clipped).as("[1.5¹⁰⁰, 3] clipped to norm 5").isNotNull().hasSize(2);
        // 5·g/‖g‖: the first entry is 5 to 1e-13, the second 5·3/4.0656e17 = 3.6894e-17.
        assertClose(clipped[0], 5.0, TOLERANCE, "entry 0 of [1.5¹⁰⁰, 3] clipped to 5",
                "The exploded component becomes θ = 5: one bad sequence can no longer throw the weights far away.");
        assertClose(clipped[1], 5.0 * 3.0 / 4.0656117753521523e17, 1e-12, "entry 1 of [1.5¹⁰⁰, 3] clipped to 5",
                "Both entries shrink by the same factor θ/‖g‖: the direction is kept, small entries become smaller still.");
        assertThat(gradient).as("the gradient after clipping").containsExactly(exploded, 3.0);
    }

    @Test
    @DisplayName("bad input is rejected: no gradient, an empty one, NaN or Infinity in it, and a threshold not above 0")
    void rejectsBadInput() {
        assertRejected(() -> SequenceClipping.clipByNorm(null, 1.0), "clipping a missing (null) gradient");
        assertRejected(() -> SequenceClipping.clipByNorm(new double[0], 1.0), "clipping an empty gradient");
        assertRejected(() -> SequenceClipping.clipByNorm(new double[] {1.0, Double.NaN}, 1.0), "clipping [1, NaN]");
        assertRejected(() -> SequenceClipping.clipByNorm(new double[] {Double.POSITIVE_INFINITY, 1.0}, 1.0), "clipping [Infinity, 1]");
        assertRejected(() -> SequenceClipping.clipByNorm(new double[] {3.0, 4.0}, 0.0), "clipping to norm 0");
        assertRejected(() -> SequenceClipping.clipByNorm(new double[] {3.0, 4.0}, -1.0), "clipping to norm −1");
        assertRejected(() -> SequenceClipping.clipByNorm(new double[] {3.0, 4.0}, Double.NaN), "clipping to norm NaN");
    }
}
