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
     * <p>From σ′ = s(1 − s) = d: s = (1 + q) / 2 with q = √(1 − 4d), and z = ln(s / (1 − s)).
     * Two subtractions hide in that formula. For tiny d, 1 − s cancels (it is exactly 0 for
     * d = 1e-20); since s(1 − s) = d, 1 − s = d / s. For d near 1/4, s / (1 − s) = s² / d is near 1
     * and its logarithm near 0, so ln(s²) − ln(d) cancels; since s² − d = s·q, z = log1p(s·q / d).
     *
     * @param level the derivative level d, in (0, 1/4]; subnormal levels included
     * @return the threshold |z| (0 for d = 1/4), to within a relative 1e-12 for every level
     * @throws IllegalArgumentException if level is NaN or outside (0, 1/4]
     */
    public static double saturationThreshold(double level) {
        if (Double.isNaN(level) || level <= 0.0 || level > 0.25) {
            throw new IllegalArgumentException("a sigmoid derivative level must lie in (0, 1/4], got " + level);
        }
        double q = Math.sqrt(1.0 - 4.0 * level);
        double s = (1.0 + q) / 2.0;
        double excess = s * q / level;
        if (excess == Double.POSITIVE_INFINITY) {
            // a subnormal level: s·q / d overflows, but then d is far from 1/4 and nothing cancels in ln(s²) − ln(d).
            return 2.0 * Math.log(s) - Math.log(level);
        }
        return Math.log1p(excess);
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
     * <p>Only the ratio t / s matters: P(|z| &gt; t) = 2·Φ(−t/s) with Φ the standard normal CDF.
     * Commons Math's {@code NormalDistribution(0, s)} computes s·√2 internally, which loses digits
     * when s is a subnormal double; the standard normal N(0, 1) at −t/s does not.
     *
     * @param standardDeviation s, the spread of the pre-activations; finite and &gt; 0 (subnormal included)
     * @param threshold         the |z| beyond which a unit counts as saturated; ≥ 0, and +∞ gives 0
     * @return 2·Φ(−t/s), in [0, 1], accurate even when it is tiny: to within a relative 1e-9 where
     *         it is a normal double, and exactly 0.0 from t/s = 38.5 on, where it is below every
     *         double that Commons Math's erfc returns
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
        NormalDistribution standardNormal = new NormalDistribution(0.0, 1.0);
        // Both tails: z < −t and z > t are equally likely and equally saturated. Φ(−t/s), not
        // 1 − Φ(t/s): the subtraction would round every small fraction to 0.
        return 2.0 * standardNormal.cumulativeProbability(-(threshold / standardDeviation));
    }
}
