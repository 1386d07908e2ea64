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
     * The derivative of f(x) = sin(x²) at {@code x}, by the chain rule.
     *
     * @param x where to differentiate
     * @return f′(x) = cos(x²) · 2x
     */
    public static double derivative(double x) {
        throw new UnsupportedOperationException(
                "TODO lesson 00: return the outer derivative cos(x²) times the inner derivative 2x");
    }
}
