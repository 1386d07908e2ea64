package gradientkata.init;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.linear.MatrixUtils; // createRealMatrix(rows, columns)
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Lesson 06: how the scale of random weights decides the spread of a layer's output, and the
 * two scales that keep it level: Glorot and Bengio's (Xavier) for tanh, He's for ReLU.
 *
 * <p>A layer with {@code fanIn} inputs and {@code fanOut} outputs computes z = W·h, with W a
 * {@code fanOut}×{@code fanIn} matrix: each output sums {@code fanIn} products w·h.
 */
public final class Initialization {

    private Initialization() {
    }

    /**
     * The variance of one output z = Σ wⱼ·hⱼ of a linear layer, when the n_in weights wⱼ and inputs
     * hⱼ are independent, have mean zero, and have variances Var(w) and Var(h):
     * Var(z) = n_in · Var(w) · Var(h). (Each product has variance Var(w)·Var(h); the n_in products are
     * independent, so their variances add.)
     *
     * @param fanIn          n_in, the number of inputs each output sums; at least 1
     * @param weightVariance Var(w), finite and ≥ 0
     * @param inputVariance  Var(h), finite and ≥ 0
     * @return n_in · Var(w) · Var(h), correctly rounded up to a few ulps wherever it is a normal
     *         double, even when Var(w)·Var(h) alone would overflow or underflow; +∞ only when the
     *         product itself exceeds {@link Double#MAX_VALUE}
     * @throws IllegalArgumentException if fanIn is below 1 or a variance is NaN, negative or infinite
     */
    public static double outputVariance(int fanIn, double weightVariance, double inputVariance) {
        throw new UnsupportedOperationException("TODO lesson 06: return n_in · Var(w) · Var(h), multiplying the fan-in by the smaller variance first (reject a fan-in below 1 and a variance that is NaN, negative or infinite)");
    }

    /**
     * The Glorot (Xavier) standard deviation for a layer's weights: √(2 / (n_in + n_out)). It
     * compromises between keeping the activations' variance level going forward (n_in · Var(w) = 1)
     * and the gradients' going backward (n_out · Var(w) = 1).
     *
     * @param fanIn  n_in, at least 1
     * @param fanOut n_out, at least 1
     * @return √(2 / (n_in + n_out)), also right when n_in + n_out exceeds {@link Integer#MAX_VALUE}
     * @throws IllegalArgumentException if fanIn or fanOut is below 1
     */
    public static double xavierStd(int fanIn, int fanOut) {
        throw new UnsupportedOperationException("TODO lesson 06: return √(2 / (n_in + n_out)), adding the fans as doubles (reject a fan below 1)");
    }

    /**
     * The He standard deviation for the weights of a ReLU layer: √(2 / n_in). ReLU zeroes half of
     * its inputs on average, which halves the mean square it passes on; Var(w) = 2 / n_in doubles it
     * back. It depends on the fan-in only: the fan-out is asked for so that both scales take the
     * same arguments, and checked.
     *
     * @param fanIn  n_in, at least 1
     * @param fanOut n_out, at least 1 (not used in the value)
     * @return √(2 / n_in)
     * @throws IllegalArgumentException if fanIn or fanOut is below 1
     */
    public static double heStd(int fanIn, int fanOut) {
        throw new UnsupportedOperationException("TODO lesson 06: return √(2 / n_in): the fan-in, not the fan-out (reject a fan below 1)");
    }

    /**
     * A {@code fanOut}×{@code fanIn} weight matrix whose entries are independent draws from
     * N(0, std²), taken from {@code random} through Commons Math's {@link NormalDistribution}. The
     * same generator in the same state gives the same matrix.
     *
     * @param random the seeded generator to draw from; not null
     * @param fanIn  the number of columns n_in, at least 1
     * @param fanOut the number of rows n_out, at least 1; fanIn·fanOut at most {@link Integer#MAX_VALUE}
     * @param std    the standard deviation of every entry (not its variance): finite and &gt; 0
     * @return a new matrix with n_out rows and n_in columns
     * @throws IllegalArgumentException if random is null, a fan is below 1, the matrix would have more
     *                                  than {@link Integer#MAX_VALUE} entries, or std is NaN, ≤ 0 or infinite
     */
    public static RealMatrix gaussianWeights(RandomGenerator random, int fanIn, int fanOut, double std) {
        throw new UnsupportedOperationException("TODO lesson 06: fill a fanOut×fanIn matrix with draws of new NormalDistribution(random, 0, std) (reject a null generator, a fan below 1, too many entries and a std that is not a finite number > 0)");
    }
}
