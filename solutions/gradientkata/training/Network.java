package gradientkata.training;

import java.util.Arrays;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Lesson 08: a deep, narrow, fully connected net for binary classification, trained by full-batch
 * gradient descent. Layer 0 maps the inputs to {@code width} units, layers 1 … depth map width to
 * width, and layer depth + 1 maps width to one logit. Layers 0 … depth apply the activation; the
 * last layer does not (the loss takes logits).
 *
 * <p>In a plain net every hidden layer replaces its input, h ← act(W·h + b). In a residual net
 * layers 1 … depth are residual blocks and add to it, h ← h + act(W·h + b); layer 0 cannot (its
 * input has another width) and neither can the last.
 *
 * <p>The hot loops run on plain {@code double[][]} arrays through {@link Dense}; Commons Math
 * appears only at the edges: a {@link RandomGenerator} for the initial weights, and copies of
 * weights and gradients as {@link RealMatrix} and {@link RealVector} for whoever inspects them.
 */
public final class Network {

    private final int inputs;
    private final int width;
    private final int depth;
    private final Activation activation;
    private final boolean residual;

    /** weights[l] is layer l's W (fan_out × fan_in), biases[l] its b; l = 0 … depth + 1. */
    private final double[][][] weights;
    private final double[][] biases;
    /** ∂ℓ/∂W and ∂ℓ/∂b of every layer, written by {@link #computeGradients}. */
    private final double[][][] weightGradients;
    private final double[][] biasGradients;

    // What the forward pass keeps for the backward pass, one column per sample, sized for the last
    // batch by buffersFor.
    /** layerInputs[l] is H_l, the batch entering layer l: layerInputs[0] is the data (inputs × batch), layerInputs[l + 1] layer l's output (width × batch). */
    private double[][][] layerInputs;
    /** preActivations[l] is layer l's Z = W·H + b; the last one (1 × batch) holds the logits. */
    private double[][][] preActivations;
    /** slopes[l] is act′(Z) of layer l, for l = 0 … depth (width × batch). */
    private double[][][] slopes;
    /** Scratch for the backward pass: ∂ℓ/∂H twice (this layer's and the one below), ∂ℓ/∂Z (width × batch), and ∂ℓ/∂logits (1 × batch). */
    private double[][] gradient;
    private double[][] gradientBelow;
    private double[][] gradientZ;
    private double[][] gradientLogits;

    /**
     * A freshly initialized net: every weight matrix from {@code initialization} (layers 0 … depth + 1
     * in that order, each drawn with {@link Initialization#weights}, the residual blocks' layers
     * marked as residual branches), every bias 0.
     *
     * @param inputs         the number of inputs per sample, at least 1
     * @param width          the number of units in every hidden layer, at least 1
     * @param depth          the number of width × width hidden layers (residual blocks in a residual net), at least 1
     * @param activation     the activation of layers 0 … depth
     * @param residual       true for residual blocks h ← h + act(W·h + b), false for plain layers h ← act(W·h + b)
     * @param initialization how the weights start
     * @param random         the seeded source of the initial weights
     * @throws IllegalArgumentException if a size is below 1 or an argument is null
     */
    public Network(int inputs, int width, int depth, Activation activation, boolean residual,
                   Initialization initialization, RandomGenerator random) {
        if (inputs < 1 || width < 1 || depth < 1) {
            throw new IllegalArgumentException("inputs, width and depth must each be at least 1, but they are "
                    + inputs + ", " + width + " and " + depth);
        }
        if (activation == null || initialization == null || random == null) {
            throw new IllegalArgumentException("the activation, the initialization and the random generator must not be null");
        }
        this.inputs = inputs;
        this.width = width;
        this.depth = depth;
        this.activation = activation;
        this.residual = residual;
        int layers = depth + 2;
        weights = new double[layers][][];
        biases = new double[layers][];
        weightGradients = new double[layers][][];
        biasGradients = new double[layers][];
        for (int l = 0; l < layers; l++) {
            int fanIn = l == 0 ? inputs : width;
            int fanOut = l == layers - 1 ? 1 : width;
            weights[l] = initialization.weights(fanIn, fanOut, isResidualBlock(l), depth, random);
            biases[l] = new double[fanOut];
            weightGradients[l] = new double[fanOut][fanIn];
            biasGradients[l] = new double[fanOut];
        }
    }

    /**
     * Runs a batch through the net and keeps every layer's input, pre-activation and slope for the
     * backward pass: for l = 0 … depth, Z_l = W_l·H_l + b_l and H_{l+1} = act(Z_l), plus H_l in a
     * residual block; then the logits Z_{depth+1} = W·H_{depth+1} + b. The batch is copied into
     * layerInputs[0] with one column per sample, the layout of {@link Dense}.
     *
     * @param batch one row of {@code inputs} numbers per sample, at least one sample
     * @return one logit per sample (a new array); NaN or infinite once the net has blown up
     * @throws IllegalArgumentException if the batch is null, empty or a row has the wrong length
     */
    public double[] forward(double[][] batch) {
        buffersFor(batch);
        for (int l = 0; l <= depth; l++) {
            double[][] h = layerInputs[l];
            double[][] z = preActivations[l];
            double[][] next = layerInputs[l + 1];
            Dense.forward(h, weights[l], biases[l], z);
            for (int j = 0; j < width; j++) {
                activation.activate(z[j], next[j], slopes[l][j]);
            }
            if (isResidualBlock(l)) {
                for (int j = 0; j < width; j++) {
                    double[] row = next[j];
                    double[] identity = h[j];
                    for (int s = 0; s < row.length; s++) {
                        row[s] += identity[s];
                    }
                }
            }
        }
        int last = depth + 1;
        Dense.forward(layerInputs[last], weights[last], biases[last], preActivations[last]);
        return Arrays.copyOf(preActivations[last][0], batch.length);
    }

    /**
     * One forward and one backward pass: the mean binary cross-entropy of the batch, and the
     * gradient of that loss with respect to every weight and bias, kept for {@link #step},
     * {@link #layerGradientNorms}, {@link #weightGradient} and {@link #biasGradient}.
     *
     * <p>Backward, from the last layer to the first: ∂ℓ/∂Z of a hidden layer is ∂ℓ/∂H_{l+1} ⊙ act′(Z_l);
     * {@link Dense#backward} turns it into the layer's gradients and ∂ℓ/∂H_l; a residual block adds
     * ∂ℓ/∂H_{l+1} once more to ∂ℓ/∂H_l, for the identity path h ↦ h.
     *
     * @param batch  as for {@link #forward}
     * @param labels one label per sample, each 0 or 1
     * @return the mean loss before this step; NaN or infinite once the net has blown up
     * @throws IllegalArgumentException if the batch or the labels are not valid (see {@link #forward} and {@link BinaryCrossEntropy})
     */
    public double computeGradients(double[][] batch, double[] labels) {
        double[] logits = forward(batch);
        double loss = BinaryCrossEntropy.loss(logits, labels);
        BinaryCrossEntropy.gradient(logits, labels, gradientLogits[0]);
        int last = depth + 1;
        Dense.backward(layerInputs[last], weights[last], gradientLogits, weightGradients[last], biasGradients[last], gradient);
        for (int l = depth; l >= 0; l--) {
            for (int j = 0; j < width; j++) {
                double[] g = gradient[j];
                double[] slope = slopes[l][j];
                double[] gz = gradientZ[j];
                for (int s = 0; s < g.length; s++) {
                    gz[s] = g[s] * slope[s];
                }
            }
            double[][] below = l == 0 ? null : gradientBelow;
            Dense.backward(layerInputs[l], weights[l], gradientZ, weightGradients[l], biasGradients[l], below);
            if (isResidualBlock(l)) {
                for (int j = 0; j < width; j++) {
                    double[] g = gradient[j];
                    double[] b = below[j];
                    for (int s = 0; s < g.length; s++) {
                        b[s] += g[s];
                    }
                }
            }
            if (below != null) {
                gradientBelow = gradient;
                gradient = below;
            }
        }
        return loss;
    }

    /**
     * One step of gradient descent with the gradients of the last {@link #computeGradients}:
     * W ← W − rate·∂ℓ/∂W and b ← b − rate·∂ℓ/∂b, for every layer.
     *
     * @param learningRate the step size, finite and &gt; 0
     * @throws IllegalArgumentException if the learning rate is not finite and positive
     */
    public void step(double learningRate) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("the learning rate is " + learningRate + ": it must be finite and positive");
        }
        for (int l = 0; l < weights.length; l++) {
            double[][] w = weights[l];
            double[][] dw = weightGradients[l];
            for (int k = 0; k < w.length; k++) {
                for (int j = 0; j < w[k].length; j++) {
                    w[k][j] -= learningRate * dw[k][j];
                }
            }
            double[] b = biases[l];
            double[] db = biasGradients[l];
            for (int j = 0; j < b.length; j++) {
                b[j] -= learningRate * db[j];
            }
        }
    }

    /**
     * The Frobenius norm ‖∂ℓ/∂W_l‖ = √(Σ entries²) of every layer's weight gradient, from the last
     * {@link #computeGradients}: entry 0 is the first layer, entry depth + 1 the last. Computed
     * without overflow (a norm of 1e200 comes back as 1e200, not Infinity); NaN if an entry is NaN.
     *
     * @return depth + 2 norms, first layer first (all 0 before the first computeGradients)
     */
    public double[] layerGradientNorms() {
        double[] norms = new double[weightGradients.length];
        for (int l = 0; l < norms.length; l++) {
            // √(Σ x²), divided by the largest |x| first so that the squares can neither overflow nor underflow.
            double largest = 0;
            for (double[] row : weightGradients[l]) {
                for (double x : row) {
                    largest = Math.max(largest, Math.abs(x));
                }
            }
            if (largest == 0 || Double.isInfinite(largest) || Double.isNaN(largest)) {
                norms[l] = largest;
                continue;
            }
            double sum = 0;
            for (double[] row : weightGradients[l]) {
                for (double x : row) {
                    double scaled = x / largest;
                    sum += scaled * scaled;
                }
            }
            norms[l] = largest * Math.sqrt(sum);
        }
        return norms;
    }

    /**
     * Trains for {@code steps} full-batch steps: computeGradients, then step.
     *
     * @return the loss at every step, before that step's update
     * @throws IllegalArgumentException if steps is negative, or as for {@link #computeGradients} and {@link #step}
     */
    public double[] train(double[][] batch, double[] labels, double learningRate, int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("the number of steps is " + steps + ": it must not be negative");
        }
        double[] losses = new double[steps];
        for (int t = 0; t < steps; t++) {
            losses[t] = computeGradients(batch, labels);
            step(learningRate);
        }
        return losses;
    }

    /**
     * The fraction of samples the net classifies right: a logit above 0 means label 1.
     *
     * @throws IllegalArgumentException as for {@link #computeGradients}
     */
    public double accuracy(double[][] batch, double[] labels) {
        double[] logits = forward(batch);
        if (labels == null || labels.length != logits.length) {
            throw new IllegalArgumentException("there must be one label per sample");
        }
        int right = 0;
        for (int s = 0; s < logits.length; s++) {
            if ((logits[s] > 0 ? 1 : 0) == labels[s]) {
                right++;
            }
        }
        return (double) right / logits.length;
    }

    /** The number of layers with weights: depth + 2. */
    public int layers() {
        return weights.length;
    }

    /** Whether layer l is the branch of a residual block: layers 1 … depth of a residual net. */
    public boolean isResidualBlock(int layer) {
        return residual && layer >= 1 && layer <= depth;
    }

    /** A copy of layer l's weights W (fan_out × fan_in). */
    public RealMatrix weights(int layer) {
        return MatrixUtils.createRealMatrix(weights[checkLayer(layer)]);
    }

    /** A copy of layer l's bias b. */
    public RealVector biases(int layer) {
        return new ArrayRealVector(biases[checkLayer(layer)]);
    }

    /**
     * Replaces layer l's weights with a copy of {@code w}, for experiments and checks that need a
     * net with particular weights.
     *
     * @throws IllegalArgumentException if the layer does not exist or w has another shape
     */
    public void setWeights(int layer, RealMatrix w) {
        double[][] current = weights[checkLayer(layer)];
        if (w == null || w.getRowDimension() != current.length || w.getColumnDimension() != current[0].length) {
            throw new IllegalArgumentException("layer " + layer + "'s weights must be " + current.length + " × " + current[0].length);
        }
        weights[layer] = w.getData();
    }

    /** A copy of ∂ℓ/∂W of layer l, from the last {@link #computeGradients}. */
    public RealMatrix weightGradient(int layer) {
        return MatrixUtils.createRealMatrix(weightGradients[checkLayer(layer)]);
    }

    /** A copy of ∂ℓ/∂b of layer l, from the last {@link #computeGradients}. */
    public RealVector biasGradient(int layer) {
        return new ArrayRealVector(biasGradients[checkLayer(layer)]);
    }

    private int checkLayer(int layer) {
        if (layer < 0 || layer >= weights.length) {
            throw new IllegalArgumentException("layer " + layer + " does not exist: the layers are 0 to " + (weights.length - 1));
        }
        return layer;
    }

    /** Checks the batch, and (re)allocates what the passes keep when the batch size changes. */
    private void buffersFor(double[][] batch) {
        if (batch == null || batch.length == 0) {
            throw new IllegalArgumentException("the batch is null or empty: it needs at least one sample");
        }
        for (int s = 0; s < batch.length; s++) {
            if (batch[s] == null || batch[s].length != inputs) {
                throw new IllegalArgumentException("sample " + s + " has " + (batch[s] == null ? "no row" : batch[s].length + " inputs")
                        + ", but the net takes " + inputs);
            }
        }
        int n = batch.length;
        if (layerInputs == null || layerInputs[0][0].length != n) {
            int layers = depth + 2;
            layerInputs = new double[layers][][];
            preActivations = new double[layers][][];
            slopes = new double[depth + 1][][];
            for (int l = 0; l < layers; l++) {
                layerInputs[l] = new double[l == 0 ? inputs : width][n];
                preActivations[l] = new double[l == layers - 1 ? 1 : width][n];
                if (l <= depth) {
                    slopes[l] = new double[width][n];
                }
            }
            gradient = new double[width][n];
            gradientBelow = new double[width][n];
            gradientZ = new double[width][n];
            gradientLogits = new double[1][n];
        }
        // The data, one row per sample, turned into one column per sample.
        for (int s = 0; s < n; s++) {
            for (int k = 0; k < inputs; k++) {
                layerInputs[0][k][s] = batch[s][k];
            }
        }
    }
}
