package gradientkata.convexity;

import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/**
 * Lesson 07, the non-convex half: a net with one hidden layer of tanh units and a logistic output,
 * trained on the same data sets and with the same mean cross-entropy as {@link LogisticRegression}.
 * Example x (n inputs) gets the logit
 *
 * <pre>
 *   a(x) = Σⱼ vⱼ·tanh(Wⱼ·x + bⱼ) + c
 * </pre>
 *
 * where hidden unit j has incoming weights Wⱼ (a row of n numbers), a bias bⱼ and an outgoing
 * weight vⱼ, and c is the output's bias. All of them live in one parameter vector θ, laid out as
 * W row by row, then b, then v, then c (see {@link #incoming}, {@link #bias}, {@link #outgoing},
 * {@link #outputBias}), so that the loss is a function of one vector and can be followed along a
 * segment like any other.
 */
public final class HiddenLayerNet {

    private final int inputs;
    private final int hidden;

    /**
     * @param inputs the number n of inputs, at least 1
     * @param hidden the number h of hidden units, at least 1
     * @throws IllegalArgumentException if either is below 1
     */
    public HiddenLayerNet(int inputs, int hidden) {
        if (inputs < 1) {
            throw new IllegalArgumentException("a net needs at least one input, not " + inputs);
        }
        if (hidden < 1) {
            throw new IllegalArgumentException("a net needs at least one hidden unit, not " + hidden);
        }
        this.inputs = inputs;
        this.hidden = hidden;
    }

    /** The length of θ: h·n incoming weights, h biases, h outgoing weights and one output bias. */
    public int parameterCount() {
        return hidden * inputs + 2 * hidden + 1;
    }

    /** Where Wⱼₖ, the weight from input k into hidden unit j, sits in θ. */
    public int incoming(int unit, int input) {
        requireUnit(unit);
        if (input < 0 || input >= inputs) {
            throw new IllegalArgumentException("input " + input + " does not exist: the net has " + inputs + " inputs, numbered from 0");
        }
        return unit * inputs + input;
    }

    /** Where bⱼ, the bias of hidden unit j, sits in θ. */
    public int bias(int unit) {
        requireUnit(unit);
        return hidden * inputs + unit;
    }

    /** Where vⱼ, the weight from hidden unit j to the output, sits in θ. */
    public int outgoing(int unit) {
        requireUnit(unit);
        return hidden * inputs + hidden + unit;
    }

    /** Where c, the output's bias, sits in θ: the last entry. */
    public int outputBias() {
        return hidden * inputs + 2 * hidden;
    }

    /**
     * The logit a(x) = Σⱼ vⱼ·tanh(Wⱼ·x + bⱼ) + c of one example.
     *
     * @param theta the parameters, {@link #parameterCount()} finite numbers
     * @param x     one example, n finite numbers
     * @throws IllegalArgumentException if a size does not match or an entry is NaN or infinite
     */
    public double logit(RealVector theta, RealVector x) {
        throw new UnsupportedOperationException("TODO lesson 07: return Σⱼ vⱼ·tanh(Wⱼ·x + bⱼ) + c, with preActivation and the index methods (check θ with requireParameters and x with LogisticRegression.requireVector)");
    }

    /**
     * The mean cross-entropy (1/m) Σᵢ crossEntropy(a(xᵢ), yᵢ), with
     * {@link LogisticRegression#crossEntropy}.
     *
     * @param theta the parameters, {@link #parameterCount()} finite numbers
     * @param x     the examples, m × n with m ≥ 1, all entries finite
     * @param y     the m labels, each 0 or 1
     * @throws IllegalArgumentException if the data set is empty, a size does not match, a label is
     *                                  not 0 or 1, or an entry is NaN or infinite
     */
    public double loss(RealVector theta, RealMatrix x, RealVector y) {
        throw new UnsupportedOperationException("TODO lesson 07: return the mean of LogisticRegression.crossEntropy(logit(θ, xᵢ), yᵢ) over the examples (check with requireData first; logit checks θ)");
    }

    /**
     * The gradient of {@link #loss} with respect to every entry of θ, by backpropagation. With
     * δᵢ = (pᵢ − yᵢ)/m the error of example i (computed as in {@link LogisticRegression#gradient})
     * and hᵢⱼ = tanh(Wⱼ·xᵢ + bⱼ):
     * ∂L/∂c = Σᵢ δᵢ, ∂L/∂vⱼ = Σᵢ δᵢ·hᵢⱼ, ∂L/∂bⱼ = Σᵢ δᵢ·vⱼ·(1 − hᵢⱼ²), ∂L/∂Wⱼₖ = Σᵢ δᵢ·vⱼ·(1 − hᵢⱼ²)·xᵢₖ.
     *
     * @return a vector laid out like θ
     * @throws IllegalArgumentException as {@link #loss}
     */
    public RealVector gradient(RealVector theta, RealMatrix x, RealVector y) {
        throw new UnsupportedOperationException("TODO lesson 07: backpropagate δᵢ = (pᵢ − yᵢ)/m into ∂L/∂c, ∂L/∂vⱼ, ∂L/∂bⱼ and ∂L/∂Wⱼₖ, each at its index in θ (check with requireData first; logit checks θ)");
    }

    /**
     * θ with hidden units {@code first} and {@code second} swapped: their incoming weights, their
     * biases and their outgoing weights all change places. The net computes exactly the same
     * function (a sum does not care about the order of its terms), so the loss is the same, yet
     * the parameter vector is a different one unless the two units were identical.
     *
     * @param theta the parameters, {@link #parameterCount()} finite numbers (not changed)
     * @return a new vector; swapping a unit with itself returns an equal copy
     * @throws IllegalArgumentException if θ has the wrong size or a non-finite entry, or a unit does not exist
     */
    public RealVector swapUnits(RealVector theta, int first, int second) {
        throw new UnsupportedOperationException("TODO lesson 07: return a copy of θ in which the two units exchange their incoming weights, their biases AND their outgoing weights (check θ with requireParameters; the index methods reject a unit that does not exist)");
    }

    /**
     * Plain gradient descent: {@code steps} times θ ← θ − rate·∇L(θ).
     *
     * @param start the starting parameters (not changed)
     * @param rate  the learning rate, finite and greater than 0
     * @param steps the number of steps, 0 or more
     * @return the parameters after the last step (a copy of start when steps = 0)
     * @throws IllegalArgumentException as {@link #loss}, or if the rate or the number of steps is
     *                                  out of range, or a step leaves the finite numbers
     */
    public RealVector train(RealVector start, RealMatrix x, RealVector y, double rate, int steps) {
        throw new UnsupportedOperationException("TODO lesson 07: take `steps` steps θ ← θ − rate·∇L(θ) from a copy of start (check the data, start, a finite rate above 0 and steps ≥ 0)");
    }

    /** Wⱼ·x + bⱼ. */
    private double preActivation(RealVector theta, int unit, RealVector x) {
        double sum = theta.getEntry(bias(unit));
        for (int k = 0; k < inputs; k++) {
            sum += theta.getEntry(incoming(unit, k)) * x.getEntry(k);
        }
        return sum;
    }

    // ---- the checks every method makes first (given: call them, do not change them) ----

    /** Rejects a θ of the wrong size or with NaN or infinite entries. */
    void requireParameters(RealVector theta) {
        LogisticRegression.requireVector("θ", theta, parameterCount());
    }

    /** Rejects an empty data set, labels other than 0 and 1, and examples with the wrong number of inputs. */
    void requireData(RealMatrix x, RealVector y) {
        LogisticRegression.requireData(x, y);
        if (x.getColumnDimension() != inputs) {
            throw new IllegalArgumentException("x has " + x.getColumnDimension() + " columns but the net has "
                    + inputs + " inputs");
        }
    }

    /** Rejects a hidden unit that does not exist. */
    void requireUnit(int unit) {
        if (unit < 0 || unit >= hidden) {
            throw new IllegalArgumentException("hidden unit " + unit + " does not exist: the net has " + hidden + " units, numbered from 0");
        }
    }
}
