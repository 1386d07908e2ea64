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
     * The logistic sigmoid σ(z) = 1 / (1 + e^−z), for every z that is not NaN. Far out on the
     * negative side σ(z) ≈ e^z is tiny but still a double: σ(−720) ≈ 1.9e-313 (a subnormal), and
     * only below z ≈ −745.13 is the true value under half the smallest double, so 0.0.
     *
     * @param z the pre-activation (not NaN; ±∞ give 1 and 0)
     * @return σ(z), in [0, 1], to within a relative 1e-12 where it is a normal double and within
     *         one step of the smallest double where it is subnormal
     * @throws IllegalArgumentException if z is NaN
     */
    public static double sigmoid(double z) {
        throw new UnsupportedOperationException("TODO lesson 03: return 1 / (1 + e^-z), never NaN and not 0.0 where σ(z) is a subnormal double: for z < 0 use e^z / (1 + e^z) (reject NaN)");
    }

    /**
     * The derivative of the sigmoid, σ′(z) = σ(z)(1 − σ(z)), evaluated so that it stays accurate
     * far into the tails: for large |z| it is about e^−|z|, a small but perfectly representable
     * number, and must not be rounded to 0.0 by computing 1 − σ(z). Between |z| ≈ 708.4 and
     * |z| ≈ 745.13 it is a subnormal double, not zero; beyond that it rounds to 0.0.
     *
     * @param z the pre-activation (not NaN)
     * @return σ′(z), in [0, 1/4], with its maximum 1/4 at z = 0; to within a relative 1e-12 where it
     *         is a normal double and within one step of the smallest double where it is subnormal
     * @throws IllegalArgumentException if z is NaN
     */
    public static double sigmoidDerivative(double z) {
        throw new UnsupportedOperationException("TODO lesson 03: return σ'(z) = σ(z)(1 - σ(z)) in a form that does not round to 0.0 for large |z| (reject NaN)");
    }

    /**
     * The derivative of the hyperbolic tangent, tanh′(z) = 1 − tanh²(z) = 1 / cosh²(z), evaluated
     * so that it keeps its digits in the tails: 1 − tanh²(z) cancels once tanh(z) is near ±1
     * (at z = 10 it keeps only 8 of 16 digits, and from |z| ≈ 19.1 on it is 0.0), and cosh²(z)
     * overflows from |z| ≈ 355.6 on although tanh′(z) ≈ 4e^−2|z| is a double until |z| ≈ 373.26.
     *
     * @param z the pre-activation (not NaN)
     * @return tanh′(z), in [0, 1], with its maximum 1 at z = 0; to within a relative 1e-12 where it
     *         is a normal double and within one step of the smallest double where it is subnormal
     * @throws IllegalArgumentException if z is NaN
     */
    public static double tanhDerivative(double z) {
        throw new UnsupportedOperationException("TODO lesson 03: return tanh'(z) = 1 - tanh(z)^2 = 1 / cosh(z)^2 without cancelling or overflowing: (2t / (1 + t^2))^2 with t = e^-|z| (reject NaN)");
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
