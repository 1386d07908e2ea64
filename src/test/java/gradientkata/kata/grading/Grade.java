package gradientkata.kata.grading;

import gradientkata.kata.Lesson;
import gradientkata.kata.TestResult;
import gradientkata.kata.TestResult.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One submission's grade: per lesson, per expected check, what happened and what it scored.
 * Scored against the fixed list of checks the reference solution passes, so a check that is
 * missing or never ran scores zero. How a lesson's points are shared is the instructor's choice,
 * {@link Sharing}; every way adds up exactly to the lesson's points when every check passes.
 *
 * @param student  who submitted it
 * @param lessons  one entry per lesson of the kata, in order
 * @param ignored  files the submission carries that were not graded (edited tests, build files…), with why
 * @param sandbox  what contained learner code while it ran ({@link Sandbox}); "" when the grader ran none of it
 */
public record Grade(String student, List<LessonGrade> lessons, List<String> ignored, String sandbox) {

    /** A grade that ran no learner code of its own (graded in place, from a run that already happened). */
    public Grade(String student, List<LessonGrade> lessons, List<String> ignored) {
        this(student, lessons, ignored, "");
    }

    /** How a lesson as a whole went. */
    public enum Outcome {
        GRADED, COMPILE_ERROR, REJECTED, CRASHED, TIMEOUT, MISSING, NOT_RUN;

        public String label() {
            return name().toLowerCase().replace('_', ' ');
        }
    }

    /**
     * @param reason why the lesson scored what it did when it was not simply graded ("" otherwise)
     */
    public record LessonGrade(Lesson lesson, Outcome outcome, String reason, List<CheckGrade> checks) {

        public double points() {
            return checks.stream().mapToDouble(CheckGrade::points).sum();
        }

        public double max() {
            return lesson.points();
        }

        public long passed() {
            return checks.stream().filter(c -> c.status() == Status.PASSED).count();
        }
    }

    /** One expected check. */
    public record CheckGrade(String id, String name, Status status, double points, double max, long millis, String message) {
    }

    public double points() {
        return lessons.stream().mapToDouble(LessonGrade::points).sum();
    }

    public double max() {
        return lessons.stream().mapToDouble(LessonGrade::max).sum();
    }

    /**
     * How a lesson's points are shared, chosen with {@code -Dkata.points=per-check|per-method|per-lesson}
     * (the same property for {@code ./mvnw test} and {@code ./kata grade DIR --points …}).
     */
    public enum Sharing {
        /** Each check earns its share (the default). */
        PER_CHECK,
        /** A test method earns its checks' shares only when all of them pass (a parameterized table counts as one method). */
        PER_METHOD,
        /** The lesson's points only when every check passes. */
        PER_LESSON;

        public static final String PROPERTY = "kata.points";

        public String label() {
            return name().toLowerCase().replace('_', '-');
        }

        /** "per-method" → PER_METHOD; anything else is an error that lists the three choices. */
        public static Sharing parse(String text) {
            for (Sharing s : values()) {
                if (s.label().equals(text.strip().toLowerCase())) {
                    return s;
                }
            }
            throw new IllegalArgumentException("-D" + PROPERTY + "=" + text + " is not a way to share points: use per-check, per-method or per-lesson");
        }

        /** The choice made with {@code -Dkata.points}, per-check when none. */
        public static Sharing chosen() {
            String value = System.getProperty(PROPERTY, "");
            return value.isBlank() ? PER_CHECK : parse(value);
        }
    }

    /**
     * Each check's share of {@code points}, in thousandths of a point so that the shares, as the
     * reports print them (three decimals), add up exactly: the first checks of the list get one
     * thousandth more where the points do not divide evenly.
     */
    static double[] shares(int points, int checks) {
        double[] out = new double[checks];
        if (checks == 0) {
            return out;
        }
        long milli = points * 1000L;
        long base = milli / checks;
        long extra = milli - base * checks;
        for (int i = 0; i < checks; i++) {
            out[i] = (base + (i < extra ? 1 : 0)) / 1000.0;
        }
        return out;
    }

    /** The test method a check belongs to: its id without a parameterized case's invocation. */
    static String method(String id) {
        int cut = id.indexOf("/[test-template-invocation:");
        return cut < 0 ? id : id.substring(0, cut);
    }

    /** The longest failure message kept in a report. */
    static final int MESSAGE_LIMIT = 2000;

    /**
     * Scores a lesson's results against its expected checks.
     *
     * @param expected the checks the reference passes, in order (id → name)
     * @param results  what the submission's run produced (may miss checks, or hold unexpected ones, which are ignored)
     * @param outcome  GRADED when the tests ran; otherwise every check scores zero with {@code reason}
     * @param reason   why the lesson was not graded normally
     */
    static LessonGrade score(Lesson lesson, List<TestResult> expected, List<TestResult> results, Outcome outcome, String reason) {
        Map<String, TestResult> byId = new HashMap<>();
        results.forEach(r -> byId.put(r.id(), r));
        return score(lesson, expected, results, outcome, reason, Sharing.chosen());
    }

    static LessonGrade score(Lesson lesson, List<TestResult> expected, List<TestResult> results, Outcome outcome, String reason,
                             Sharing sharing) {
        Map<String, TestResult> byId = new HashMap<>();
        results.forEach(r -> byId.put(r.id(), r));
        double[] share = shares(lesson.points(), expected.size());
        List<Status> statuses = new ArrayList<>();
        Map<String, Boolean> methodPasses = new HashMap<>();
        for (TestResult e : expected) {
            TestResult r = byId.get(e.id());
            Status status = r == null
                    ? (outcome == Outcome.CRASHED ? Status.CRASHED : outcome == Outcome.TIMEOUT ? Status.TIMEOUT : Status.NOT_RUN)
                    : r.status();
            statuses.add(status);
            methodPasses.merge(method(e.id()), status == Status.PASSED, Boolean::logicalAnd);
        }
        boolean lessonPasses = statuses.stream().allMatch(s -> s == Status.PASSED);
        List<CheckGrade> checks = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            TestResult e = expected.get(i);
            TestResult r = byId.get(e.id());
            boolean earns = switch (sharing) {
                case PER_CHECK -> statuses.get(i) == Status.PASSED;
                case PER_METHOD -> methodPasses.get(method(e.id()));
                case PER_LESSON -> lessonPasses;
            };
            String message = r == null ? reason : r.message();
            checks.add(new CheckGrade(e.id(), e.name(), statuses.get(i), earns ? share[i] : 0, share[i],
                    r == null ? 0 : r.millis(), truncate(message)));
        }
        return new LessonGrade(lesson, outcome, reason, checks);
    }

    static String truncate(String s) {
        return s.length() <= MESSAGE_LIMIT ? s : s.substring(0, MESSAGE_LIMIT) + " … (truncated)";
    }
}
