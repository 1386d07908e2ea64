package gradientkata.welcome;

/**
 * Lesson 00: your first derivative of a composition.
 *
 * <p>The function is f(x) = sin(x²): an outer function g(u) = sin(u) applied to an inner one
 * h(x) = x². The chain rule says f′(x) = g′(h(x)) · h′(x).
 */
public final class Welcome {

    private Welcome() {
    }

    /**
     * The derivative of f(x) = sin(x²) at {@code x}, by the chain rule, for every x whose square is
     * a finite double (|x| up to about 1.34·10¹⁵⁴).
     *
     * <p>The square is used exactly: x·x rounded to a double is off by up to half a unit in its
     * last place, which for |x| beyond a few hundred moves the cosine in its twelfth digit, and
     * beyond 10⁸ by more than a whole turn. So x² is split into the rounded {@code square} and the
     * exact rest {@code Math.fma(x, x, -square)}, and cos(square + rest) is expanded with the
     * angle-sum formula.
     *
     * @param x where to differentiate: finite, with x·x finite
     * @return f′(x) = cos(x²) · 2x
     * @throws IllegalArgumentException if x is NaN or infinite, or x·x overflows
     */
    public static double derivative(double x) {
        throw new UnsupportedOperationException(
                "TODO lesson 00: return the outer derivative cos(x²) times the inner derivative 2x (x² exact: see the Javadoc)");
    }
}
