package gradientkata.training;

/**
 * Lesson 08: the two activations the capstone compares, applied entry by entry. Each one gives its
 * value and its slope (the derivative at the same pre-activation) together, because the forward
 * pass computes both and the backward pass only needs the slope.
 */
public enum Activation {

    /** σ(z) = 1 / (1 + e^−z), with slope σ(z)·(1 − σ(z)) ≤ 1/4: the activation that makes gradients vanish. */
    SIGMOID {
        @Override
        public double value(double z) {
            double e = Math.exp(-Math.abs(z));
            return z >= 0 ? 1 / (1 + e) : e / (1 + e);
        }

        @Override
        public double slope(double z) {
            // e^−|z| / (1 + e^−|z|)²: exact in the tails, where σ·(1 − σ) rounds to 0 (lesson 03).
            double e = Math.exp(-Math.abs(z));
            return e / ((1 + e) * (1 + e));
        }

        @Override
        void activate(double[] z, double[] value, double[] slope) {
            for (int j = 0; j < z.length; j++) {
                double e = Math.exp(-Math.abs(z[j]));
                double denominator = 1 / (1 + e);
                value[j] = z[j] >= 0 ? denominator : e * denominator;
                slope[j] = e * denominator * denominator;
            }
        }
    },

    /** ReLU(z) = max(z, 0), with slope 1 for z &gt; 0 and 0 otherwise (0 at z = 0, as PyTorch does). */
    RELU {
        @Override
        public double value(double z) {
            return z > 0 ? z : 0.0;
        }

        @Override
        public double slope(double z) {
            return z > 0 ? 1.0 : 0.0;
        }

        @Override
        void activate(double[] z, double[] value, double[] slope) {
            for (int j = 0; j < z.length; j++) {
                boolean on = z[j] > 0;
                value[j] = on ? z[j] : 0.0;
                slope[j] = on ? 1.0 : 0.0;
            }
        }
    };

    /**
     * The activation at one pre-activation.
     *
     * @param z any double; NaN gives NaN
     * @return the activation's value at z
     */
    public abstract double value(double z);

    /**
     * The activation's derivative at one pre-activation.
     *
     * @param z any double; NaN gives NaN for the sigmoid and 0 for ReLU
     * @return the derivative at z
     */
    public abstract double slope(double z);

    /**
     * Both at once for a row of pre-activations: value[j] = value(z[j]) and slope[j] = slope(z[j]).
     * The three arrays have the same length (the caller makes sure of it).
     */
    abstract void activate(double[] z, double[] value, double[] slope);
}
