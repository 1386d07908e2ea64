package gradientkata.saturation;

/**
 * Lesson 03: the activation functions of a network and their derivatives, the local factors
 * that backpropagation multiplies layer after layer. The sigmoid's derivative never exceeds 1/4
 * and decays like e^−|z| once a unit saturates.
 */
public final class Activations {

    private Activations() {
    }

    /**
     * The logistic sigmoid σ(z) = 1 / (1 + e^−z).
     *
     * @param z the pre-activation (not NaN; ±∞ give 1 and 0)
     * @return σ(z), in [0, 1]
     * @throws IllegalArgumentException if z is NaN
     */
    public static double sigmoid(double z) {
        throw new UnsupportedOperationException("TODO lesson 03: return 1 / (1 + e^-z), without producing NaN for very large |z| (reject NaN)");
    }

    /**
     * The derivative of the sigmoid, σ′(z) = σ(z)(1 − σ(z)), evaluated so that it stays accurate
     * far into the tails: for large |z| it is about e^−|z|, a small but perfectly representable
     * number, and must not be rounded to 0.0 by computing 1 − σ(z).
     *
     * @param z the pre-activation (not NaN)
     * @return σ′(z), in [0, 1/4], with its maximum 1/4 at z = 0
     * @throws IllegalArgumentException if z is NaN
     */
    public static double sigmoidDerivative(double z) {
        throw new UnsupportedOperationException("TODO lesson 03: return σ'(z) = σ(z)(1 - σ(z)) in a form that does not round to 0.0 for large |z| (reject NaN)");
    }

    /**
     * The derivative of the hyperbolic tangent, tanh′(z) = 1 − tanh²(z) = 1 / cosh²(z).
     *
     * @param z the pre-activation (not NaN)
     * @return tanh′(z), in [0, 1], with its maximum 1 at z = 0
     * @throws IllegalArgumentException if z is NaN
     */
    public static double tanhDerivative(double z) {
        throw new UnsupportedOperationException("TODO lesson 03: return tanh'(z) = 1 - tanh(z)^2 (reject NaN)");
    }

    /**
     * The derivative of the rectifier ReLU(z) = max(0, z). ReLU has no derivative at 0; this kata
     * uses the usual convention ReLU′(0) = 0 (the same for −0.0).
     *
     * @param z the pre-activation (not NaN)
     * @return 1 for z &gt; 0, and 0 for z ≤ 0
     * @throws IllegalArgumentException if z is NaN
     */
    public static double reluDerivative(double z) {
        throw new UnsupportedOperationException("TODO lesson 03: return 1 for z > 0 and 0 otherwise, 0 included (reject NaN)");
    }
}
