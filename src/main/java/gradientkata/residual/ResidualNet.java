package gradientkata.residual;

import java.util.List;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure; // for F′
import org.apache.commons.math3.analysis.differentiation.UnivariateDifferentiableFunction;
import org.apache.commons.math3.linear.MatrixUtils; // identity and diagonal matrices
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

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
        throw new UnsupportedOperationException("TODO lesson 05: collect x₀ and the output λ·x + F(W·x) of every block (reject an empty vector, a non-square or mismatched matrix, a null activation and NaN)");
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
        throw new UnsupportedOperationException("TODO lesson 05: return λ·I + diag(F′(W·x))·W, with F′ taken at the pre-activation W·x (reject bad input as forward does)");
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
        throw new UnsupportedOperationException("TODO lesson 05: run forward, then from the last block back multiply the gradient by each block's Jacobian transposed, recording ‖g‖ at every layer");
    }
}
