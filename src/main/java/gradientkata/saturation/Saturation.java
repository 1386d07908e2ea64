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
        throw new UnsupportedOperationException("TODO lesson 03: solve s(1 - s) = level for s > 1/2 and return ln(s / (1 - s)), accurate for tiny levels and for levels next to 1/4 (reject levels outside (0, 1/4])");
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
        throw new UnsupportedOperationException("TODO lesson 03: return (maxWeight / 4)^depth (reject a negative depth and a bad maxWeight)");
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
        throw new UnsupportedOperationException("TODO lesson 03: return P(|z| > threshold) for z ~ N(0, s^2) = 2·Φ(-threshold/s) with Commons Math's standard NormalDistribution: count both tails (reject s <= 0 and a bad threshold)");
    }
}
