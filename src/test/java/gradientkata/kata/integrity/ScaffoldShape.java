package gradientkata.kata.integrity;

import gradientkata.kata.FileTrees;
import gradientkata.kata.Kata;
import gradientkata.kata.Lesson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scaffold is its reference solution with each TODO method's body replaced by one
 * {@code throw new UnsupportedOperationException("TODO …")}: same package, imports, Javadoc,
 * signatures and helper code, so the two cannot drift apart. Imports, private methods and private
 * fields that only the reference needs may stand in the solution alone. Which methods are TODOs, and the text of
 * each throw, come from the scaffold as it is.
 *
 * <p>{@code ./mvnw -q test-compile exec:java@scaffolds} rewrites every scaffold from its solution
 * this way, keeping the scaffold's TODO messages: maintainers edit the solution, then run it.
 */
public final class ScaffoldShape {

    /** A method's header, from the start of its line to its opening brace. */
    private static final Pattern METHOD_HEADER = Pattern.compile(
            "(?m)^[ \\t]*(?:@\\w+(?:\\([^)]*\\))?\\s+)*(?:(?:public|protected|private|static|final|synchronized|default|strictfp|abstract)\\s+)*"
                    + "(?:<[^>]*>\\s+)?[\\w.$]+(?:<[^;{}()]*>)?(?:\\[\\])*\\s+(?<name>\\w+)\\s*\\([^;{}]*\\)\\s*(?:throws\\s+[\\w.,\\s]+)?\\{");
    private static final Pattern TODO_BODY = Pattern.compile(
            "\\{\\s*throw\\s+new\\s+UnsupportedOperationException\\((?:\"(?:[^\"\\\\]|\\\\.)*\"|[^;])*\\);\\s*}");
    /** A private field on one line, with what stands before it on its own lines (comments, blank line). */
    private static final Pattern PRIVATE_FIELD = Pattern.compile("(?m)^[ \\t]*private\\s+(?:static\\s+)?(?:final\\s+)?[^=;(){}]+?\\s+(\\w+)\\s*(?:=[^;]*)?;[ \\t]*\\n");

    private ScaffoldShape() {
    }

    /**
     * The scaffold that {@code solution} should have: its text with the bodies of the methods that
     * are TODOs in {@code scaffold} replaced by the scaffold's bodies, and the private members the
     * scaffold lacks left out. A file without TODOs should equal its solution.
     */
    public static String expected(String solution, String scaffold) {
        Map<String, String> todoBodies = new LinkedHashMap<>();
        Matcher h = METHOD_HEADER.matcher(scaffold);
        while (h.find()) {
            int close = closingBrace(scaffold, h.end() - 1);
            String body = scaffold.substring(h.end() - 1, close + 1);
            if (TODO_BODY.matcher(body).matches()) {
                todoBodies.put(normalize(h.group()), body);
            }
        }
        StringBuilder out = new StringBuilder();
        int at = 0;
        Matcher s = METHOD_HEADER.matcher(solution);
        while (s.find(at)) {
            int close = closingBrace(solution, s.end() - 1);
            String header = normalize(s.group());
            int start = memberStart(solution, s.start());
            if (todoBodies.containsKey(header)) {
                out.append(solution, at, s.end() - 1).append(todoBodies.get(header));
            } else if (header.contains("private ") && !normalize(scaffold).contains(header)) {
                out.append(solution, at, start); // a helper only the reference needs
                close = skipLineEnd(solution, close);
            } else {
                out.append(solution, at, close + 1);
            }
            at = close + 1;
        }
        out.append(solution.substring(at));
        return dropImportsNotIn(dropPrivateFieldsNotIn(out.toString(), scaffold), scaffold);
    }

    private static String dropImportsNotIn(String text, String scaffold) {
        List<String> kept = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (!line.startsWith("import ") || scaffold.lines().anyMatch(line::equals)) {
                kept.add(line);
            }
        }
        return String.join("\n", kept);
    }

    /** Every lesson file whose scaffold is not what {@link #expected} makes of its solution. */
    public static List<String> problems(Kata kata, Lesson lesson) {
        List<String> problems = new ArrayList<>();
        for (String path : lesson.sourcePaths()) {
            Path scaffoldFile = kata.scaffolds().resolve(path);
            Path solutionFile = kata.solutions().resolve(path);
            if (!Files.isRegularFile(scaffoldFile) || !Files.isRegularFile(solutionFile)) {
                continue; // missing files are the file-list rule's to report
            }
            String scaffold = FileTrees.read(scaffoldFile);
            String expected = expected(FileTrees.read(solutionFile), scaffold);
            if (!expected.equals(scaffold)) {
                problems.add("lesson " + lesson.number() + ": " + path + " is not its solution with each TODO body replaced by the"
                        + " throw (" + firstDifference(expected, scaffold) + "); edit the solution, then regenerate with "
                        + COMMAND);
            }
        }
        return problems;
    }

    /** What maintainers run to rewrite the scaffolds from the solutions. */
    public static final String COMMAND = "./mvnw -q test-compile exec:java@scaffolds";

    /** {@value #COMMAND}: rewrites every lesson's scaffold from its solution, keeping its TODO throws. */
    public static void main(String[] args) {
        Kata kata = Kata.current();
        int changed = 0;
        for (Lesson lesson : kata.lessons()) {
            for (String path : lesson.sourcePaths()) {
                Path scaffoldFile = kata.scaffolds().resolve(path);
                Path solutionFile = kata.solutions().resolve(path);
                if (Files.isRegularFile(scaffoldFile) && Files.isRegularFile(solutionFile)) {
                    String scaffold = FileTrees.read(scaffoldFile);
                    String expected = expected(FileTrees.read(solutionFile), scaffold);
                    if (!expected.equals(scaffold)) {
                        FileTrees.write(scaffoldFile, expected);
                        System.out.println("Rewrote " + kata.show(scaffoldFile));
                        changed++;
                    }
                }
            }
        }
        System.out.println(changed == 0 ? "Every scaffold already matches its solution." : changed + " scaffold(s) rewritten.");
    }

    private static String dropPrivateFieldsNotIn(String text, String scaffold) {
        Matcher f = PRIVATE_FIELD.matcher(text);
        StringBuilder out = new StringBuilder();
        int at = 0;
        String normalizedScaffold = normalize(scaffold);
        while (f.find()) {
            if (!normalizedScaffold.contains(normalize(f.group()))) {
                out.append(text, at, memberStart(text, f.start()));
                at = f.end();
            }
        }
        return out.append(text.substring(at)).toString();
    }

    /** Where a member's declaration starts, with the Javadoc or comment lines and one blank line above it. */
    private static int memberStart(String text, int lineStart) {
        int start = lineStart;
        while (true) {
            int prevEnd = start - 1; // the newline ending the previous line
            if (prevEnd < 0) {
                return start;
            }
            int prevStart = text.lastIndexOf('\n', prevEnd - 1) + 1;
            String line = text.substring(prevStart, prevEnd).strip();
            if (line.startsWith("/**") || line.startsWith("*") || line.startsWith("//") || line.startsWith("/*") || line.startsWith("@")) {
                start = prevStart;
            } else if (line.isEmpty()) {
                return prevStart;
            } else {
                return start;
            }
        }
    }

    private static int skipLineEnd(String text, int close) {
        return close + 1 < text.length() && text.charAt(close + 1) == '\n' ? close + 1 : close;
    }

    /** The index of the brace closing the one at {@code open}, skipping strings, characters and comments. */
    static int closingBrace(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (text.startsWith("//", i)) {
                i = text.indexOf('\n', i);
                if (i < 0) {
                    break;
                }
            } else if (text.startsWith("/*", i)) {
                i = text.indexOf("*/", i + 2) + 1;
                if (i <= 0) {
                    break;
                }
            } else if (text.startsWith("\"\"\"", i)) {
                i = text.indexOf("\"\"\"", i + 3) + 2;
                if (i <= 1) {
                    break;
                }
            } else if (c == '"' || c == '\'') {
                for (i++; i < text.length() && text.charAt(i) != c; i++) {
                    if (text.charAt(i) == '\\') {
                        i++;
                    }
                }
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalStateException("unbalanced braces after offset " + open);
    }

    private static String normalize(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }

    private static String firstDifference(String expected, String actual) {
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        for (int i = 0; i < Math.max(e.length, a.length); i++) {
            String el = i < e.length ? e[i] : "(end of file)";
            String al = i < a.length ? a[i] : "(end of file)";
            if (!el.equals(al)) {
                return "line " + (i + 1) + ": expected «" + el.strip() + "», found «" + al.strip() + "»";
            }
        }
        return "they differ";
    }
}
