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
 * missing or never ran scores zero. A lesson's points are shared equally among its checks.
 *
 * @param student  who submitted it
 * @param lessons  one entry per lesson of the kata, in order
 * @param ignored  files the submission carries that were not graded (edited tests, build files…), with why
 */
public record Grade(String student, List<LessonGrade> lessons, List<String> ignored) {

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
        double each = expected.isEmpty() ? 0 : (double) lesson.points() / expected.size();
        List<CheckGrade> checks = new ArrayList<>();
        for (TestResult e : expected) {
            TestResult r = byId.get(e.id());
            Status status = r == null
                    ? (outcome == Outcome.CRASHED ? Status.CRASHED : outcome == Outcome.TIMEOUT ? Status.TIMEOUT : Status.NOT_RUN)
                    : r.status();
            String message = r == null ? reason : r.message();
            checks.add(new CheckGrade(e.id(), e.name(), status, status == Status.PASSED ? each : 0, each,
                    r == null ? 0 : r.millis(), truncate(message)));
        }
        return new LessonGrade(lesson, outcome, reason, checks);
    }

    static String truncate(String s) {
        return s.length() <= MESSAGE_LIMIT ? s : s.substring(0, MESSAGE_LIMIT) + " … (truncated)";
    }
}
