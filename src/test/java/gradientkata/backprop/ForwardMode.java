package gradientkata.backprop;

import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.apache.commons.math3.analysis.function.Sigmoid;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * Independent expectations for lesson 02: forward-mode differentiation of the chain
 * hₖ = σ(wₖ·hₖ₋₁ + bₖ) with Commons Math's {@link DerivativeStructure}. The input, every weight
 * and every bias are free parameters, so one pass forward carries all 2n + 1 partial derivatives
 * of the output at once. Nothing here calls the code under test.
 */
final class ForwardMode {

    private static final Sigmoid SIGMOID = new Sigmoid();

    private ForwardMode() {
    }

    /**
     * Every partial derivative of hₙ, in the order of {@link Gradients#toVector()}:
     * [∂x, ∂w₁ … ∂wₙ, ∂b₁ … ∂bₙ].
     */
    static double[] gradients(double[] weights, double[] biases, double x) {
        int n = weights.length;
        int parameters = 1 + 2 * n;
        DerivativeStructure h = new DerivativeStructure(parameters, 1, 0, x);
        for (int k = 0; k < n; k++) {
            DerivativeStructure w = new DerivativeStructure(parameters, 1, 1 + k, weights[k]);
            DerivativeStructure b = new DerivativeStructure(parameters, 1, 1 + n + k, biases[k]);
            h = SIGMOID.value(w.multiply(h).add(b));
        }
        double[] partials = new double[parameters];
        for (int p = 0; p < parameters; p++) {
            int[] orders = new int[parameters];
            orders[p] = 1;
            partials[p] = h.getPartialDerivative(orders);
        }
        return partials;
    }

    /** ∂hₙ/∂x alone, for a chain of {@code depth} identical layers σ(w·h + b). */
    static double inputGradient(int depth, double weight, double bias, double x) {
        DerivativeStructure h = new DerivativeStructure(1, 1, 0, x);
        for (int k = 0; k < depth; k++) {
            h = SIGMOID.value(h.multiply(weight).add(bias));
        }
        return h.getPartialDerivative(1);
    }

    /**
     * A seeded random chain: weights in [−2, 2), biases in [−1, 1), and an input in [−1, 1), so
     * every pre-activation stays within [−3, 3] and no layer saturates.
     *
     * @return {weights, biases, {x}}
     */
    static double[][] randomChain(long seed, int depth) {
        RandomGenerator random = new Well19937c(seed);
        double[] weights = new double[depth];
        double[] biases = new double[depth];
        for (int k = 0; k < depth; k++) {
            weights[k] = 4 * random.nextDouble() - 2;
            biases[k] = 2 * random.nextDouble() - 1;
        }
        return new double[][] {weights, biases, {2 * random.nextDouble() - 1}};
    }
}
