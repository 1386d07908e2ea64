package gradientkata.exploding;

import static gradientkata.support.Expect.assertClose;
import static gradientkata.support.Expect.assertExactly;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/** Lesson 04's test helpers: matrices and vectors written as text, and vector comparisons. */
final class Fixtures {

    private Fixtures() {
    }

    /** "3 4" → the vector [3, 4]. */
    static RealVector vector(String components) {
        return new ArrayRealVector(numbers(components));
    }

    /** "0.9 5; 0 0.9" → the matrix with rows [0.9, 5] and [0, 0.9]. */
    static RealMatrix matrix(String rows) {
        return MatrixUtils.createRealMatrix(Arrays.stream(rows.split(";")).map(Fixtures::numbers).toArray(double[][]::new));
    }

    static double[] numbers(String text) {
        return Arrays.stream(text.strip().split("\\s+")).mapToDouble(Double::parseDouble).toArray();
    }

    /**
     * Asserts that {@code actual} has the expected dimension and that each component is finite and
     * within a relative tolerance of the expected one (exactly equal where 0 is expected).
     */
    static void assertVectorClose(RealVector actual, double[] expected, double relativeTolerance, String what, String why) {
        assertThat(actual)
                .withFailMessage("%s came back as null (expected %s). %s", what, Arrays.toString(expected), why)
                .isNotNull();
        assertThat(actual.getDimension())
                .withFailMessage("%s: expected %d components %s but got %d: %s. %s", what, expected.length,
                        Arrays.toString(expected), actual.getDimension(), actual, why)
                .isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            String component = what + ", component " + i + " of " + actual;
            if (expected[i] == 0.0) {
                assertExactly(actual.getEntry(i), 0.0, component, why);
            } else {
                assertClose(actual.getEntry(i), expected[i], relativeTolerance, component, why);
            }
        }
    }

    /** Asserts that {@code actual} has exactly the expected components, bit for bit. */
    static void assertVectorExactly(RealVector actual, double[] expected, String what, String why) {
        assertThat(actual)
                .withFailMessage("%s came back as null (expected %s). %s", what, Arrays.toString(expected), why)
                .isNotNull();
        assertThat(actual.toArray())
                .withFailMessage("%s: expected exactly %s but got %s. %s", what, Arrays.toString(expected), actual, why)
                .containsExactly(expected);
    }

    /** cos of the angle between a and b, computed here with plain sums (for moderate components). */
    static double cosine(RealVector a, RealVector b) {
        double dot = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.getDimension(); i++) {
            dot += a.getEntry(i) * b.getEntry(i);
            aa += a.getEntry(i) * a.getEntry(i);
            bb += b.getEntry(i) * b.getEntry(i);
        }
        return dot / Math.sqrt(aa * bb);
    }
}
