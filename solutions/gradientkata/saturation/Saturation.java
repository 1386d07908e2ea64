package gradientkata.saturation;

import org.apache.commons.math3.distribution.NormalDistribution; // for saturatedFraction

/**
 * Lesson 03: when sigmoid units saturate, how small their factor gets, and how many of them
 * saturate when the pre-activations are spread wide.
 */
public final class Saturation {

    private Saturation() {
    }

    /**
     * The distance from zero at which the sigmoid's derivative falls to a given level: the
     * |z| ≥ 0 with σ′(z) = level. Beyond it, σ′ is smaller still.
     *
     * <p>From σ′ = s(1 − s) = d: s = (1 + √(1 − 4d)) / 2 and z = ln(s / (1 − s)).
     *
     * @param level the derivative level d, in (0, 1/4]
     * @return the threshold |z| (0 for d = 1/4); accurate for tiny levels too
     * @throws IllegalArgumentException if level is NaN or outside (0, 1/4]
     */
    public static double saturationThreshold(double level) {
        if (Double.isNaN(level) || level <= 0.0 || level > 0.25) {
            throw new IllegalArgumentException("a sigmoid derivative level must lie in (0, 1/4], got " + level);
        }
        double s = (1.0 + Math.sqrt(1.0 - 4.0 * level)) / 2.0;
        // z = ln(s / (1 − s)), and 1 − s = d / s because s(1 − s) = d. Writing 1 − s that way
        // avoids subtracting two nearly equal numbers, which for tiny d leaves 0 and z = ∞.
        return 2.0 * Math.log(s) - Math.log(level);
    }

    /**
     * An upper bound on the gradient |dhₙ/dh₀| through n sigmoid layers hₖ = σ(wₖ·hₖ₋₁ + bₖ)
     * whose weights satisfy |wₖ| ≤ maxWeight: each layer contributes |wₖ|·σ′ ≤ maxWeight / 4,
     * so the bound is (maxWeight / 4)ⁿ; with |w| ≤ 1 that is 4⁻ⁿ.
     *
     * @param depth     the number of layers n, zero or more
     * @param maxWeight the largest weight magnitude, finite and ≥ 0
     * @return (maxWeight / 4)ⁿ (1 for depth 0)
     * @throws IllegalArgumentException if depth is negative or maxWeight is NaN, negative or infinite
     */
    public static double layerBound(int depth, double maxWeight) {
        if (depth < 0) {
            throw new IllegalArgumentException("depth must be zero or more, got " + depth);
        }
        if (Double.isNaN(maxWeight) || maxWeight < 0.0 || Double.isInfinite(maxWeight)) {
            throw new IllegalArgumentException("the largest weight magnitude must be a finite number ≥ 0, got " + maxWeight);
        }
        return Math.pow(maxWeight / 4.0, depth);
    }

    /**
     * The fraction of units whose pre-activation lies farther than {@code threshold} from zero,
     * when pre-activations are normally distributed N(0, s²): P(|z| &gt; threshold), both tails.
     * With {@code threshold = saturationThreshold(d)} it is the fraction of units whose σ′ is
     * below d.
     *
     * @param standardDeviation s, the spread of the pre-activations; finite and &gt; 0
     * @param threshold         the |z| beyond which a unit counts as saturated; ≥ 0
     * @return 2·Φ(−threshold / s), in [0, 1], accurate even when it is tiny
     * @throws IllegalArgumentException if the standard deviation is not a finite positive number, or the
     *                                  threshold is NaN or negative
     */
    public static double saturatedFraction(double standardDeviation, double threshold) {
        if (Double.isNaN(standardDeviation) || standardDeviation <= 0.0 || Double.isInfinite(standardDeviation)) {
            throw new IllegalArgumentException("the standard deviation must be a finite number > 0, got " + standardDeviation);
        }
        if (Double.isNaN(threshold) || threshold < 0.0) {
            throw new IllegalArgumentException("the saturation threshold must be a number ≥ 0, got " + threshold);
        }
        NormalDistribution preActivations = new NormalDistribution(0.0, standardDeviation);
        // Both tails: z < −threshold and z > threshold are equally likely and equally saturated.
        return 2.0 * preActivations.cumulativeProbability(-threshold);
    }
}
