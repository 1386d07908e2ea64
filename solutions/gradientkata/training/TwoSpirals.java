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
        if (count < 2) {
            throw new IllegalArgumentException("the count is " + count + ": two spirals need at least one point each");
        }
        if (random == null) {
            throw new IllegalArgumentException("the random generator is null");
        }
        double[][] points = new double[count][];
        double[] labels = new double[count];
        for (int s = 0; s < count; s++) {
            int label = s % 2;
            double t = 3 * Math.PI * random.nextDouble();
            double r = t / (3 * Math.PI);
            double angle = t + Math.PI * label;
            points[s] = new double[] {r * Math.cos(angle), r * Math.sin(angle)};
            labels[s] = label;
        }
        return new TwoSpirals(points, labels);
    }
}
