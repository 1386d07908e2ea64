package gradientkata.recurrent;

/**
 * Lesson 09: a recurrent net with one unit, h_t = tanh(w·h_{t−1} + u·x_t + b). The same weight w
 * multiplies the state at every time step, so the gradient through T steps is a product of T
 * factors w·tanh′(a_t): lesson 04's repeated product, laid out along time.
 *
 * <p>Time steps are numbered 1 … T; {@code inputs[t − 1]} is x_t, and a_t = w·h_{t−1} + u·x_t + b
 * is the pre-activation of step t, computed in that order. An empty sequence (T = 0) is legal:
 * nothing happens, h_T = h_0. The weights are fixed when the net is made; the net is immutable.
 */
public final class ScalarRnn {

    private final double w;
    private final double u;
    private final double b;

    /**
     * A net with recurrent weight w, input weight u and bias b.
     *
     * @throws IllegalArgumentException if a weight or the bias is NaN or infinite
     */
    public ScalarRnn(double w, double u, double b) {
        requireFinite("the recurrent weight w", w);
        requireFinite("the input weight u", u);
        requireFinite("the bias b", b);
        this.w = w;
        this.u = u;
        this.b = b;
    }

    /**
     * tanh′(z) = 1 − tanh²(z) = 1/cosh²(z), accurate in the tails: near z = ±20, tanh(z) rounds to
     * ±1.0 and 1 − tanh² to 0, while the true slope is 1.7e-17. Written as (1/cosh z)², the
     * factor 1/cosh z stays a normal double as long as the answer can be one.
     *
     * @param z any number but NaN; ±Infinity gives 0
     * @return tanh′(z) in (0, 1], to within a relative 1e-14 while it is a normal double (|z| up to
     *         about 354); below that the nearest subnormal, and 0 from |z| ≈ 373 on
     * @throws IllegalArgumentException if z is NaN
     */
    public static double tanhDerivative(double z) {
        if (Double.isNaN(z)) {
            throw new IllegalArgumentException("tanh′ of NaN: the pre-activation is not a number");
        }
        double sech = 1.0 / Math.cosh(z);
        return sech * sech;
    }

    /**
     * The forward pass: the states h_0, h_1, …, h_T, with h_t = tanh(a_t) and
     * a_t = w·h_{t−1} + u·x_t + b.
     *
     * @param h0     the initial state, in [−1, 1] (the range of tanh)
     * @param inputs x_1 … x_T, finite; T = inputs.length may be 0; not modified
     * @return a new array of T + 1 states, h_0 first
     * @throws IllegalArgumentException if h0 is NaN or outside [−1, 1], or inputs is null or holds a
     *                                  NaN or infinite entry (the message names the step)
     */
    public double[] states(double h0, double[] inputs) {
        requireSequence(h0, inputs);
        double[] h = new double[inputs.length + 1];
        h[0] = h0;
        for (int t = 1; t <= inputs.length; t++) {
            h[t] = Math.tanh(preActivation(h[t - 1], inputs[t - 1]));
        }
        return h;
    }

    /**
     * Backpropagation through time from the last state to the first: ∂h_T/∂h_0 = Π_{t=1…T} w·tanh′(a_t),
     * one factor per step (1 for T = 0).
     *
     * <p>The product is accumulated without intermediate overflow or underflow (with {@link Scaled}):
     * factors 10¹⁰ for 40 steps, then one of 10⁻²⁵⁰, give 10¹⁵⁰, not Infinity. The answer is ±Infinity
     * only if the true product is beyond the largest double, and 0 only if it is below the smallest.
     *
     * @param h0     the initial state, in [−1, 1]
     * @param inputs x_1 … x_T, finite (T = 0 allowed); not modified
     * @return ∂h_T/∂h_0, the product of the factors w and tanh′(a_t) (each tanh′ as {@link #tanhDerivative}
     *         gives it) rounded once, to within a relative 1e-13·(T + 1)
     * @throws IllegalArgumentException as {@link #states}
     */
    public double gradientThroughTime(double h0, double[] inputs) {
        double[] h = states(h0, inputs);
        Scaled product = Scaled.ONE;
        for (int t = inputs.length; t >= 1; t--) {
            product = product.times(w).times(tanhDerivative(preActivation(h[t - 1], inputs[t - 1])));
        }
        return product.toDouble();
    }

    /**
     * ∂h_T/∂w by backpropagation through time. The one weight w is used at every step, so its
     * gradient is a sum over the steps: Σ_{t=1…T} δ_t·tanh′(a_t)·h_{t−1}, where δ_t = ∂h_T/∂h_t =
     * Π_{s=t+1…T} w·tanh′(a_s) is what reaches step t from the end (δ_T = 1). For a loss ℓ(h_T),
     * ∂ℓ/∂w is this times ℓ′(h_T).
     *
     * <p>Accumulated without intermediate overflow or underflow (with {@link Scaled}): ±Infinity only
     * if the true sum is beyond the largest double.
     *
     * @param h0     the initial state, in [−1, 1]
     * @param inputs x_1 … x_T, finite (T = 0 allowed, the gradient is then 0); not modified
     * @return ∂h_T/∂w, to within 1e-13·(T + 1) times Σ_t |δ_t·tanh′(a_t)·h_{t−1}| (the terms may cancel)
     * @throws IllegalArgumentException as {@link #states}
     */
    public double weightGradient(double h0, double[] inputs) {
        double[] h = states(h0, inputs);
        Scaled delta = Scaled.ONE;
        Scaled sum = Scaled.ZERO;
        for (int t = inputs.length; t >= 1; t--) {
            double slope = tanhDerivative(preActivation(h[t - 1], inputs[t - 1]));
            sum = sum.plus(delta.times(slope).times(h[t - 1]));
            delta = delta.times(w).times(slope);
        }
        return sum.toDouble();
    }

    /** a_t = w·h_{t−1} + u·x_t + b, in this order (it may be ±Infinity when u·x_t overflows, never NaN). */
    private double preActivation(double previous, double input) {
        return w * previous + u * input + b;
    }

    private static void requireSequence(double h0, double[] inputs) {
        if (!(h0 >= -1.0 && h0 <= 1.0)) {
            throw new IllegalArgumentException("the initial state h0 must lie in [−1, 1], the range of tanh, got " + h0);
        }
        if (inputs == null) {
            throw new IllegalArgumentException("the inputs are missing (null); an empty sequence is new double[0]");
        }
        for (int t = 1; t <= inputs.length; t++) {
            requireFinite("the input x_" + t, inputs[t - 1]);
        }
    }

    private static void requireFinite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number, got " + value);
        }
    }
}
