package gradientkata.kata.learner;

import gradientkata.kata.Kata;
import gradientkata.kata.Lesson;
import gradientkata.kata.TestResult;
import gradientkata.kata.engine.Engine;
import gradientkata.kata.TestResult.Status;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a learner reads after {@code ./mvnw test}: one line per lesson, a marker on the first
 * unfinished one, and that lesson's first failing check with its message, a hint, the lesson
 * text to read and the command that reruns it. Fits one screen; Surefire's reports keep the
 * detail.
 */
public final class Verdict {

    static final String RULE = "─".repeat(72);
    private static final int MESSAGE_LINES = 8;
    private static final int TRACE_LINES = 3;
    /** A frame in a test file: "(ChainRuleTest.java:42)". */
    private static final Pattern TEST_FRAME = Pattern.compile("\\((\\w+Test\\.java):(\\d+)\\)");
    private static final Pattern TEST_CLASS = Pattern.compile("\\[class:([^\\]]+)\\]");
    /** The id of the one result that stands for a lesson whose sources did not compile. */
    static final String COMPILE_ID = "[compile]";

    private final Kata kata;
    private final List<TestResult> results;
    private final String onlyLesson;

    /**
     * @param results    what the run produced
     * @param onlyLesson the lesson the run was limited to ({@code -Dlesson}), or "" for all
     */
    public Verdict(Kata kata, List<TestResult> results, String onlyLesson) {
        this.kata = kata;
        this.results = List.copyOf(results);
        this.onlyLesson = onlyLesson.strip();
    }

    /**
     * The verdict of the engine's runs, as the watch loop makes them. A lesson whose sources did
     * not compile has no test results; it shows as one failing check that quotes javac.
     */
    public static Verdict of(Kata kata, List<Engine.Run> runs) {
        List<TestResult> results = new ArrayList<>();
        for (Engine.Run run : runs) {
            results.addAll(run.compiled() ? run.results() : List.of(compileFailure(run)));
        }
        return new Verdict(kata, results, "");
    }

    private static TestResult compileFailure(Engine.Run run) {
        List<String> lines = run.compileErrors().stream().flatMap(String::lines).toList();
        String message = String.join("\n", lines);
        if (lines.size() > MESSAGE_LINES) { // the verdict shows MESSAGE_LINES lines of a message
            message = String.join("\n", lines.subList(0, MESSAGE_LINES - 1)) + "\n… and "
                    + (lines.size() - MESSAGE_LINES + 1) + " more lines: fix the first error, then save again";
        }
        return new TestResult(run.lesson().number(), COMPILE_ID, "Lesson " + run.lesson().number()
                + " › your code and the lesson's checks compile", Status.ERROR, message, "", 0);
    }

    /**
     * Whether every lesson the run covered is complete. A run that reached no lesson's checks (only
     * tests outside the lessons, e.g. {@code -Dtest=…}) fails nothing, though the verdict does not call it complete.
     */
    public boolean success() {
        return unknownLesson().isEmpty() && !results.isEmpty() && lessonsRun().stream().allMatch(this::complete);
    }

    /** One sentence: where the learner stands. */
    public String headline() {
        if (unknownLesson().isPresent()) {
            return "there is no lesson " + onlyLesson;
        }
        if (results.isEmpty()) {
            return "no test ran";
        }
        if (lessonsRun().isEmpty()) {
            return "no lesson's checks ran";
        }
        return nextLesson().map(l -> "lesson " + l.number() + " (" + l.title() + ") is next: "
                + failing(l).size() + " of " + of(l).size() + " checks still fail")
                .orElse(lessonsRun().size() == kata.lessons().size() ? "every lesson is complete"
                        : "every lesson that ran is complete (" + lessonsRun().size() + " of " + kata.lessons().size() + " ran)");
    }

    public String render() {
        StringBuilder out = new StringBuilder("\n").append(RULE).append('\n');
        if (unknownLesson().isPresent()) {
            out.append(" There is no lesson '").append(onlyLesson).append("'. The lessons are:\n");
            kata.lessons().forEach(l -> out.append("   ").append(l.number()).append("  ").append(l.title()).append('\n'));
            out.append(" Run one with: ./mvnw test -Dlesson=NN\n").append(RULE);
            return out.toString();
        }
        if (results.isEmpty()) {
            out.append(" No test results: the tests did not run. Maven's output above says why\n")
                    .append(" (a compile error in your code is the usual reason); Surefire's own report is\n")
                    .append(" in target/surefire-reports, and ./mvnw test -Dkata.loud=true shows it all.\n").append(RULE);
            return out.toString();
        }
        out.append(" Gradient Kata · your progress\n\n");
        Optional<Lesson> next = nextLesson();
        for (Lesson lesson : kata.lessons()) {
            out.append(line(lesson, next)).append('\n');
        }
        long done = kata.lessons().stream().filter(this::complete).count();
        out.append('\n').append(String.format(" %d of %d lessons complete", done, kata.lessons().size()));
        if (!onlyLesson.isEmpty()) {
            out.append(" (this run: lesson ").append(onlyLesson).append(" only)");
        }
        out.append('\n').append(RULE).append('\n');
        if (lessonsRun().isEmpty()) {
            out.append(" No lesson's checks ran this time (").append(results.size())
                    .append(results.size() == 1 ? " other test" : " other tests")
                    .append("). Run ./mvnw test to check every lesson.\n");
        } else if (next.isEmpty()) {
            int ran = lessonsRun().size();
            out.append(!onlyLesson.isEmpty() ? " Lesson " + onlyLesson + " passes. Run ./mvnw test to see the whole kata.\n"
                    : ran == kata.lessons().size() ? " Every lesson passes. The gradients have no secrets left: well done.\n"
                    : " Every lesson that ran passes, but this run checked " + ran + " of " + kata.lessons().size()
                            + " lessons.\n Run ./mvnw test to check them all.\n");
        } else {
            out.append(nextCheck(next.get()));
        }
        return out.append(RULE).toString();
    }

    private String line(Lesson lesson, Optional<Lesson> next) {
        List<TestResult> mine = of(lesson);
        boolean here = next.isPresent() && next.get().equals(lesson);
        String mark = here ? " ▶ " : complete(lesson) ? " ✔ " : "   ";
        String score = mine.isEmpty() ? (onlyLesson.isEmpty() ? "not run" : "not run this time")
                : mine.get(0).id().equals(COMPILE_ID) ? "compile error" : (mine.size() - failing(lesson).size()) + "/" + mine.size();
        return String.format("%s %s  %-36s %17s%s", mark, lesson.number(), lesson.title(), score,
                here ? "   ← you are here" : "");
    }

    private String nextCheck(Lesson lesson) {
        TestResult first = failing(lesson).get(0);
        StringBuilder out = new StringBuilder(" Next: lesson ").append(lesson.number()).append(" · ")
                .append(lesson.title()).append('\n');
        out.append("\n ✘ ").append(withoutClassName(first.name())).append('\n');
        if (first.todo()) {
            out.append("   Not written yet: ").append(first.message()).append('\n');
        } else if (first.status() == TestResult.Status.TIMEOUT) {
            out.append("   Still running when its time was up (").append(first.message()).append(").\n");
            Optional<String> stuck = stuckIn(lesson, first);
            out.append(stuck.map(f -> "   It was still in " + f + ", for the case named above:\n   look for a loop there that never ends.\n")
                    .orElse("   Look for a loop that never ends.\n"));
        } else {
            out.append("   ").append(first.status().label()).append(":\n");
            first.message().lines().limit(MESSAGE_LINES).forEach(l -> out.append("     ").append(l).append('\n'));
            if (first.message().lines().count() > MESSAGE_LINES) {
                out.append("     … (the full message is in target/surefire-reports)\n");
            }
        }
        first.trace().lines().filter(l -> l.strip().startsWith("at ") && ownFrame(lesson, l)).limit(TRACE_LINES)
                .forEach(l -> out.append("     ").append(l.strip()).append('\n'));
        if (!lesson.hints().isEmpty()) {
            out.append("\n Hint:  ").append(lesson.hints().get(0)).append('\n');
        }
        out.append(" Read:  ").append(kata.show(lesson.readme())).append('\n');
        out.append(" Rerun: ").append(lesson.runCommand()).append('\n');
        return out.toString();
    }

    /**
     * For a timeout: the innermost frame of the lesson's learner files in the stack of the check's
     * thread at the deadline, "Growth.overflowDepth(Growth.java:57)"; empty when the thread was elsewhere.
     */
    static Optional<String> stuckIn(Lesson lesson, TestResult timeout) {
        int cause = timeout.trace().indexOf("\ncaused by ");
        if (cause < 0) {
            return Optional.empty();
        }
        return timeout.trace().substring(cause).lines().map(String::strip).filter(l -> l.startsWith("at "))
                .map(l -> l.substring(3))
                .filter(f -> lesson.files().stream().anyMatch(file -> f.contains("(" + file + ":")))
                .map(f -> {
                    String method = f.substring(0, f.indexOf('('));
                    int dot = method.lastIndexOf('.', method.lastIndexOf('.') - 1);
                    return f.substring(dot + 1);
                })
                .findFirst();
    }

    /** "Lesson 01 · … › Products › three layers …" reads as "Products › three layers …" under the lesson's heading. */
    private static String withoutClassName(String name) {
        int cut = name.indexOf(" › ");
        return cut < 0 ? name : name.substring(cut + " › ".length());
    }

    /** A frame in one of the lesson's learner files or test files, where the learner should look. */
    private static boolean ownFrame(Lesson lesson, String frame) {
        return TEST_FRAME.matcher(frame).find() || lesson.files().stream().anyMatch(f -> frame.contains("(" + f + ":"));
    }

    /** The first lesson, in order, that ran and is not complete. */
    private Optional<Lesson> nextLesson() {
        return lessonsRun().stream().filter(l -> !complete(l)).findFirst();
    }

    private List<Lesson> lessonsRun() {
        return kata.lessons().stream().filter(l -> !of(l).isEmpty()).toList();
    }

    private boolean complete(Lesson lesson) {
        return !of(lesson).isEmpty() && failing(lesson).isEmpty();
    }

    private List<TestResult> of(Lesson lesson) {
        return results.stream().filter(r -> r.lesson().equals(lesson.number())).collect(Collectors.toList());
    }

    /**
     * The lesson's failing checks in reading order: by test class in the lesson's {@code tests=} order
     * ({@link Lesson#testRank}), then by test file name, then by line, as the trace shows them.
     */
    List<TestResult> failing(Lesson lesson) {
        return of(lesson).stream().filter(r -> !r.passed())
                .sorted(Comparator.comparingInt((TestResult r) -> testClass(r).map(lesson::testRank).orElse(Integer.MAX_VALUE))
                        .thenComparing((TestResult r) -> testLine(r).map(m -> m.group(1)).orElse("\uffff"))
                        .thenComparingInt(r -> testLine(r).map(m -> Integer.parseInt(m.group(2))).orElse(Integer.MAX_VALUE)))
                .toList();
    }

    /** The test class of a check, from JUnit's unique id: "[engine:junit-jupiter]/[class:a.b.GrowthTest]/…". */
    static Optional<String> testClass(TestResult r) {
        Matcher m = TEST_CLASS.matcher(r.id());
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static Optional<Matcher> testLine(TestResult r) {
        Matcher m = TEST_FRAME.matcher(r.trace());
        return m.find() ? Optional.of(m) : Optional.empty();
    }

    public Optional<String> unknownLesson() {
        return onlyLesson.isEmpty() || kata.lesson(onlyLesson).isPresent() ? Optional.empty() : Optional.of(onlyLesson);
    }
}
