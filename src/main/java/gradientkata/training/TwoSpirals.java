package gradientkata.training;

import org.apache.commons.math3.random.RandomGenerator;

/**
 * Lesson 08: the data set, two interleaved spirals in the plane. No straight line (and no shallow
 * bend) separates them, so a net must compose many layers to classify them.
 */
public final class TwoSpirals {

    private final double[][] points;
    private final double[] labels;

    private TwoSpirals(double[][] points, double[] labels) {
        this.points = points;
        this.labels = labels;
    }

    /** One row (x, y) per sample: the array itself, not a copy. */
    public double[][] points() {
        return points;
    }

    /** One label per sample, 0 or 1: the array itself, not a copy. */
    public double[] labels() {
        return labels;
    }

    /**
     * A seeded sample of the two spirals. Sample s (s = 0, 1, …) has the label l = s mod 2 (so the
     * labels alternate 0, 1, 0, 1, …), a position along its arm t = 3π·u where u is the next
     * {@code random.nextDouble()} (one draw per sample, in order), the radius r = t/(3π), and the
     * point r·(cos(t + π·l), sin(t + π·l)): the second arm is the first turned by half a circle.
     *
     * @param count  the number of samples, at least 2 (one of each label)
     * @param random the seeded source of the positions
     * @return the points and labels
     * @throws IllegalArgumentException if count is below 2 or random is null
     */
    public static TwoSpirals generate(int count, RandomGenerator random) {
        throw new UnsupportedOperationException("TODO lesson 08: label l = s mod 2, t = 3π·random.nextDouble(), r = t/(3π), point r·(cos(t + πl), sin(t + πl))");
    }
}
