package gradientkata.recurrent;

import gradientkata.support.Oracle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Lesson 09's test helpers: sequences written as text, and the oracle tables. */
final class Fixtures {

    private Fixtures() {
    }

    /**
     * "0.5 1 -2" → [0.5, 1, −2]; a run of n equal entries may be written x*n ("0.0*40 300"); "-" or
     * "" is the empty sequence.
     */
    static double[] sequence(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty() || trimmed.equals("-")) {
            return new double[0];
        }
        List<Double> entries = new ArrayList<>();
        for (String token : trimmed.split("\\s+")) {
            int star = token.indexOf('*');
            double value = Double.parseDouble(star < 0 ? token : token.substring(0, star));
            int count = star < 0 ? 1 : Integer.parseInt(token.substring(star + 1));
            for (int i = 0; i < count; i++) {
                entries.add(value);
            }
        }
        return entries.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** n copies of x. */
    static double[] repeat(double x, int n) {
        double[] a = new double[n];
        Arrays.fill(a, x);
        return a;
    }

    /** A short description of a sequence for messages: its length and, when short, its entries. */
    static String describe(double[] xs) {
        return xs.length <= 8 ? Arrays.toString(xs) : xs.length + " entries " + Arrays.toString(Arrays.copyOf(xs, 4)).replace("]", ", …]");
    }

    /**
     * The rows of an oracle table under src/test/resources/oracle/09-through-time/: '#' comment lines
     * and the header skipped. One check loops over all rows (not one check per row), so that code that
     * loops for ever costs one time limit, and the lesson's checks stay cheap to rerun.
     */
    static List<String[]> oracleRows(String name) {
        return Oracle.rows("/oracle/09-through-time/" + name).stream().map(r -> r.fields().toArray(String[]::new)).toList();
    }
}
