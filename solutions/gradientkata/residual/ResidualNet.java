package gradientkata.residual;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure; // for F′
import org.apache.commons.math3.analysis.differentiation.UnivariateDifferentiableFunction;
import org.apache.commons.math3.linear.MatrixUtils; // identity and diagonal matrices
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.MathArrays;

/**
 * Lesson 05, vector form: a deep net of blocks x ← λ·x + F(W·x), where F applies one activation
 * to every entry. With λ = 0 ({@link #NO_SHORTCUT}) it is a plain net, with λ = 1
 * ({@link #IDENTITY_SHORTCUT}) a residual net with the same weights. A block's Jacobian is
 * λ·I + diag(F′(W·x))·W, and backpropagation multiplies the gradient by its transpose, block by
 * block, from the output back to the input.
 */
public final class ResidualNet {

    /** λ = 0: every block replaces its input, x ← F(W·x). */
    public static final double NO_SHORTCUT = 0.0;

    /** λ = 1: every block adds to its input, x ← x + F(W·x). */
    public static final double IDENTITY_SHORTCUT = 1.0;

    private ResidualNet() {
    }

    /**
     * Runs {@code x} through the blocks, first block first: x_i = λ·x_{i−1} + F(W_i·x_{i−1}).
     *
     * @param weights    one square n×n matrix W_i per block, first block first (may be empty)
     * @param activation the function F, applied to every entry of W_i·x_{i−1}
     * @param shortcut   the shortcut's scale λ: {@link #NO_SHORTCUT}, {@link #IDENTITY_SHORTCUT} or any other number
     * @param x          the input x₀, with n entries
     * @return x₀, x₁, …, x_L: a copy of the input followed by the output of every block (L + 1 new
     *         vectors; later changes to the caller's x change none of them)
     * @throws IllegalArgumentException if the list, x or the activation is null, x is empty, a matrix is
     *                                  null, not square or does not match x's size, or an entry or λ is NaN or infinite;
     *                                  a message about a matrix names its block, counting from 1 ("block 2")
     */
    public static List<RealVector> forward(List<RealMatrix> weights, UnivariateDifferentiableFunction activation,
                                           double shortcut, RealVector x) {
        requireNet(weights, activation, shortcut, x);
        List<RealVector> states = new ArrayList<>();
        RealVector state = x.copy();
        states.add(state);
        for (RealMatrix w : weights) {
            RealVector branch = w.operate(state).map(activation);
            state = state.mapMultiply(shortcut).add(branch);
            states.add(state);
        }
        return states;
    }

    /**
     * The Jacobian of one block x ↦ λ·x + F(W·x) at {@code x}: λ·I + diag(F′(W·x))·W. Its
     * entry (k, j) is how much output k moves per unit change of input j.
     *
     * @param weights    the block's square n×n matrix W
     * @param activation the function F
     * @param shortcut   the shortcut's scale λ
     * @param x          the value entering the block, with n entries
     * @return the n×n Jacobian
     * @throws IllegalArgumentException if W, x or the activation is null, x is empty, W is not square
     *                                  or does not match x's size, or an entry or λ is NaN or infinite
     */
    public static RealMatrix jacobian(RealMatrix weights, UnivariateDifferentiableFunction activation,
                                      double shortcut, RealVector x) {
        requireNet(Collections.singletonList(weights), activation, shortcut, x);
        int n = x.getDimension();
        RealVector preActivation = weights.operate(x);
        double[] slopes = new double[n];
        for (int k = 0; k < n; k++) {
            slopes[k] = derivative(activation, preActivation.getEntry(k));
        }
        RealMatrix branch = MatrixUtils.createRealDiagonalMatrix(slopes).multiply(weights);
        RealMatrix identity = MatrixUtils.createRealIdentityMatrix(n);
        return identity.scalarMultiply(shortcut).add(branch);
    }

    /**
     * Backpropagates {@code outputGradient} (∂ℓ/∂x_L, the loss's gradient at the output) through
     * every block and measures it on the way: g_{i−1} = J_iᵀ·g_i, with J_i the Jacobian of block i
     * at the value x_{i−1} entering it.
     *
     * @param weights        one square n×n matrix per block, first block first (may be empty)
     * @param activation     the function F
     * @param shortcut       the shortcut's scale λ
     * @param x              the input x₀, with n entries
     * @param outputGradient ∂ℓ/∂x_L, with n entries
     * @return L + 1 Euclidean norms: entry i is ‖∂ℓ/∂x_i‖, so entry 0 is the gradient reaching the
     *         input and entry L is ‖outputGradient‖
     * @throws IllegalArgumentException if anything is null, a vector is empty or has the wrong size, a
     *                                  matrix is not square or does not match, or an entry or λ is NaN or infinite
     */
    public static double[] layerGradientNorms(List<RealMatrix> weights, UnivariateDifferentiableFunction activation,
                                              double shortcut, RealVector x, RealVector outputGradient) {
        requireNet(weights, activation, shortcut, x);
        requireVector("the output gradient", outputGradient, x.getDimension());
        List<RealVector> states = forward(weights, activation, shortcut, x);
        int depth = weights.size();
        double[] norms = new double[depth + 1];
        RealVector gradient = outputGradient;
        // safeNorm, not getNorm: √(Σ gᵢ²) overflows once entries pass about 1e154, long before the norm does.
        norms[depth] = MathArrays.safeNorm(gradient.toArray());
        for (int block = depth; block >= 1; block--) {
            RealMatrix blockJacobian = jacobian(weights.get(block - 1), activation, shortcut, states.get(block - 1));
            gradient = blockJacobian.transpose().operate(gradient);
            norms[block - 1] = MathArrays.safeNorm(gradient.toArray());
        }
        return norms;
    }

    /** F′(z), by forward-mode differentiation. */
    private static double derivative(UnivariateDifferentiableFunction activation, double z) {
        return activation.value(new DerivativeStructure(1, 1, 0, z)).getPartialDerivative(1);
    }

    private static void requireNet(List<RealMatrix> weights, UnivariateDifferentiableFunction activation,
                                   double shortcut, RealVector x) {
        if (weights == null) {
            throw new IllegalArgumentException("the list of weight matrices is null");
        }
        if (activation == null) {
            throw new IllegalArgumentException("the activation F is null");
        }
        if (!Double.isFinite(shortcut)) {
            throw new IllegalArgumentException("the shortcut scale λ is " + shortcut + ": it must be a finite number");
        }
        if (x == null || x.getDimension() == 0) {
            throw new IllegalArgumentException("the input vector is missing or empty: a block needs at least one entry");
        }
        requireVector("the input", x, x.getDimension());
        int n = x.getDimension();
        for (int block = 0; block < weights.size(); block++) {
            RealMatrix w = weights.get(block);
            String name = "block " + (block + 1) + "'s weight matrix";
            if (w == null) {
                throw new IllegalArgumentException(name + " is null");
            }
            if (!w.isSquare()) {
                throw new IllegalArgumentException(name + " is " + w.getRowDimension() + "×" + w.getColumnDimension()
                        + ": it must be square, so that x and F(W·x) have the same size and can be added");
            }
            if (w.getRowDimension() != n) {
                throw new IllegalArgumentException(name + " is " + w.getRowDimension() + "×" + w.getColumnDimension()
                        + " but the input has " + n + " entries");
            }
            for (int row = 0; row < n; row++) {
                for (int column = 0; column < n; column++) {
                    if (!Double.isFinite(w.getEntry(row, column))) {
                        throw new IllegalArgumentException(name + " has " + w.getEntry(row, column) + " at (" + row + ", "
                                + column + "): every weight must be a finite number");
                    }
                }
            }
        }
    }

    private static void requireVector(String name, RealVector v, int dimension) {
        if (v == null || v.getDimension() == 0) {
            throw new IllegalArgumentException(name + " is empty");
        }
        if (v.getDimension() != dimension) {
            throw new IllegalArgumentException(name + " has " + v.getDimension() + " entries, expected " + dimension);
        }
        if (v.isNaN() || v.isInfinite()) {
            throw new IllegalArgumentException(name + " has a NaN or infinite entry: " + v);
        }
    }
}
