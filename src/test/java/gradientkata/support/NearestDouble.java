package gradientkata.support;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Comparisons against oracle values (the double nearest an exact answer, written by a script under
 * {@code src/test/oracle/}) over a whole domain, tails included. Where the exact answer is a normal
 * double, the check is relative; where it is subnormal, relative precision is gone (the smallest
 * double, 4.9e-324, is the step between neighbours), so the check counts those steps instead: a
 * zero where the answer is a subnormal many steps above 0 fails.
 */
public final class NearestDouble {

    private NearestDouble() {
    }

    /**
     * Asserts that {@code actual} equals {@code expected} (the nearest double to the exact answer):
     * infinities must match exactly; otherwise actual is finite and within a relative
     * {@code relativeTolerance} of expected where expected is a normal double (or 0), and within
     * {@code subnormalSteps} steps of {@link Double#MIN_VALUE} plus the relative tolerance where it is
     * subnormal or 0.
     *
     * @param what what the number is, in the lesson's words, with its inputs
     * @param why  why it matters and what to try when it is wrong
     */
    public static void assertNearest(double actual, double expected, double relativeTolerance, double subnormalSteps,
                                     String what, String why) {
        if (Double.isInfinite(expected)) {
            assertThat(actual)
                    .withFailMessage("%s: expected %s but got %s. %s", what, expected, actual, why)
                    .isEqualTo(expected);
            return;
        }
        assertThat(Double.isFinite(actual))
                .withFailMessage("%s came back as %s, which is not a finite number (expected %s). %s", what, actual, expected, why)
                .isTrue();
        double allowed = relativeTolerance * Math.abs(expected);
        String precision = "a relative " + relativeTolerance;
        if (Math.abs(expected) < Double.MIN_NORMAL) {
            allowed += subnormalSteps * Double.MIN_VALUE;
            precision = "within " + (long) subnormalSteps + " steps of 4.9e-324, the spacing of doubles this close to 0";
        }
        assertThat(Math.abs(actual - expected) <= allowed)
                .withFailMessage("%s: expected %s (to %s) but got %s. %s", what, expected, precision, actual, why)
                .isTrue();
    }
}
