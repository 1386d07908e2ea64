package gradientkata.exploding;

/**
 * Lesson 04: factors above one make a product grow geometrically until {@code double} overflows
 * to Infinity, after which NaN is one careless operation away; and a sigmoid layer, whose factor
 * is usually below one, amplifies only for large weights and only on a narrow band of inputs.
 */
public final class Growth {

    private Growth() {
    }

    /**
     * An open interval of inputs, {@code low < x < high}.
     *
     * @param low  the lower end (excluded)
     * @param high the upper end (excluded)
     */
    public record Band(double low, double high) {

        /** How wide the band is: {@code high − low}. */
        public double width() {
            return high - low;
        }

        /** Whether x lies strictly inside the band. */
        public boolean contains(double x) {
            return low < x && x < high;
        }
    }

    /**
     * The gradient through {@code depth} layers that all have the same local derivative: aⁿ,
     * multiplied out one layer at a time, exactly as backpropagation would.
     *
     * @param factor the local derivative a of every layer (not NaN)
     * @param depth  the number of layers n, zero or more
     * @return aⁿ in double arithmetic (1.0 for depth 0; ±Infinity once it overflows)
     * @throws IllegalArgumentException if depth is negative or factor is NaN
     */
    public static double repeatedProduct(double factor, int depth) {
        requireNumber("factor", factor);
        if (depth < 0) {
            throw new IllegalArgumentException("depth must be zero or more, got " + depth);
        }
        double product = 1.0;
        for (int layer = 0; layer < depth; layer++) {
            product *= factor;
        }
        return product;
    }

    /**
     * The first depth at which aⁿ, multiplied out in {@code double}, is infinite (of either sign).
     *
     * @param factor a local derivative with |a| &gt; 1
     * @return the smallest n ≥ 1 with {@code repeatedProduct(factor, n)} equal to ±Infinity
     * @throws IllegalArgumentException if |factor| ≤ 1 (the product never overflows), if it is NaN,
     *                                  or if it is so close to one that the depth does not fit in an int
     */
    public static int overflowDepth(double factor) {
        requireNumber("factor", factor);
        if (Math.abs(factor) <= 1.0) {
            throw new IllegalArgumentException("a factor of magnitude " + Math.abs(factor)
                    + " never overflows: it needs |factor| > 1");
        }
        // ln(MAX_VALUE) / ln|a| estimates the depth; a factor like 1 + 1e-12 would need ~7e14 layers.
        if (Math.log(Double.MAX_VALUE) / Math.log(Math.abs(factor)) > Integer.MAX_VALUE - 1) {
            throw new IllegalArgumentException("the factor " + factor
                    + " is so close to 1 that its overflow depth does not fit in an int");
        }
        double product = 1.0;
        int depth = 0;
        while (!Double.isInfinite(product)) {
            product *= factor;
            depth++;
        }
        return depth;
    }

    /**
     * The gradient that reaches a unit along several paths: the sum, over the paths, of the
     * product of each path's local derivatives. Each path is multiplied out in the order given,
     * first factor first, and the path products are then added in the order given.
     *
     * @param paths one array of local derivatives per path; at least one path, each with at least
     *              one factor, none of them NaN
     * @return Σ over paths of Π factors, in double arithmetic (which may be ±Infinity or NaN)
     * @throws IllegalArgumentException if there are no paths, a path is empty, or a factor is NaN
     */
    public static double sumOverPaths(double[]... paths) {
        if (paths == null || paths.length == 0) {
            throw new IllegalArgumentException("a gradient needs at least one path");
        }
        double sum = 0.0;
        for (int p = 0; p < paths.length; p++) {
            if (paths[p] == null || paths[p].length == 0) {
                throw new IllegalArgumentException("path " + p + " has no factors");
            }
            double product = 1.0;
            for (double factor : paths[p]) {
                requireNumber("a factor on path " + p, factor);
                product *= factor;
            }
            sum += product;
        }
        return sum;
    }

    /**
     * How far the pre-activation z may stray from zero while a sigmoid layer with weight w still
     * amplifies the gradient: the c &gt; 0 with |w·σ′(z)| &gt; 1 exactly when |z| &lt; c.
     *
     * @param weight the layer's weight w, with |w| &gt; 4
     * @return c = ln((1 + r) / (1 − r)) with r = √(1 − 4/|w|)
     * @throws IllegalArgumentException if |w| ≤ 4 (the layer never amplifies) or w is NaN
     */
    public static double amplifyingHalfWidth(double weight) {
        requireNumber("weight", weight);
        if (Math.abs(weight) <= 4.0) {
            throw new IllegalArgumentException("a sigmoid layer with |w| = " + Math.abs(weight)
                    + " never amplifies: |w·σ′(z)| ≤ |w|/4 ≤ 1, so it needs |w| > 4");
        }
        // Derivation. Write s = σ(z), so that σ′(z) = s(1 − s). Then
        //     |w·σ′(z)| > 1  ⇔  s(1 − s) > 1/|w|  ⇔  s² − s + 1/|w| < 0.
        // This parabola in s is negative strictly between its roots s± = (1 ± r)/2, r = √(1 − 4/|w|);
        // they are real and distinct only when |w| > 4 (at |w| = 4 the best factor, 4·σ′(0), is 1).
        // σ is increasing with inverse z = ln(s/(1 − s)), so s− < s < s+ exactly when
        //     ln(s−/(1 − s−)) < z < ln(s+/(1 − s+)).
        // Now s+/(1 − s+) = (1 + r)/(1 − r), and s−/(1 − s−) = (1 − r)/(1 + r) is its reciprocal:
        // the two ends are ±c with c = ln((1 + r)/(1 − r)) (= 2·artanh r = 2·arcosh(√|w| / 2)).
        double r = Math.sqrt(1.0 - 4.0 / Math.abs(weight));
        return Math.log((1.0 + r) / (1.0 - r));
    }

    /**
     * The inputs x on which a sigmoid layer h = σ(w·x + b) amplifies the gradient, that is
     * |w·σ′(w·x + b)| &gt; 1: the x with |w·x + b| &lt; c, c from {@link #amplifyingHalfWidth}.
     *
     * @param weight the layer's weight w, with |w| &gt; 4
     * @param bias   the layer's bias b (not NaN)
     * @return the open band of inputs, low &lt; high, of width 2c/|w|
     * @throws IllegalArgumentException if |w| ≤ 4, or w or b is NaN
     */
    public static Band amplifyingBand(double weight, double bias) {
        requireNumber("bias", bias);
        double c = amplifyingHalfWidth(weight);
        // −c < w·x + b < c: solve each side for x; a negative w swaps the two ends.
        double one = (-c - bias) / weight;
        double other = (c - bias) / weight;
        return new Band(Math.min(one, other), Math.max(one, other));
    }

    private static void requireNumber(String name, double value) {
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException(name + " is NaN");
        }
    }
}
