package gradientkata.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * Assertions every lesson's tests share. Doubles: finiteness first (NaN and infinities must
 * never slip through a tolerance), then a relative tolerance stated by the caller. Bad input: an
 * {@link IllegalArgumentException} with a message. Every message says what was expected, what
 * came back, and why it matters.
 */
public final class Expect {

    private Expect() {
    }

    /**
     * Asserts that {@code actual} is finite and within {@code relativeTolerance · |expected|} of
     * {@code expected}.
     *
     * @param what what the number is, in the lesson's words ("the gradient through 10 layers")
     * @param why  why the learner should care when it is wrong
     */
    public static void assertClose(double actual, double expected, double relativeTolerance, String what, String why) {
        assertThat(actual)
                .withFailMessage("%s came back as %s, which is not a finite number (expected %s). %s", what, actual, expected, why)
                .isFinite();
        double tolerance = relativeTolerance * Math.abs(expected);
        assertThat(actual)
                .withFailMessage("%s: expected %s (to a relative %s) but got %s. %s", what, expected, relativeTolerance, actual, why)
                .isCloseTo(expected, within(tolerance));
    }

    /** Asserts that {@code actual} is exactly {@code expected}, for values that are exact in binary. */
    public static void assertExactly(double actual, double expected, String what, String why) {
        assertThat(actual)
                .withFailMessage("%s: expected exactly %s but got %s. %s", what, expected, actual, why)
                .isEqualTo(expected);
    }

    /**
     * Asserts that {@code call} throws an {@link IllegalArgumentException} with a message.
     *
     * @param what the bad input, in words ("a negative depth")
     */
    public static void assertRejected(ThrowingCallable call, String what) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown)
                .withFailMessage("%s should throw an IllegalArgumentException with a message, but %s. A silent NaN "
                        + "or a loop that never ends would hide the mistake from whoever made it.",
                        what, thrown == null ? "nothing was thrown" : "it threw " + thrown)
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(thrown.getMessage())
                .withFailMessage("%s threw an IllegalArgumentException without a message: say what was wrong", what)
                .isNotBlank();
    }
}
