package gradientkata.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/**
 * Compares what learner code returns by its entries, never with its own {@code equals}: a learner
 * object is the code under test, and a vector subclass whose {@code equals} always answers true
 * would otherwise pass any comparison. Use these instead of {@code isEqualTo} on a
 * {@link RealVector}, a {@link RealMatrix}, an array of objects or a record the learner built.
 */
public final class Entries {

    private Entries() {
    }

    /**
     * Asserts that {@code actual} has the dimension of {@code expected} and exactly its entries
     * (0.0 and −0.0 count as equal, as in {@code ==}).
     *
     * @param what what the vector is, in the lesson's words ("x₁ of the plain net")
     * @param why  why the learner should care when it is wrong
     */
    public static void assertSameEntries(RealVector actual, RealVector expected, String what, String why) {
        double[] want = expected.toArray();
        assertThat(actual).withFailMessage("%s came back as null (expected %s). %s", what, Arrays.toString(want), why).isNotNull();
        double[] got = actual.toArray();
        assertThat(got.length == want.length && actual.getDimension() == want.length && sameEntries(got, want, actual))
                .withFailMessage("%s should be %s but is %s. %s", what, Arrays.toString(want), Arrays.toString(got), why)
                .isTrue();
    }

    /** Asserts that {@code actual} has the shape of {@code expected} and exactly its entries. */
    public static void assertSameEntries(RealMatrix actual, RealMatrix expected, String what, String why) {
        double[][] want = expected.getData();
        assertThat(actual).withFailMessage("%s came back as null (expected %s). %s", what, Arrays.deepToString(want), why).isNotNull();
        boolean same = actual.getRowDimension() == want.length
                && actual.getColumnDimension() == (want.length == 0 ? 0 : want[0].length);
        for (int i = 0; same && i < want.length; i++) {
            for (int j = 0; same && j < want[i].length; j++) {
                same = actual.getEntry(i, j) == want[i][j] || Double.isNaN(actual.getEntry(i, j)) && Double.isNaN(want[i][j]);
            }
        }
        assertThat(same).withFailMessage("%s should be %s but is %s. %s", what, Arrays.deepToString(want),
                Arrays.deepToString(actual.getData()), why).isTrue();
    }

    private static boolean sameEntries(double[] got, double[] want, RealVector actual) {
        for (int i = 0; i < want.length; i++) {
            double entry = actual.getEntry(i);
            boolean same = entry == want[i] || Double.isNaN(entry) && Double.isNaN(want[i]);
            if (!same || Double.compare(got[i], entry) != 0) {
                return false;
            }
        }
        return true;
    }
}
