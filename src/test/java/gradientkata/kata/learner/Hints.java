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
 * The current lesson comes from what the last run recorded ({@link LessonRecords}: the watch,
 * {@code ./mvnw test}, an earlier hint), trusted only while the lesson's files are unchanged.
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
        Optional<Lesson> current = Progress.currentFromRecords(kata, () -> new Engine(kata));
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

    /** A token made of math symbols only ("−", "=", "·", "≤", "|w|·s"…): it stays with its neighbours. */
    private static final java.util.regex.Pattern MATH = java.util.regex.Pattern.compile("[\\p{Sm}\\u2212\\u00b7\\u00d7=<>+*/^|±≈·]+");

    /**
     * Breaks a long hint into lines of at most {@code width} characters, at spaces, never inside a
     * formula: a {@code $…$} span stays on one line, and so does an operator standing alone between
     * spaces ("a − b", "x > 1") together with its two neighbours. A unit longer than the width gets a
     * line of its own.
     */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String unit : units(text)) {
            if (line.length() > 0 && line.length() + 1 + unit.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() == 0 ? "" : " ").append(unit);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** The words of a hint, with each $…$ span and each operator with its neighbours joined into one unit. */
    static List<String> units(String text) {
        List<String> units = new ArrayList<>();
        boolean inDollars = false;
        boolean glueNext = false;
        for (String word : text.strip().split("\\s+")) {
            boolean operator = MATH.matcher(word).matches();
            boolean glue = !units.isEmpty() && (inDollars || glueNext || operator);
            if (glue) {
                units.set(units.size() - 1, units.get(units.size() - 1) + " " + word);
            } else {
                units.add(word);
            }
            long dollars = word.chars().filter(c -> c == '$').count();
            if (dollars % 2 == 1) {
                inDollars = !inDollars;
            }
            glueNext = operator;
        }
        return units;
    }
}
