package gradientkata.kata.grading;

import gradientkata.kata.Kata;
import gradientkata.kata.Lesson;
import gradientkata.kata.grading.Grade.CheckGrade;
import gradientkata.kata.grading.Grade.LessonGrade;
import gradientkata.kata.TestResult.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * A grade written out for people and for platforms: {@code grade.md} (for the instructor and
 * the student), {@code grade.json} (the canonical record everything else derives from),
 * Gradescope's {@code results.json}, and GitHub Classroom's {@code classroom.json} (with its
 * base64 form, {@code classroom.b64}, the value the Classroom reporter reads).
 */
public final class Reports {

    private Reports() {
    }

    /** Writes the four reports into {@code dir}. */
    public static void write(Grade grade, Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("grade.md"), markdown(grade), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("grade.json"), canonical(grade), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("results.json"), gradescope(grade), StandardCharsets.UTF_8);
            String classroom = classroom(grade);
            Files.writeString(dir.resolve("classroom.json"), classroom, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("classroom.b64"),
                    Base64.getEncoder().encodeToString(classroom.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String markdown(Grade g) {
        StringBuilder out = new StringBuilder("# Gradient Kata — grade for ").append(cell(printable(g.student()))).append("\n\n");
        out.append("**Total: ").append(num(g.points())).append(" / ").append(num(g.max())).append("**\n\n");
        if (!g.sandbox().isEmpty()) {
            out.append("*Containment: ").append(g.sandbox()).append(".*\n\n");
        }
        out.append("| lesson | title | checks passed | points | outcome |\n|---|---|---|---|---|\n");
        for (LessonGrade l : g.lessons()) {
            out.append("| ").append(l.lesson().number()).append(" | ").append(cell(l.lesson().title())).append(" | ")
                    .append(l.passed()).append(" / ").append(l.checks().size()).append(" | ")
                    .append(num(l.points())).append(" / ").append(num(l.max())).append(" | ").append(l.outcome().label())
                    .append(" |\n");
        }
        for (LessonGrade l : g.lessons()) {
            List<CheckGrade> failed = l.checks().stream().filter(c -> c.status() != Status.PASSED).toList();
            if (failed.isEmpty() && l.reason().isEmpty()) {
                continue;
            }
            out.append("\n## Lesson ").append(l.lesson().number()).append(" — ").append(l.lesson().title()).append("\n\n");
            if (!l.reason().isEmpty()) {
                out.append("**").append(l.outcome().label()).append(":** ").append(indent(l.reason())).append("\n\n");
            }
            if (l.outcome() == Grade.Outcome.GRADED) {
                for (CheckGrade c : failed) {
                    out.append("- **").append(c.status().label()).append("**: ").append(cell(c.name()));
                    if (!c.message().isBlank()) {
                        out.append("\n  ").append(indent(c.message()));
                    }
                    out.append('\n');
                }
            }
        }
        if (!g.ignored().isEmpty()) {
            out.append("\n## Not graded\n\nOnly the learner files count; these files were not used:\n\n");
            g.ignored().forEach(i -> out.append("- ").append(i).append('\n'));
        }
        return out.toString();
    }

    /** The canonical record: fixed key order, so that two gradings of the same work compare equal but for durations. */
    static String canonical(Grade g) {
        List<String> lessons = new ArrayList<>();
        for (LessonGrade l : g.lessons()) {
            List<String> tests = l.checks().stream().map(c -> object(
                    "lesson", str(l.lesson().number()), "id", str(c.id()), "name", str(c.name()),
                    "status", str(c.status().label()), "points", num(c.points()), "max_points", num(c.max()),
                    "duration_ms", Long.toString(c.millis()), "message", str(c.message()))).toList();
            lessons.add(object("lesson", str(l.lesson().number()), "title", str(l.lesson().title()),
                    "outcome", str(l.outcome().label()), "reason", str(l.reason()), "points", num(l.points()),
                    "max_points", num(l.max()), "tests", array(tests)));
        }
        return object("kata", str("gradient-kata"), "format", "1", "student", str(g.student()),
                "points", num(g.points()), "max_points", num(g.max()), "sandbox", str(g.sandbox()), "lessons", array(lessons),
                "ignored", array(g.ignored().stream().map(Reports::str).toList())) + "\n";
    }

    /** Gradescope's autograder format; no top-level score, so Gradescope adds up the tests. */
    static String gradescope(Grade g) {
        List<String> tests = new ArrayList<>();
        for (LessonGrade l : g.lessons()) {
            for (CheckGrade c : l.checks()) {
                String output = c.status() == Status.PASSED ? "" : c.status().label() + ": " + c.message();
                tests.add(object("name", str(testName(l, c)),
                        "score", num(c.points()), "max_score", num(c.max()),
                        "status", str(c.status() == Status.PASSED ? "passed" : "failed"),
                        "output", str(output), "visibility", str("visible")));
            }
        }
        List<String> parts = new ArrayList<>();
        if (!g.sandbox().isEmpty()) {
            parts.add("Containment: " + g.sandbox() + ".");
        }
        if (!g.ignored().isEmpty()) {
            parts.add("Not graded (ignored): " + String.join("; ", g.ignored()));
        }
        String notes = String.join("\n", parts);
        return object("output", str(notes), "visibility", str("visible"), "tests", array(tests)) + "\n";
    }

    /** The result an autograding step hands to GitHub Classroom's grading reporter (version 1). */
    static String classroom(Grade g) {
        List<String> tests = new ArrayList<>();
        boolean error = false;
        for (LessonGrade l : g.lessons()) {
            error |= l.outcome() == Grade.Outcome.CRASHED || l.outcome() == Grade.Outcome.TIMEOUT;
            for (CheckGrade c : l.checks()) {
                String status = c.status() == Status.PASSED ? "pass"
                        : c.status() == Status.FAILED ? "fail" : "error";
                tests.add(object("name", str(testName(l, c)), "status", str(status),
                        "message", str(c.message()), "test_code", str(c.id()), "filename", str(""), "line_no", "0",
                        "duration", Long.toString(c.millis()), "score", num(c.points())));
            }
        }
        boolean allPassed = g.lessons().stream().allMatch(l -> l.passed() == l.checks().size());
        String status = allPassed ? "pass" : error ? "error" : "fail";
        return object("version", "1", "status", str(status), "max_score", num(g.max()), "tests", array(tests)) + "\n";
    }

    /** "Lesson 00 · Welcome › …": the check's name, with the lesson in front only when the name does not start with it. */
    static String testName(LessonGrade l, CheckGrade c) {
        String lesson = "Lesson " + l.lesson().number();
        return c.name().startsWith(lesson) ? c.name() : lesson + " · " + c.name();
    }

    public static String num(double d) {
        double rounded = Math.round(d * 1000) / 1000.0;
        return rounded == Math.rint(rounded) ? Long.toString((long) rounded) : String.format(Locale.ROOT, "%s", rounded);
    }

    static String str(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static String object(String... keysAndValues) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.append(i == 0 ? "" : ",").append(str(keysAndValues[i])).append(':').append(keysAndValues[i + 1]);
        }
        return out.append('}').toString();
    }

    private static String array(List<String> items) {
        return "[" + String.join(",", items) + "]";
    }

    /** A name as one line of text: control characters shown as escapes ("\n"), never acted on. */
    static String printable(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                out.append(c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t" : String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    private static String indent(String s) {
        return s.strip().replace("\n", "\n  ");
    }
}
