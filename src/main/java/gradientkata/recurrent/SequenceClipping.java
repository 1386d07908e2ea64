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
        throw new UnsupportedOperationException("TODO lesson 09: if ‖g‖ > threshold return threshold·g/‖g‖ as a new array, else a copy of g; accumulate ‖g‖ with Math.hypot and scale g by a power of two (Math.scalb) before dividing, so nothing overflows (reject null, empty, NaN or infinite entries, threshold <= 0 or NaN)");
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
