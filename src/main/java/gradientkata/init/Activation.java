package gradientkata.init;

/**
 * Lesson 06: the two activations of the deep stacks, applied to every entry of a layer's
 * pre-activation z = W·h. Backpropagation multiplies the gradient by the activation's slope at
 * z, entry by entry, so that slope decides how much of the gradient each unit passes back.
 */
public enum Activation {

    /** tanh(z): zero-centred, slope 1 at 0, flat (saturated) far from 0. Xavier's scale suits it. */
    TANH,

    /** ReLU(z) = max(0, z): slope 1 for z &gt; 0 and 0 for z ≤ 0. He's scale suits it. */
    RELU;

    /**
     * The activation's value at z: tanh(z), or max(0, z) for ReLU (0.0 for z ≤ 0, −0.0 included).
     *
     * @param z a pre-activation, not NaN (±∞ allowed: tanh(±∞) = ±1, ReLU(+∞) = +∞)
     * @return the unit's output
     * @throws IllegalArgumentException if z is NaN
     */
    public double apply(double z) {
        requireNumber(z);
        if (this == TANH) {
            return Math.tanh(z);
        }
        return Math.max(0.0, z);   // 0.0, not −0.0, for z = −0.0: Math.max orders −0.0 below 0.0
    }

    /**
     * The activation's slope at the pre-activation z: tanh′(z) = 1 − tanh²(z) = 1 / cosh²(z);
     * ReLU′(z) = 1 for z &gt; 0 and 0 for z ≤ 0. ReLU has a kink at 0 and no derivative there; this
     * kata uses the usual convention ReLU′(0) = 0, for −0.0 too.
     *
     * @param z a pre-activation, not NaN (±∞ allowed: tanh′(±∞) = 0)
     * @return the slope, in [0, 1]
     * @throws IllegalArgumentException if z is NaN
     */
    public double derivative(double z) {
        throw new UnsupportedOperationException("TODO lesson 06: return tanh′(z) = 1 − tanh²(z) (as 1 / cosh²(z)) for TANH, and for RELU 1 when z > 0, 0 when z ≤ 0 (reject NaN)");
    }

    private static void requireNumber(double z) {
        if (Double.isNaN(z)) {
            throw new IllegalArgumentException("the pre-activation z is NaN");
        }
    }
}
