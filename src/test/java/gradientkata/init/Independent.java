package gradientkata.init;

import java.util.List;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * The tests' own view of a deep stack, independent of the lesson's code: loops over doubles, and
 * forward-mode differentiation with Commons Math's {@link DerivativeStructure} (one seeded
 * variable, an input entry or a weight, per pass), so that every gradient the tests expect comes
 * from a method other than backpropagation.
 */
final class Independent {

    private Independent() {
    }

    /** f(z) on a derivative structure: tanh, or ReLU as z itself for z &gt; 0 and 0·z otherwise (ReLU′(0) = 0). */
    static DerivativeStructure activate(Activation activation, DerivativeStructure z) {
        if (activation == Activation.TANH) {
            return z.tanh();
        }
        return z.getValue() > 0.0 ? z : z.multiply(0.0);
    }

    /**
     * ℓ = gᵀ·h_L as a derivative structure, where the seeded variable is input entry {@code inputIndex}
     * (layer = 0) or the weight (row, column) of layer {@code layer} (1-based); its derivative is
     * ∂ℓ/∂(that number) when g = ∂ℓ/∂h_L.
     */
    static double derivative(List<RealMatrix> weights, Activation activation, RealVector input, RealVector g,
                             int layer, int row, int column) {
        DerivativeStructure[] h = new DerivativeStructure[input.getDimension()];
        for (int j = 0; j < h.length; j++) {
            h[j] = layer == 0 && j == column
                    ? new DerivativeStructure(1, 1, 0, input.getEntry(j))
                    : new DerivativeStructure(1, 1, input.getEntry(j));
        }
        for (int i = 1; i <= weights.size(); i++) {
            RealMatrix w = weights.get(i - 1);
            DerivativeStructure[] next = new DerivativeStructure[w.getRowDimension()];
            for (int k = 0; k < next.length; k++) {
                DerivativeStructure z = new DerivativeStructure(1, 1, 0.0);
                for (int j = 0; j < h.length; j++) {
                    DerivativeStructure weight = i == layer && k == row && j == column
                            ? new DerivativeStructure(1, 1, 0, w.getEntry(k, j))
                            : new DerivativeStructure(1, 1, w.getEntry(k, j));
                    z = z.add(weight.multiply(h[j]));
                }
                next[k] = activate(activation, z);
            }
            h = next;
        }
        DerivativeStructure loss = new DerivativeStructure(1, 1, 0.0);
        for (int k = 0; k < h.length; k++) {
            loss = loss.add(h[k].multiply(g.getEntry(k)));
        }
        return loss.getPartialDerivative(1);
    }

    /** h_L by plain loops over doubles. */
    static double[] output(List<RealMatrix> weights, Activation activation, double[] input) {
        double[] h = input.clone();
        for (RealMatrix w : weights) {
            double[] next = new double[w.getRowDimension()];
            for (int k = 0; k < next.length; k++) {
                double z = 0.0;
                for (int j = 0; j < h.length; j++) {
                    z += w.getEntry(k, j) * h[j];
                }
                next[k] = activation == Activation.TANH ? Math.tanh(z) : Math.max(0.0, z);
            }
            h = next;
        }
        return h;
    }

    /** ½·‖h_L − target‖², by plain loops. */
    static double loss(List<RealMatrix> weights, Activation activation, RealVector input, RealVector target) {
        double[] out = output(weights, activation, input.toArray());
        double sum = 0.0;
        for (int k = 0; k < out.length; k++) {
            double d = out[k] - target.getEntry(k);
            sum += d * d;
        }
        return 0.5 * sum;
    }

    /** Layers with entries N(0, std²) drawn by the test's own generator: widths[0] inputs, then one layer per width. */
    static List<RealMatrix> net(long seed, double std, int... widths) {
        RandomGenerator random = new Well19937c(seed);
        RealMatrix[] layers = new RealMatrix[widths.length - 1];
        for (int i = 1; i < widths.length; i++) {
            RealMatrix w = MatrixUtils.createRealMatrix(widths[i], widths[i - 1]);
            for (int k = 0; k < widths[i]; k++) {
                for (int j = 0; j < widths[i - 1]; j++) {
                    w.setEntry(k, j, std * random.nextGaussian());
                }
            }
            layers[i - 1] = w;
        }
        return List.of(layers);
    }

    /** A vector of n draws from N(0, 1). */
    static RealVector gaussian(long seed, int n) {
        RandomGenerator random = new Well19937c(seed);
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            v[k] = random.nextGaussian();
        }
        return new ArrayRealVector(v, false);
    }

    static RealVector vector(double... entries) {
        return new ArrayRealVector(entries);
    }

    /** A rows×columns matrix with every entry equal to value. */
    static RealMatrix constant(int rows, int columns, double value) {
        RealMatrix w = MatrixUtils.createRealMatrix(rows, columns);
        for (int k = 0; k < rows; k++) {
            for (int j = 0; j < columns; j++) {
                w.setEntry(k, j, value);
            }
        }
        return w;
    }
}
