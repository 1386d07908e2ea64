package gradientkata.training;

/**
 * Lesson 08: the binary cross-entropy of a batch, computed from logits (the last layer's raw
 * outputs z, before any sigmoid), and its gradient.
 *
 * <p>For one sample with label y ∈ {0, 1}, p = σ(z) is the predicted probability of label 1 and
 * the loss is −log p when y = 1 and −log(1 − p) when y = 0. Written with softplus(x) = log(1 + eˣ)
 * that is softplus(−z) for y = 1 and softplus(z) for y = 0, which can be evaluated without ever
 * forming p: softplus(x) = max(x, 0) + log1p(e^−|x|). That form neither overflows (e^−|x| ≤ 1) nor
 * loses the small losses of confident right answers to rounding (log1p). The batch's loss is the
 * mean over its samples.
 */
public final class BinaryCrossEntropy {

    private BinaryCrossEntropy() {
    }

    /**
     * The mean binary cross-entropy of a batch, (1/n)·Σ_s ℓ(z_s, y_s).
     *
     * @param logits the last layer's outputs z_s, any doubles: an infinite logit gives 0 or
     *               +Infinity (a certain answer, right or wrong), NaN gives NaN (a net that blew up says so)
     * @param labels y_s, each exactly 0 or 1, as many as the logits
     * @return the mean loss, ≥ 0; accurate to a few ulps wherever it is finite
     * @throws IllegalArgumentException if an array is null or empty, the lengths differ, or a label is not 0 or 1
     */
    public static double loss(double[] logits, double[] labels) {
        requireBatch(logits, labels);
        double sum = 0;
        for (int s = 0; s < logits.length; s++) {
            // softplus(x) = log(1 + eˣ) = max(x, 0) + log1p(e^−|x|), with x = −z for label 1 and z for label 0.
            double x = labels[s] == 1 ? -logits[s] : logits[s];
            sum += Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
        }
        return sum / logits.length;
    }

    /**
     * The gradient of {@link #loss} with respect to every logit: ∂ℓ/∂z_s = (σ(z_s) − y_s) / n.
     * For y = 1 it is −σ(−z_s)/n and for y = 0 it is σ(z_s)/n, so a confident right answer gets a
     * tiny but accurate gradient, not 0 from 1 − 1.
     *
     * @param logits   as for {@link #loss}
     * @param labels   as for {@link #loss}
     * @param gradient written: one entry per sample
     * @throws IllegalArgumentException as for {@link #loss}, or if gradient is null or of another length
     */
    public static void gradient(double[] logits, double[] labels, double[] gradient) {
        requireBatch(logits, labels);
        if (gradient == null || gradient.length != logits.length) {
            throw new IllegalArgumentException("the gradient array must have " + logits.length + " entries, one per logit, but has "
                    + (gradient == null ? "none (it is null)" : String.valueOf(gradient.length)));
        }
        int n = logits.length;
        for (int s = 0; s < n; s++) {
            // σ(x) for x = −z (label 1, with a minus sign) or x = z (label 0), from e^−|x| ≤ 1: no overflow.
            double x = labels[s] == 1 ? -logits[s] : logits[s];
            double e = Math.exp(-Math.abs(x));
            double sigmoid = x >= 0 ? 1 / (1 + e) : e / (1 + e);
            gradient[s] = labels[s] == 1 ? -sigmoid / n : sigmoid / n;
        }
    }

    private static void requireBatch(double[] logits, double[] labels) {
        if (logits == null || logits.length == 0) {
            throw new IllegalArgumentException("the logits are null or empty: a batch needs at least one sample");
        }
        if (labels == null || labels.length != logits.length) {
            throw new IllegalArgumentException("there must be one label per logit (" + logits.length + "), but there are "
                    + (labels == null ? "none (the labels are null)" : String.valueOf(labels.length)));
        }
        for (int s = 0; s < labels.length; s++) {
            if (labels[s] != 0 && labels[s] != 1) {
                throw new IllegalArgumentException("label " + s + " is " + labels[s] + ": a label must be exactly 0 or 1");
            }
        }
    }
}
