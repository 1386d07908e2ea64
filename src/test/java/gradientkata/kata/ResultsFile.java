package gradientkata.kata;

import gradientkata.kata.TestResult.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Results on disk, one check per line, tab-separated: how a run inside Surefire hands its
 * results to the verdict printed after it.
 */
public final class ResultsFile {

    private ResultsFile() {
    }

    public static void write(Path file, List<TestResult> results) {
        StringBuilder out = new StringBuilder();
        for (TestResult r : results) {
            out.append(line(r)).append('\n');
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<TestResult> read(Path file) {
        List<TestResult> results = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                results.add(parse(line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return results;
    }

    /** One result as one line, tabs and newlines escaped. */
    public static String line(TestResult r) {
        return String.join("\t", escape(r.lesson()), escape(r.id()), escape(r.name()), r.status().name(),
                escape(r.message()), escape(r.trace()), Long.toString(r.millis()));
    }

    public static TestResult parse(String line) {
        String[] f = line.split("\t", -1);
        if (f.length != 7) {
            throw new IllegalStateException("not a result line: " + line);
        }
        return new TestResult(unescape(f[0]), unescape(f[1]), unescape(f[2]), Status.valueOf(f[3]),
                unescape(f[4]), unescape(f[5]), Long.parseLong(f[6]));
    }

    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                out.append(switch (n) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> n;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
