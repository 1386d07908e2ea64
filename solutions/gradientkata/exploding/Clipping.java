package gradientkata.exploding;

import org.apache.commons.math3.linear.RealVector;

/**
 * Lesson 04: gradient clipping. Clipping by norm shrinks an exploded gradient to a fixed length
 * and keeps its direction; clipping each component on its own bends the direction.
 */
public final class Clipping {

    private Clipping() {
    }

    /**
     * The Euclidean norm ‖g‖ = √(Σ gᵢ²), computed so that it neither overflows nor underflows
     * while the true norm is a representable double: squaring 1e200 gives Infinity, squaring 1e-200
     * gives 0.0, yet ‖[1e200, 1e200]‖ ≈ 1.41e200 and ‖[1e-200, 1e-200]‖ ≈ 1.41e-200.
     *
     * Subnormal entries count too: ‖[4.9e-324, 4.9e-324]‖ is the double nearest 6.9e-324.
     *
     * @param gradient a non-empty vector with finite entries
     * @return ‖g‖ to within a relative 1e-13 (a few steps of 4.9e-324 where it is subnormal), or
     *         Infinity when the true norm exceeds the largest double (‖[1.5e308, 1.5e308]‖ ≈ 2.1e308)
     * @throws IllegalArgumentException if the vector is null or empty, or has a NaN or infinite entry
     */
    public static double norm(RealVector gradient) {
        requireGradient(gradient);
        // hypot(a, b) = √(a² + b²) without forming a² or b²: accumulate one component at a time.
        double norm = 0.0;
        for (int i = 0; i < gradient.getDimension(); i++) {
            norm = Math.hypot(norm, gradient.getEntry(i));
        }
        return norm;
    }

    /**
     * Gradient-norm clipping: if ‖g‖ &gt; θ, rescale g to length θ, keeping its direction,
     * g ← θ·g/‖g‖; otherwise, and in particular when ‖g‖ = θ exactly (as {@link #norm} computes
     * it), return an exact copy of g.
     *
     * <p>Neither ‖g‖ nor θ/‖g‖ may be formed as such: ‖[1.5e308, 1.5e308]‖ overflows although every
     * entry and the clipped answer are finite, and for θ = 1e-300 and ‖g‖ = 1e300 the factor θ/‖g‖
     * underflows to 0 although θ·g/‖g‖ is an ordinary vector of length 1e-300. So the direction is
     * computed from g scaled by a power of two (exact), then stretched to length θ.
     *
     * @param gradient  a non-empty vector with finite entries; it is not modified
     * @param threshold θ &gt; 0, finite or +∞ (+∞ clips nothing)
     * @return a new vector: θ·g/‖g‖ if ‖g‖ &gt; θ, each entry to within a relative 1e-13, except that
     *         entries more than 2¹⁰²² times smaller than the largest one are only within θ·2⁻¹⁰⁷⁰ (scaled
     *         by the power of two, they become subnormal); else a copy of g
     * @throws IllegalArgumentException if the vector is null, empty or not finite, or θ is not a number above 0
     */
    public static RealVector clipByNorm(RealVector gradient, double threshold) {
        requireGradient(gradient);
        requireLimit("threshold", threshold);
        if (!(norm(gradient) > threshold)) {
            return gradient.copy();
        }
        // g / ‖g‖ = (g·2⁻ᵉ) / ‖g·2⁻ᵉ‖ for any power of two: with 2ᵉ near the largest entry the scaled
        // norm lies between 1 and 2·√n, far from overflow and underflow.
        int exponent = Math.getExponent(gradient.getLInfNorm());
        RealVector scaled = gradient.map(g -> Math.scalb(g, -exponent));
        RealVector direction = scaled.mapDivide(norm(scaled));
        return direction.mapMultiply(threshold);
    }

    /**
     * Per-component clipping: every gᵢ is clamped to [−limit, limit] on its own. The result is no
     * longer parallel to g as soon as one component is clamped and another is not.
     *
     * @param gradient a non-empty vector with finite entries; it is not modified
     * @param limit    the largest magnitude a component may keep, &gt; 0 (+∞ clamps nothing)
     * @return a new vector with components max(−limit, min(limit, gᵢ))
     * @throws IllegalArgumentException if the vector is null, empty or not finite, or the limit is not a number above 0
     */
    public static RealVector clipByValue(RealVector gradient, double limit) {
        requireGradient(gradient);
        requireLimit("limit", limit);
        return gradient.map(g -> Math.max(-limit, Math.min(limit, g)));
    }

    private static void requireGradient(RealVector gradient) {
        if (gradient == null || gradient.getDimension() == 0) {
            throw new IllegalArgumentException("the gradient is missing (null) or empty");
        }
        // A NaN norm compares false with everything, so "if (norm > threshold)" would wave it through.
        if (gradient.isNaN() || gradient.isInfinite()) {
            throw new IllegalArgumentException("the gradient " + gradient
                    + " has a NaN or infinite component: it has already exploded, and no rescaling recovers its direction");
        }
    }

    private static void requireLimit(String name, double limit) {
        if (!(limit > 0.0)) {
            throw new IllegalArgumentException("the " + name + " must be a number above 0, got " + limit);
        }
    }
}
