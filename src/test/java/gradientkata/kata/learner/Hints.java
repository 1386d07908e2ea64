package gradientkata.kata.learner;

import gradientkata.kata.Kata;
import gradientkata.kata.Lesson;
import gradientkata.kata.engine.Engine;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * A lesson's hints, one at a time, as its {@code lesson.properties} lists them (read through
 * {@link Kata}). Nothing remembers which hint was seen: {@code ./kata hint} shows the first hint
 * of the current lesson, {@code ./kata hint 2} the second, and each one says how to ask for the next.
 */
public final class Hints {

    static final String COMMAND = "./kata hint";
    private static final int WIDTH = 68;

    private Hints() {
    }

    /** {@code ./kata hint [N]}: hint N (1 by default) of the first lesson that is not complete. */
    static String command(Kata kata, List<String> args) {
        Optional<Integer> number = args.isEmpty() ? Optional.of(1) : parse(args.get(0));
        if (number.isEmpty() || args.size() > 1) {
            return frame(" '" + String.join(" ", args) + "' is not a hint number. Ask for the first hint with "
                    + COMMAND + ",\n the second with " + COMMAND + " 2, and so on.\n");
        }
        Progress progress = new Progress(kata, new Engine(kata), kata.scaffolds());
        progress.update();
        Optional<Lesson> current = progress.current();
        if (current.isEmpty()) {
            return frame(" Every lesson passes: no hint needed. Each lesson's README still lists its hints.\n");
        }
        return show(kata, current.get(), number.get(), next -> "Next hint: " + COMMAND + " " + next);
    }

    /**
     * Hint {@code number} (from 1) of a lesson.
     *
     * @param howToAskFor says how to see hint n, e.g. "Next hint: ./kata hint 3"
     */
    static String show(Kata kata, Lesson lesson, int number, IntFunction<String> howToAskFor) {
        List<String> hints = lesson.hints();
        String about = "lesson " + lesson.number() + " · " + lesson.title();
        if (hints.isEmpty()) {
            return frame(" " + capitalized(about) + " has no hints. Its text explains what to do:\n "
                    + kata.show(lesson.readme()) + "\n");
        }
        if (number < 1 || number > hints.size()) {
            return frame(" " + capitalized(about) + " has " + hints.size() + " hint" + (hints.size() == 1 ? "" : "s")
                    + ".\n Ask for one with " + COMMAND + " 1" + (hints.size() == 1 ? "" : " to " + COMMAND + " " + hints.size())
                    + ".\n");
        }
        StringBuilder out = new StringBuilder(" Hint ").append(number).append(" of ").append(hints.size())
                .append(" · ").append(about).append("\n\n");
        wrap(hints.get(number - 1), WIDTH).forEach(line -> out.append("   ").append(line).append('\n'));
        out.append('\n');
        if (number < hints.size()) {
            out.append(' ').append(howToAskFor.apply(number + 1)).append('\n');
        } else {
            out.append(" That was the last hint. The lesson's text goes further: ").append(kata.show(lesson.readme()))
                    .append('\n');
        }
        return frame(out.toString());
    }

    private static Optional<Integer> parse(String arg) {
        try {
            return Optional.of(Integer.parseInt(arg.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String frame(String body) {
        return "\n" + Verdict.RULE + "\n" + body + Verdict.RULE;
    }

    private static String capitalized(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** Breaks a long hint into lines of at most {@code width} characters, at spaces. */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.strip().split("\\s+")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() == 0 ? "" : " ").append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
