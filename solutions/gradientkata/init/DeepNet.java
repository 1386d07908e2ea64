package gradientkata.init;

import java.util.ArrayList; // to collect the layers
import java.util.List;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.MathArrays; // safeNorm, for spread

/**
 * Lesson 06: a deep stack of layers h_i = f(W_i·h_{i−1}), one activation f for every layer and no
 * biases, its backward pass, the spread of a vector, and one step of gradient descent.
 *
 * <p>Layer i has a weight matrix W_i with one row per output and one column per input, so W_i has
 * as many columns as W_{i−1} has rows, and W_1 as many columns as the input has entries. The loss
 * ℓ is not fixed here: the backward pass starts from its gradient at the output, ∂ℓ/∂h_L.
 */
public final class DeepNet {

    private DeepNet() {
    }

    /**
     * Runs {@code input} through the layers, first layer first: h₀ = input, z_i = W_i·h_{i−1},
     * h_i = f(z_i).
     *
     * @param weights    W_1, …, W_L, first layer first (may be empty: a net with no layers)
     * @param activation f, applied to every entry of every z_i
     * @param input      h₀: not empty, every entry finite
     * @return h₀, h₁, …, h_L (L + 1 vectors). The values are those of double arithmetic: a layer
     *         whose values pass about 1.8e308 holds ±∞, and the layers after it may hold NaN
     *         ({@link #spread} rejects both)
     * @throws IllegalArgumentException if weights or activation is null, the input is empty or has a
     *                                  NaN or infinite entry, a matrix is null, has a NaN or infinite
     *                                  entry, or its column count differs from the size of the layer before it
     */
    public static List<RealVector> forward(List<RealMatrix> weights, Activation activation, RealVector input) {
        requireNet(weights, activation, input);
        List<RealVector> states = new ArrayList<>();
        states.add(input);
        RealVector h = input;
        for (RealMatrix w : weights) {
            h = w.operate(h).map(activation::apply);
            states.add(h);
        }
        return states;
    }

    /**
     * Backpropagates {@code outputGradient} = ∂ℓ/∂h_L through every layer: with z_i = W_i·h_{i−1}
     * from the forward pass, ∂ℓ/∂h_{i−1} = W_iᵀ·(f′(z_i) ⊙ ∂ℓ/∂h_i), where ⊙ multiplies entry by entry.
     *
     * @param weights        W_1, …, W_L, first layer first (may be empty)
     * @param activation     f
     * @param input          h₀, as for {@link #forward}
     * @param outputGradient ∂ℓ/∂h_L: as many entries as h_L, every one finite
     * @return ∂ℓ/∂h₀, ∂ℓ/∂h₁, …, ∂ℓ/∂h_L (L + 1 vectors; the last is outputGradient)
     * @throws IllegalArgumentException for bad weights, activation or input as in {@link #forward}, or
     *                                  an output gradient that is null, of the wrong size, or not finite
     */
    public static List<RealVector> backward(List<RealMatrix> weights, Activation activation, RealVector input,
                                            RealVector outputGradient) {
        List<RealVector> states = forward(weights, activation, input);
        int depth = weights.size();
        requireVector("the output gradient ∂ℓ/∂h_L", outputGradient, states.get(depth).getDimension());
        RealVector[] gradients = new RealVector[depth + 1];
        gradients[depth] = outputGradient;
        for (int layer = depth; layer >= 1; layer--) {
            RealMatrix w = weights.get(layer - 1);
            RealVector delta = delta(w, activation, states.get(layer - 1), gradients[layer]);
            gradients[layer - 1] = w.preMultiply(delta);   // Wᵀ·δ, written as δᵀ·W
        }
        return List.of(gradients);
    }

    /**
     * The gradient of the loss with respect to every weight: ∂ℓ/∂W_i = δ_i·h_{i−1}ᵀ, the outer
     * product of δ_i = f′(z_i) ⊙ ∂ℓ/∂h_i and the layer's input h_{i−1}. Entry (k, j) is how much ℓ
     * moves per unit change of the weight from input j to unit k.
     *
     * @param weights        W_1, …, W_L (may be empty)
     * @param activation     f
     * @param input          h₀
     * @param outputGradient ∂ℓ/∂h_L
     * @return one matrix per layer, each the same shape as its W_i
     * @throws IllegalArgumentException for bad input, as in {@link #backward}
     */
    public static List<RealMatrix> weightGradients(List<RealMatrix> weights, Activation activation, RealVector input,
                                                   RealVector outputGradient) {
        List<RealVector> states = forward(weights, activation, input);
        List<RealVector> gradients = backward(weights, activation, input, outputGradient);
        List<RealMatrix> result = new ArrayList<>();
        for (int layer = 1; layer <= weights.size(); layer++) {
            RealVector delta = delta(weights.get(layer - 1), activation, states.get(layer - 1), gradients.get(layer));
            result.add(delta.outerProduct(states.get(layer - 1)));
        }
        return result;
    }

    /**
     * One step of gradient descent on the squared error ℓ = ½·‖h_L − target‖², whose gradient at
     * the output is h_L − target: every W_i becomes W_i − η·∂ℓ/∂W_i. The matrices passed in are
     * not changed.
     *
     * @param weights      W_1, …, W_L (may be empty)
     * @param activation   f
     * @param input        h₀
     * @param target       the wanted output: as many entries as h_L, every one finite
     * @param learningRate η, finite and &gt; 0
     * @return the new weights, one matrix per layer
     * @throws IllegalArgumentException for bad weights, activation or input as in {@link #forward}, a
     *                                  target that is null, of the wrong size or not finite, or a
     *                                  learning rate that is NaN, ≤ 0 or infinite
     */
    public static List<RealMatrix> step(List<RealMatrix> weights, Activation activation, RealVector input,
                                        RealVector target, double learningRate) {
        if (Double.isNaN(learningRate) || learningRate <= 0.0 || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("the learning rate must be a finite number > 0, got " + learningRate);
        }
        List<RealVector> states = forward(weights, activation, input);
        RealVector output = states.get(weights.size());
        requireVector("the target", target, output.getDimension());
        List<RealMatrix> gradients = weightGradients(weights, activation, input, output.subtract(target));
        List<RealMatrix> updated = new ArrayList<>();
        for (int layer = 0; layer < weights.size(); layer++) {
            updated.add(weights.get(layer).subtract(gradients.get(layer).scalarMultiply(learningRate)));
        }
        return updated;
    }

    /**
     * The spread of a layer's values: their root mean square √((v₁² + … + v_n²) / n). For values
     * with mean zero it is their standard deviation; unlike the standard deviation it does not
     * ignore a common offset (ReLU's outputs are never negative), and it is what the variance
     * argument tracks: the mean square E[h²].
     *
     * @param values a vector with at least one entry, every one finite
     * @return the root mean square, ≥ 0; right for entries as large as 1e300 or as small as 1e-300
     * @throws IllegalArgumentException if values is null or empty, or has a NaN or infinite entry
     */
    public static double spread(RealVector values) {
        requireVector("the vector", values, values == null ? 0 : values.getDimension());
        // safeNorm, not getNorm: squaring entries beyond about 1e154 overflows, and squaring
        // entries below about 1e-162 underflows, long before the root mean square does.
        return MathArrays.safeNorm(values.toArray()) / Math.sqrt(values.getDimension());
    }

    /** δ = f′(z) ⊙ g with z = W·h: the gradient with respect to the layer's pre-activation. */
    private static RealVector delta(RealMatrix w, Activation activation, RealVector h, RealVector g) {
        RealVector z = w.operate(h);
        return z.map(activation::derivative).ebeMultiply(g);
    }

    private static void requireNet(List<RealMatrix> weights, Activation activation, RealVector input) {
        if (weights == null) {
            throw new IllegalArgumentException("the list of weight matrices is null");
        }
        if (activation == null) {
            throw new IllegalArgumentException("the activation is null");
        }
        requireVector("the input h₀", input, input == null ? 0 : input.getDimension());
        int size = input.getDimension();
        for (int layer = 1; layer <= weights.size(); layer++) {
            RealMatrix w = weights.get(layer - 1);
            String name = "layer " + layer + "'s weight matrix";
            if (w == null) {
                throw new IllegalArgumentException(name + " is null");
            }
            if (w.getColumnDimension() != size) {
                throw new IllegalArgumentException(name + " is " + w.getRowDimension() + "×" + w.getColumnDimension()
                        + " but the layer before it has " + size + " values: it needs one column per input");
            }
            for (int row = 0; row < w.getRowDimension(); row++) {
                for (int column = 0; column < size; column++) {
                    double entry = w.getEntry(row, column);
                    if (Double.isNaN(entry) || Double.isInfinite(entry)) {
                        throw new IllegalArgumentException(name + " has " + entry + " at (" + row + ", " + column + ")");
                    }
                }
            }
            size = w.getRowDimension();
        }
    }

    private static void requireVector(String name, RealVector v, int dimension) {
        if (v == null || v.getDimension() == 0) {
            throw new IllegalArgumentException(name + " is missing or empty");
        }
        if (v.getDimension() != dimension) {
            throw new IllegalArgumentException(name + " has " + v.getDimension() + " entries, expected " + dimension);
        }
        for (int k = 0; k < v.getDimension(); k++) {
            double entry = v.getEntry(k);
            if (Double.isNaN(entry) || Double.isInfinite(entry)) {
                throw new IllegalArgumentException(name + " has " + entry + " at entry " + k + ": every entry must be finite");
            }
        }
    }
}
