package gradientkata.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The oracle tables under {@code src/test/resources/oracle/}, written by the scripts in
 * {@code src/test/oracle/} (high-precision values, never the Java code's). A table is one check:
 * {@link #eachRow} runs the same assertions on every row and stops at the first row that fails,
 * naming it. (One check per row made a lesson's points mostly a count of oracle rows, and cost a
 * test's bookkeeping thousands of times over in every run.)
 *
 * <p>A table: lines starting with {@code #} are comments, the first other line is the header, and
 * every line after it is a row of comma-separated fields (no quoting; spaces around a field are
 * ignored).
 */
public final class Oracle {

    private Oracle() {
    }

    /** One row of a table: its fields as text, parsed on request. */
    public record Row(int number, int of, List<String> fields) {

        public String text(int column) {
            return fields.get(column);
        }

        public double real(int column) {
            return Double.parseDouble(fields.get(column));
        }

        public int integer(int column) {
            return Integer.parseInt(fields.get(column));
        }
    }

    /** The assertions of one row. */
    @FunctionalInterface
    public interface RowCheck {
        void check(Row row) throws Exception;
    }

    /** The rows of the table at {@code resource} (a class-path name such as "/oracle/01-…/x.csv"), header dropped. */
    public static List<Row> rows(String resource) {
        try (InputStream in = Oracle.class.getResourceAsStream(resource)) {
            assertThat(in).as("the oracle file %s on the test class path", resource).isNotNull();
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.strip().startsWith("#") && !l.isBlank()).toList();
            assertThat(lines).as("the oracle file %s: a header and at least one row", resource).hasSizeGreaterThan(1);
            List<String> data = lines.subList(1, lines.size());
            return java.util.stream.IntStream.range(0, data.size())
                    .mapToObj(i -> new Row(i + 1, data.size(), java.util.Arrays.stream(data.get(i).split(",", -1)).map(String::strip).toList()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs {@code check} on every row of the table, in order. A failed assertion comes back naming
     * the row ("row 17 of 120 in oracle/…/x.csv (0.93, 55, …): " and then its own message); anything else a row
     * throws (a method still to write, a bug in learner code) comes back unchanged.
     */
    public static void eachRow(String resource, RowCheck check) {
        for (Row row : rows(resource)) {
            try {
                check.check(row);
            } catch (AssertionError e) {
                String fields = String.join(", ", row.fields());
                if (fields.length() > 160) {
                    fields = fields.substring(0, 157) + "…";
                }
                AssertionError named = new AssertionError("row " + row.number() + " of " + row.of() + " in "
                        + resource.replaceFirst("^/", "") + " (" + fields + "): " + e.getMessage(), e);
                named.setStackTrace(e.getStackTrace());
                throw named;
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
