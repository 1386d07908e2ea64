package gradientkata.kata.integrity;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The laziest "solution" a learner could write: every TODO method of the scaffold returns a
 * default value (0.0, 0, false, null) instead of throwing. A lesson whose tests pass on that
 * would be passed by a gradient that "vanished" for the wrong reason, so the integrity checks
 * make sure every test fails on it too.
 */
public final class LazyStubs {

    private static final String TODO_THROW = "throw new UnsupportedOperationException(";

    /** A method (declared at the start of a line) whose whole body is the TODO throw; group "type" is its return type. */
    private static final Pattern TODO_METHOD = Pattern.compile(
            "(?m)^[ \\t]*(?:(?:public|protected|private|static|final|synchronized|default|strictfp)\\s+)*(?:<[^>]*>\\s+)?"
                    + "(?<type>[\\w.$]+(?:<[^;{}()]*>)?(?:\\[\\])*)\\s+\\w+\\s*\\([^;{}]*\\)\\s*(?:throws\\s+[\\w.,\\s]+)?\\{\\s*"
                    + "(?<todo>throw\\s+new\\s+UnsupportedOperationException\\((?:\"(?:[^\"\\\\]|\\\\.)*\"|[^;])*\\);)\\s*}");

    private LazyStubs() {
    }

    /**
     * @param scaffold learner files keyed by path
     * @return the same files with every TODO throw replaced by a default return
     * @throws IllegalStateException if a TODO throw is not the only statement of a method
     */
    public static Map<String, String> of(Map<String, String> scaffold) {
        Map<String, String> stubbed = new TreeMap<>();
        scaffold.forEach((path, text) -> stubbed.put(path, stub(path, text)));
        return stubbed;
    }

    private static String stub(String path, String text) {
        Matcher m = TODO_METHOD.matcher(text);
        StringBuilder out = new StringBuilder();
        int todos = 0;
        while (m.find()) {
            todos++;
            String body = text.substring(m.start(), m.start("todo")) + "return" + defaultFor(m.group("type")) + ";"
                    + text.substring(m.end("todo"), m.end());
            m.appendReplacement(out, Matcher.quoteReplacement(body));
        }
        m.appendTail(out);
        int all = count(text, TODO_THROW);
        if (todos != all) {
            throw new IllegalStateException(path + " has " + all + " TODO throws but only " + todos
                    + " are the single statement of a method; write each TODO method's body as just the throw");
        }
        return out.toString();
    }

    private static String defaultFor(String type) {
        return switch (type) {
            case "void" -> "";
            case "double", "float" -> " 0.0";
            case "int", "long", "short", "byte" -> " 0";
            case "char" -> " '\\0'";
            case "boolean" -> " false";
            default -> " null";
        };
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
