package gradientkata.kata.integrity;

import gradientkata.kata.Lesson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The wrong versions of a lesson: mistakes learners really make, each written as edits to the
 * reference solution, so that a change to the reference cannot silently leave them behind.
 *
 * <pre>
 * # a comment
 * === name-of-the-mistake
 * an optional line that says what the mistake is
 * file: ChainRule.java
 * &lt;&lt;&lt;
 * lines of the reference, which must occur exactly once in that file
 * &gt;&gt;&gt;
 * the lines that replace them
 * </pre>
 *
 * A mistake may carry several {@code <<<}/{@code >>>} pairs, and several {@code file:} lines.
 */
public final class WrongVersions {

    /** One mistake: a name, what it is, and the edits that make it. */
    public record WrongVersion(String name, String description, List<Edit> edits) {
    }

    /** Replace {@code find}, which must occur exactly once in {@code file}, by {@code replace}. */
    public record Edit(String file, String find, String replace) {
    }

    private WrongVersions() {
    }

    /**
     * @param text   the file's contents
     * @param source the file's name, for error messages
     * @throws IllegalArgumentException if the file does not follow the format
     */
    public static List<WrongVersion> parse(String text, String source) {
        List<WrongVersion> versions = new ArrayList<>();
        String name = null;
        StringBuilder description = new StringBuilder();
        List<Edit> edits = new ArrayList<>();
        String file = null;
        StringBuilder find = null;
        StringBuilder replace = null;
        int lineNumber = 0;
        for (String line : text.split("\n", -1)) {
            lineNumber++;
            String where = source + ":" + lineNumber + ": ";
            if (line.startsWith("===")) {
                closeEdit(edits, file, find, replace);
                find = replace = null;
                addVersion(versions, name, description, edits, source);
                name = line.substring(3).strip();
                if (name.isEmpty()) {
                    throw new IllegalArgumentException(where + "a wrong version needs a name after ===");
                }
                description = new StringBuilder();
                edits = new ArrayList<>();
                file = null;
            } else if (line.equals("<<<")) {
                closeEdit(edits, file, find, replace);
                if (file == null) {
                    throw new IllegalArgumentException(where + "<<< before any 'file:' line");
                }
                find = new StringBuilder();
                replace = null;
            } else if (line.equals(">>>")) {
                if (find == null || replace != null) {
                    throw new IllegalArgumentException(where + ">>> without a <<< before it");
                }
                replace = new StringBuilder();
            } else if (replace != null && !line.startsWith("file:")) {
                replace.append(line).append('\n');
            } else if (find != null && replace == null) {
                find.append(line).append('\n');
            } else if (line.startsWith("file:")) {
                closeEdit(edits, file, find, replace);
                find = replace = null;
                if (name == null) {
                    throw new IllegalArgumentException(where + "'file:' before any === name");
                }
                file = line.substring("file:".length()).strip();
            } else if (name != null && !line.isBlank() && !line.startsWith("#")) {
                description.append(description.length() == 0 ? "" : " ").append(line.strip());
            } else if (name == null && !line.isBlank() && !line.startsWith("#")) {
                throw new IllegalArgumentException(where + "text before the first === name: " + line);
            }
        }
        if (find != null && replace == null) {
            throw new IllegalArgumentException(source + ": the last <<< has no >>>");
        }
        closeEdit(edits, file, find, replace);
        addVersion(versions, name, description, edits, source);
        return versions;
    }

    private static void closeEdit(List<Edit> edits, String file, StringBuilder find, StringBuilder replace) {
        if (find != null && replace != null) {
            edits.add(new Edit(file, trimEnd(find), trimEnd(replace)));
        }
    }

    private static void addVersion(List<WrongVersion> versions, String name, StringBuilder description,
                                   List<Edit> edits, String source) {
        if (name == null) {
            return;
        }
        if (edits.isEmpty()) {
            throw new IllegalArgumentException(source + ": wrong version '" + name + "' has no <<< >>> edit");
        }
        versions.add(new WrongVersion(name, description.toString(), List.copyOf(edits)));
    }

    /** Drops the trailing blank lines that separate one block from the next. */
    private static String trimEnd(StringBuilder block) {
        return block.toString().replaceAll("\\s+$", "");
    }

    /**
     * The learner files of {@code lesson} with the mistake applied.
     *
     * @param reference the reference's files, keyed by path relative to a source root
     * @throws IllegalStateException if an edit names an unknown file or its text does not occur exactly once
     */
    public static Map<String, String> apply(WrongVersion version, Lesson lesson, Map<String, String> reference) {
        Map<String, String> files = new TreeMap<>(reference);
        for (Edit edit : version.edits()) {
            String path = lesson.packagePath() + "/" + edit.file();
            String text = files.get(path);
            if (text == null) {
                throw new IllegalStateException("wrong version '" + version.name() + "' edits " + edit.file()
                        + ", which is not one of the lesson's files " + lesson.files());
            }
            int first = text.indexOf(edit.find());
            if (first < 0 || text.indexOf(edit.find(), first + 1) >= 0) {
                throw new IllegalStateException("wrong version '" + version.name() + "' does not apply: the text after <<< "
                        + (first < 0 ? "does not occur" : "occurs more than once") + " in the reference " + edit.file()
                        + ":\n" + edit.find());
            }
            files.put(path, text.substring(0, first) + edit.replace() + text.substring(first + edit.find().length()));
        }
        return files;
    }
}
