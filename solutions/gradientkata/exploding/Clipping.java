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
     * @param gradient a non-empty vector with finite entries
     * @return ‖g‖
     * @throws IllegalArgumentException if the vector is empty or has a NaN or infinite entry
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
     * g ← θ·g/‖g‖; otherwise, and in particular when ‖g‖ = θ exactly, return g unchanged.
     *
     * @param gradient  a non-empty vector with finite entries; it is not modified
     * @param threshold θ &gt; 0
     * @return a new vector: θ·g/‖g‖ if ‖g‖ &gt; θ, else a copy of g
     * @throws IllegalArgumentException if the vector is empty or not finite, or θ is not a number above 0
     */
    public static RealVector clipByNorm(RealVector gradient, double threshold) {
        requireGradient(gradient);
        requireLimit("threshold", threshold);
        double norm = norm(gradient);
        if (norm > threshold) {
            return gradient.mapMultiply(threshold / norm);
        }
        return gradient.copy();
    }

    /**
     * Per-component clipping: every gᵢ is clamped to [−limit, limit] on its own. The result is no
     * longer parallel to g as soon as one component is clamped and another is not.
     *
     * @param gradient a non-empty vector with finite entries; it is not modified
     * @param limit    the largest magnitude a component may keep, &gt; 0
     * @return a new vector with components max(−limit, min(limit, gᵢ))
     * @throws IllegalArgumentException if the vector is empty or not finite, or the limit is not a number above 0
     */
    public static RealVector clipByValue(RealVector gradient, double limit) {
        requireGradient(gradient);
        requireLimit("limit", limit);
        return gradient.map(g -> Math.max(-limit, Math.min(limit, g)));
    }

    private static void requireGradient(RealVector gradient) {
        if (gradient == null || gradient.getDimension() == 0) {
            throw new IllegalArgumentException("the gradient is empty");
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
