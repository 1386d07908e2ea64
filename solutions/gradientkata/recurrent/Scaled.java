package gradientkata.recurrent;

/**
 * Given, complete: a number written as significand · 2^exponent with an exponent of its own (a
 * {@code long}), so that a product or a sum of many doubles neither overflows nor underflows on
 * the way. Only the final {@link #toDouble()} rounds into the range of a double: it is ±Infinity
 * only if the true value is beyond {@link Double#MAX_VALUE}, and 0 only if it is below the
 * smallest double.
 *
 * <p>A gradient through time is a product of hundreds or thousands of factors. Multiplied out in
 * double, 10³⁰⁰ · 10³⁰⁰ · 10⁻⁵⁰⁰ overflows to Infinity at the second factor although the answer is
 * 10¹⁰⁰, and 10⁻³⁰⁰ · 10⁻³⁰⁰ · 10⁵⁰⁰ underflows to 0 although the answer is 10⁻¹⁰⁰. This class
 * keeps the significand between 1 and 2 and carries the exponent separately, exactly (multiplying
 * by a power of two with {@link Math#scalb} is exact). Values are immutable.
 */
final class Scaled {

    /** The number 1. */
    static final Scaled ONE = new Scaled(1.0, 0);

    /** The number 0. */
    static final Scaled ZERO = new Scaled(0.0, 0);

    /** 0.0, or a number whose magnitude is in [1, 2). */
    private final double significand;

    /** The power of two the significand is multiplied by (0 when the significand is 0). */
    private final long exponent;

    private Scaled(double significand, long exponent) {
        this.significand = significand;
        this.exponent = exponent;
    }

    /**
     * The finite double x, exactly.
     *
     * @throws IllegalArgumentException if x is NaN or infinite
     */
    static Scaled of(double x) {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("only a finite number can be scaled, got " + x);
        }
        if (x == 0.0) {
            return ZERO;
        }
        // A subnormal x has no exponent of its own: lift it into the normal range first (exact).
        long lift = Math.getExponent(x) < Double.MIN_EXPONENT ? 64 : 0;
        double normal = Math.scalb(x, (int) lift);
        int e = Math.getExponent(normal);
        return new Scaled(Math.scalb(normal, -e), e - lift);
    }

    /** This number times the finite double {@code factor}: one rounding, never an overflow. */
    Scaled times(double factor) {
        Scaled other = of(factor);
        double product = significand * other.significand;   // in [1, 4), or 0
        if (product == 0.0) {
            return ZERO;
        }
        int e = Math.getExponent(product);
        return new Scaled(Math.scalb(product, -e), exponent + other.exponent + e);
    }

    /** This number plus another: one rounding, never an overflow. */
    Scaled plus(Scaled other) {
        if (other.significand == 0.0) {
            return this;
        }
        if (significand == 0.0) {
            return other;
        }
        long top = Math.max(exponent, other.exponent);
        // Shift both to the larger exponent; a term more than 2¹¹⁰⁰ times smaller is below every rounding.
        double sum = Math.scalb(significand, (int) Math.max(exponent - top, -1100))
                + Math.scalb(other.significand, (int) Math.max(other.exponent - top, -1100));
        Scaled scaledSum = of(sum);
        return scaledSum.significand == 0.0 ? ZERO : new Scaled(scaledSum.significand, scaledSum.exponent + top);
    }

    /** The nearest double: ±Infinity beyond the largest double, ±0.0 below the smallest. */
    double toDouble() {
        // Math.scalb takes an int; beyond ±2100 the answer is Infinity or 0 whatever the significand.
        return Math.scalb(significand, (int) Math.max(-2100, Math.min(2100, exponent)));
    }
}
