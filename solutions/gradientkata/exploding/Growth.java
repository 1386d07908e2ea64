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
     * <p>Every int depth is legal; the time grows with the depth (about a second for 2³¹ layers).
     * The product may stall: for a factor in (1/2, 1), 4.9e-324·a rounds back to 4.9e-324, so the
     * product stays at the smallest double for ever instead of reaching 0; that is what double
     * arithmetic gives, and it is returned as such.
     *
     * @param factor the local derivative a of every layer (not NaN; ±Infinity allowed)
     * @param depth  the number of layers n, zero or more
     * @return aⁿ in double arithmetic, multiplied out left to right (1.0 for depth 0; ±Infinity once it overflows)
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
     * It is counted, not estimated: ln(MAX_VALUE) / ln|a| rounded up is off by one where the
     * rounding of the product decides (10³⁰⁸ multiplied out is finite, though a little off).
     *
     * @param factor a local derivative with |a| &gt; 1 (±Infinity give 1)
     * @return the smallest n ≥ 1 with {@code repeatedProduct(factor, n)} equal to ±Infinity
     * @throws IllegalArgumentException if |factor| ≤ 1 (the product never overflows), if it is NaN,
     *                                  or if the product is still finite after {@link Integer#MAX_VALUE}
     *                                  multiplications (a factor like 1 + 1e-12 needs about 7e14)
     */
    public static int overflowDepth(double factor) {
        double size = Math.abs(factor);
        // Written !(size > 1) so that NaN, for which every comparison is false, is rejected here too.
        if (!(size > 1.0)) {
            throw new IllegalArgumentException("a factor of magnitude " + size + " never overflows: it needs |factor| > 1");
        }
        // ln(MAX_VALUE) / ln|a| is the depth to within a few parts in 1e9 (each of the n products rounds by
        // at most 2⁻⁵³, far less than ln|a|): refuse at once what needs more than twice the ints there are.
        if (Math.log(Double.MAX_VALUE) / Math.log(size) > 2.0 * Integer.MAX_VALUE) {
            throw tooCloseToOne(factor);
        }
        double product = 1.0;
        int depth = 0;
        while (!Double.isInfinite(product)) {
            if (depth == Integer.MAX_VALUE) {
                throw tooCloseToOne(factor);
            }
            product *= factor;
            depth++;
        }
        return depth;
    }

    private static IllegalArgumentException tooCloseToOne(double factor) {
        return new IllegalArgumentException("the factor " + factor
                + " is so close to 1 that the product is still finite after " + Integer.MAX_VALUE + " layers");
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
     * <p>Two subtractions in the closed form lose the answer's digits. For large |w|, r is close to
     * one and 1 − r cancels; since (1 − r)(1 + r) = 4/|w|, (1 + r)/(1 − r) = 1 + r(1 + r)·|w|/2,
     * whose logarithm log1p computes without forming 1 − r. And for |w| just above 4, 1 − 4/|w|
     * cancels; (|w| − 4)/|w| subtracts exactly.
     *
     * @param weight the layer's weight w, finite with |w| &gt; 4
     * @return c = ln((1 + r) / (1 − r)) with r = √(1 − 4/|w|), to within a relative 1e-13
     * @throws IllegalArgumentException if |w| ≤ 4 (the layer never amplifies), or w is NaN or infinite
     */
    public static double amplifyingHalfWidth(double weight) {
        requireFinite("weight", weight);
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
        double size = Math.abs(weight);
        double r = Math.sqrt((size - 4.0) / size);
        // (size / 2)·r·(1 + r), in that order, stays below MAX_VALUE even for size = MAX_VALUE.
        return Math.log1p(size / 2.0 * r * (1.0 + r));
    }

    /**
     * The inputs x on which a sigmoid layer h = σ(w·x + b) amplifies the gradient, that is
     * |w·σ′(w·x + b)| &gt; 1: the x with |w·x + b| &lt; c, c from {@link #amplifyingHalfWidth}.
     *
     * @param weight the layer's weight w, finite with |w| &gt; 4
     * @param bias   the layer's bias b, finite
     * @return the open band of inputs, centred on −b/w, of width 2c/|w|; each end to within a relative
     *         1e-13 (when |b| is many times c, the two ends round to neighbouring doubles, or even to
     *         the same one: the band is then narrower than a double can show)
     * @throws IllegalArgumentException if |w| ≤ 4, or w or b is NaN or infinite
     */
    public static Band amplifyingBand(double weight, double bias) {
        requireFinite("bias", bias);
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

    private static void requireFinite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " is " + value + ": it must be a finite number");
        }
    }
}
