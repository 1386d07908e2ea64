package gradientkata.recurrent;

/**
 * Lesson 09: lesson 04's clipping by norm, applied to the gradient of a recurrent net. Through
 * time a gradient can grow like (|w|·tanh′)ᵀ; clipping rescales it to length θ and keeps its
 * direction, so one exploded step cannot throw the weights far away.
 */
public final class SequenceClipping {

    private SequenceClipping() {
    }

    /**
     * Clipping by norm: if ‖g‖ &gt; θ, return θ·g/‖g‖ (length θ, same direction); otherwise, and in
     * particular when ‖g‖ = θ exactly, an exact copy of g.
     *
     * <p>‖g‖ = √(Σ gᵢ²) must not overflow or underflow on the way: squaring 1e200 gives Infinity.
     * Accumulate it with {@code Math.hypot}, and compute the direction from g scaled by a power of
     * two (exact) so that neither ‖g‖ nor θ/‖g‖ is formed on its own.
     *
     * @param gradient  a non-empty array of finite numbers; it is not modified
     * @param threshold θ &gt; 0 (+∞ clips nothing)
     * @return a new array: θ·g/‖g‖ if ‖g‖ &gt; θ, each entry to within a relative 1e-13, except that entries
     *         more than 2¹⁰²² times smaller than the largest one are only within θ·2⁻¹⁰⁷⁰ (scaled by the power of
     *         two, they become subnormal); else a copy of g
     * @throws IllegalArgumentException if the gradient is null, empty or holds NaN or Infinity, or θ is
     *                                  not a number above 0
     */
    public static double[] clipByNorm(double[] gradient, double threshold) {
        if (gradient == null || gradient.length == 0) {
            throw new IllegalArgumentException("the gradient is missing (null) or empty");
        }
        for (int i = 0; i < gradient.length; i++) {
            if (!Double.isFinite(gradient[i])) {
                throw new IllegalArgumentException("the gradient's entry " + i + " is " + gradient[i]
                        + ": it has already exploded, and no rescaling recovers its direction");
            }
        }
        if (!(threshold > 0.0)) {
            throw new IllegalArgumentException("the threshold must be a number above 0, got " + threshold);
        }
        double largest = 0.0;
        for (double g : gradient) {
            largest = Math.max(largest, Math.abs(g));
        }
        if (!(norm(gradient) > threshold)) {
            return gradient.clone();
        }
        // g/‖g‖ = (g·2⁻ᵉ)/‖g·2⁻ᵉ‖ for any power of two; with 2ᵉ near the largest entry the scaled norm is
        // between 1 and 2·√n.
        int exponent = Math.getExponent(largest);
        double[] scaled = new double[gradient.length];
        for (int i = 0; i < gradient.length; i++) {
            scaled[i] = Math.scalb(gradient[i], -exponent);
        }
        double scaledNorm = norm(scaled);
        double[] clipped = new double[gradient.length];
        for (int i = 0; i < gradient.length; i++) {
            clipped[i] = scaled[i] / scaledNorm * threshold;
        }
        return clipped;
    }

    /** √(Σ gᵢ²), one hypot at a time: no square is ever formed. */
    private static double norm(double[] g) {
        double norm = 0.0;
        for (double x : g) {
            norm = Math.hypot(norm, x);
        }
        return norm;
    }
}
