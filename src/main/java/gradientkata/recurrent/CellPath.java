package gradientkata.recurrent;

/**
 * Lesson 09: the cell-state path of an LSTM, c_t = f_t·c_{t−1} + i_t·g_t. The cell state is
 * updated by addition: the old state is multiplied by the forget gate f_t and the new content
 * i_t·g_t (input gate times candidate) is added. Along this path ∂c_t/∂c_{t−1} = f_t, with no
 * weight and no tanh′ in between, so the gradient through many steps is the product of the forget
 * gates: gates near one carry it across hundreds of steps (Hochreiter and Schmidhuber's "constant
 * error carousel").
 *
 * <p>The gates are given as numbers, one per step (in a full LSTM each is a sigmoid of the input
 * and the previous output; {@link #sigmoid} is given for making them). Time steps are numbered
 * 1 … T; {@code forget[t − 1]} is f_t. T = 0 is legal. Immutable: the arrays are copied.
 */
public final class CellPath {

    private final double[] forget;
    private final double[] input;
    private final double[] candidate;

    /**
     * A cell path through T = forget.length steps.
     *
     * @param forget    the forget gates f_1 … f_T, each in [0, 1]
     * @param input     the input gates i_1 … i_T, each in [0, 1]
     * @param candidate the candidates g_1 … g_T, each in [−1, 1] (a tanh)
     * @throws IllegalArgumentException if an array is null, the lengths differ, or an entry is NaN or
     *                                  outside its range (the message names the gate and the step)
     */
    public CellPath(double[] forget, double[] input, double[] candidate) {
        if (forget == null || input == null || candidate == null) {
            throw new IllegalArgumentException("the forget gates, input gates and candidates must all be given (one is null)");
        }
        if (input.length != forget.length || candidate.length != forget.length) {
            throw new IllegalArgumentException("one gate value per step: got " + forget.length + " forget gates, "
                    + input.length + " input gates and " + candidate.length + " candidates");
        }
        for (int t = 1; t <= forget.length; t++) {
            requireIn("the forget gate f_" + t, forget[t - 1], 0.0);
            requireIn("the input gate i_" + t, input[t - 1], 0.0);
            requireIn("the candidate g_" + t, candidate[t - 1], -1.0);
        }
        this.forget = forget.clone();
        this.input = input.clone();
        this.candidate = candidate.clone();
    }

    /** The number of steps T. */
    public int steps() {
        return forget.length;
    }

    /**
     * Given, complete: the logistic sigmoid σ(z) = 1/(1 + e^−z), a gate's value for the
     * pre-activation z, computed from e^−|z| so that it neither overflows nor loses σ's small values.
     *
     * @param z any number but NaN
     * @return σ(z) in [0, 1]
     * @throws IllegalArgumentException if z is NaN
     */
    public static double sigmoid(double z) {
        if (Double.isNaN(z)) {
            throw new IllegalArgumentException("σ of NaN: the gate's pre-activation is not a number");
        }
        double e = Math.exp(-Math.abs(z));
        return z >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
    }

    /**
     * The forward pass along the cell: c_0, c_1, …, c_T with c_t = f_t·c_{t−1} + i_t·g_t.
     *
     * @param c0 the initial cell state, finite
     * @return a new array of T + 1 cell states, c_0 first
     * @throws IllegalArgumentException if c0 is NaN or infinite
     */
    public double[] states(double c0) {
        throw new UnsupportedOperationException("TODO lesson 09: c_0 = c0, then c_t = f_t·c_{t−1} + i_t·g_t for t = 1 … T; return all T + 1 states (reject a NaN or infinite c0)");
    }

    /**
     * The gradient along the cell from step {@code from} to the end, with the gates held fixed:
     * ∂c_T/∂c_from = Π_{t=from+1…T} f_t (1 when from = T). The input gates and candidates do not
     * appear: they feed the sum, not the path.
     *
     * <p>Accumulated without intermediate underflow (with {@link Scaled}): the answer is 0 only if the
     * true product is below the smallest double (0.5¹⁰⁷⁴ is 4.9e-324, 0.5¹⁰⁷⁵ rounds to 0).
     *
     * @param from the step k whose cell state c_k the gradient reaches, 0 ≤ k ≤ T
     * @return Π_{t=k+1…T} f_t, rounded once, to within a relative 1e-13·(T − k + 1)
     * @throws IllegalArgumentException if from is negative or beyond T
     */
    public double gradient(int from) {
        throw new UnsupportedOperationException("TODO lesson 09: multiply the forget gates f_{from+1} … f_T in a Scaled (1 when from = T); the input gates play no part (reject from < 0 or from > T)");
    }

    private static void requireIn(String name, double value, double low) {
        if (!(value >= low && value <= 1.0)) {
            throw new IllegalArgumentException(name + " must lie in [" + (int) low + ", 1], got " + value);
        }
    }
}
