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
        requireNumber(z);
        return 1.0 / (1.0 + Math.exp(-z));
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
        requireNumber(z);
        // σ′(z) = e^−|z| / (1 + e^−|z|)²: the same number as σ(z)(1 − σ(z)), with no subtraction
        // from 1 to cancel away its digits, and an exponential that can only underflow, never overflow.
        double e = Math.exp(-Math.abs(z));
        return e / ((1.0 + e) * (1.0 + e));
    }

    /**
     * The derivative of the hyperbolic tangent, tanh′(z) = 1 − tanh²(z) = 1 / cosh²(z).
     *
     * @param z the pre-activation (not NaN)
     * @return tanh′(z), in [0, 1], with its maximum 1 at z = 0
     * @throws IllegalArgumentException if z is NaN
     */
    public static double tanhDerivative(double z) {
        requireNumber(z);
        // 1 / cosh² is the same value as 1 − tanh², without the cancellation once tanh(z) is near ±1.
        double cosh = Math.cosh(z);
        return 1.0 / (cosh * cosh);
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
        requireNumber(z);
        return z > 0.0 ? 1.0 : 0.0;
    }

    private static void requireNumber(double z) {
        if (Double.isNaN(z)) {
            throw new IllegalArgumentException("the pre-activation z is NaN");
        }
    }
}
