package gradientkata.training;

import org.apache.commons.math3.random.RandomGenerator;

/**
 * Lesson 08: how the weights start. Every weight is drawn from a normal distribution with mean 0
 * and a standard deviation that depends on the layer's fan-in (its number of inputs); biases start
 * at 0. The three schemes differ only in that standard deviation.
 */
public enum Initialization {

    /** std = 1/√fan_in: keeps a linear layer's output variance equal to its input's, and ignores the activation. */
    NAIVE,

    /** std = √(2/fan_in) (He et al. 2015): ReLU zeroes half its inputs, so the variance is doubled to make up for it. */
    HE,

    /**
     * He's std on ordinary layers, and He's std divided by √depth on the layers of residual branches:
     * depth blocks that each add a variance of about 1/depth add up to a variance of about 2, not 2^depth.
     */
    HE_SCALED;

    /**
     * The standard deviation of a layer's weights.
     *
     * @param fanIn          the layer's number of inputs, at least 1
     * @param residualBranch whether the layer is the branch of a residual block h ← h + act(W·h + b)
     * @param depth          the number of residual blocks in the net, at least 1 (only {@link #HE_SCALED} uses it)
     * @return the standard deviation, &gt; 0
     * @throws IllegalArgumentException if fanIn or depth is below 1
     */
    public double standardDeviation(int fanIn, boolean residualBranch, int depth) {
        if (fanIn < 1) {
            throw new IllegalArgumentException("the fan-in is " + fanIn + ": a layer needs at least one input");
        }
        if (depth < 1) {
            throw new IllegalArgumentException("the depth is " + depth + ": it must be at least 1");
        }
        double std = this == NAIVE ? 1 / Math.sqrt(fanIn) : Math.sqrt(2.0 / fanIn);
        return this == HE_SCALED && residualBranch ? std / Math.sqrt(depth) : std;
    }

    /**
     * A fresh weight matrix W (fan_out × fan_in, the layout of {@link Dense}): entry (j, k) is
     * std·g, where g is the next {@code random.nextGaussian()}, drawn row by row (j = 0 first, and
     * within a row k = 0 first), and std is {@link #standardDeviation}.
     *
     * @param fanIn          the number of inputs (columns), at least 1
     * @param fanOut         the number of outputs (rows), at least 1
     * @param residualBranch as for {@link #standardDeviation}
     * @param depth          as for {@link #standardDeviation}
     * @param random         the seeded source of the draws
     * @return the new fan_out × fan_in matrix
     * @throws IllegalArgumentException if a size is below 1 or random is null
     */
    public double[][] weights(int fanIn, int fanOut, boolean residualBranch, int depth, RandomGenerator random) {
        if (fanOut < 1) {
            throw new IllegalArgumentException("the fan-out is " + fanOut + ": a layer needs at least one output");
        }
        if (random == null) {
            throw new IllegalArgumentException("the random generator is null");
        }
        double std = standardDeviation(fanIn, residualBranch, depth);
        double[][] w = new double[fanOut][fanIn];
        for (int j = 0; j < fanOut; j++) {
            for (int k = 0; k < fanIn; k++) {
                w[j][k] = std * random.nextGaussian();
            }
        }
        return w;
    }
}
