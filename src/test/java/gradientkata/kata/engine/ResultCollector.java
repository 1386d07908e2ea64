package gradientkata.kata.engine;

import gradientkata.kata.Kata;
import gradientkata.kata.Lesson;
import gradientkata.kata.TestResult;
import gradientkata.kata.TestResult.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.opentest4j.AssertionFailedError;

/**
 * Turns JUnit's events into {@link TestResult}s. The engine attaches one to every run it
 * makes, and Surefire's run gets one through {@code gradientkata.kata.surefire.SurefireRecorder}: whoever ran the tests,
 * the results have one shape.
 */
public final class ResultCollector implements TestExecutionListener {

    /** Frames shown in a trace: the kata's own, never JUnit's or the JDK's. */
    private static final int MAX_FRAMES = 6;

    private final Function<String, String> lessonOfClass;
    private final Map<String, TestResult> results = new LinkedHashMap<>();
    private final Map<String, Long> started = new HashMap<>();
    private final Set<String> finished = new HashSet<>();
    private TestPlan plan;

    /** @param lessonOfClass maps a test class's name to its lesson's number ("" for none) */
    public ResultCollector(Function<String, String> lessonOfClass) {
        this.lessonOfClass = lessonOfClass;
    }

    public ResultCollector(Kata kata) {
        this(className -> kata.lessonOf(className).map(Lesson::number).orElse(""));
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        started.put(id.getUniqueId(), System.nanoTime());
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        finished.add(id.getUniqueId());
        if (id.isTest()) {
            record(id, Status.SKIPPED, reason == null ? "" : reason, "");
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        finished.add(id.getUniqueId());
        Optional<Throwable> thrown = result.getThrowable();
        if (id.isTest() || result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
            // A container that fails (a @BeforeAll, a broken @CsvSource) counts as a failed check:
            // its tests never ran, and a grade must not miss that.
            Status status = switch (result.getStatus()) {
                case SUCCESSFUL -> Status.PASSED;
                case ABORTED -> Status.SKIPPED;
                case FAILED -> statusOf(thrown.orElse(null));
            };
            record(id, status, thrown.map(ResultCollector::messageOf).orElse(""),
                    thrown.map(ResultCollector::trace).orElse(""));
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        for (TestIdentifier root : testPlan.getRoots()) {
            for (TestIdentifier id : testPlan.getDescendants(root)) {
                if (id.isTest() && !finished.contains(id.getUniqueId())) {
                    record(id, Status.NOT_RUN, "this check never ran", "");
                }
            }
        }
    }

    /** Every result so far, in the order the checks finished. */
    public List<TestResult> results() {
        return new ArrayList<>(results.values());
    }

    private void record(TestIdentifier id, Status status, String message, String trace) {
        Long start = started.get(id.getUniqueId());
        long millis = start == null ? 0 : (System.nanoTime() - start) / 1_000_000;
        String className = className(id).orElse("");
        results.put(id.getUniqueId(), new TestResult(lessonOfClass.apply(className), id.getUniqueId(),
                name(id), status, message, trace, millis));
    }

    private static Status statusOf(Throwable t) {
        if (t instanceof TimeoutException) {
            return Status.TIMEOUT;
        }
        return t instanceof AssertionError || t instanceof AssertionFailedError ? Status.FAILED : Status.ERROR;
    }

    /** The longest message kept: a check's message can hold whatever learner code put in an exception. */
    static final int MESSAGE_LIMIT = 8000;

    private static String messageOf(Throwable t) {
        String m = t.getMessage();
        if (m == null) {
            return t.getClass().getSimpleName();
        }
        return m.length() <= MESSAGE_LIMIT ? m.strip() : m.substring(0, MESSAGE_LIMIT).strip() + " … (truncated)";
    }

    /** The exception's type, then the kata's own frames: where in the learner's code it happened. */
    static String trace(Throwable t) {
        StringBuilder out = new StringBuilder(t.getClass().getName());
        int shown = 0;
        for (StackTraceElement frame : t.getStackTrace()) {
            if (frame.getClassName().startsWith("gradientkata.") && shown++ < MAX_FRAMES) {
                out.append("\n  at ").append(frame);
            }
        }
        if (t.getCause() != null && t.getCause() != t) {
            String cause = String.valueOf(t.getCause());
            out.append("\ncaused by ").append(cause.length() <= MESSAGE_LIMIT ? cause : cause.substring(0, MESSAGE_LIMIT) + " … (truncated)");
            // A timeout's cause carries the stack of the check's thread at the deadline (JUnit's
            // SEPARATE_THREAD mode): its kata frames say which method, called from where, did not return.
            int causeShown = 0;
            for (StackTraceElement frame : t.getCause().getStackTrace()) {
                if (frame.getClassName().startsWith("gradientkata.") && causeShown++ < MAX_FRAMES) {
                    out.append("\n  at ").append(frame);
                }
            }
        }
        return out.toString();
    }

    /** "class display name › nested display name › test display name". */
    private String name(TestIdentifier id) {
        List<String> parts = new ArrayList<>();
        Optional<TestIdentifier> current = Optional.of(id);
        while (current.isPresent() && current.get().getSource().isPresent()) {
            parts.add(0, current.get().getDisplayName());
            current = plan == null ? Optional.empty() : plan.getParent(current.get());
        }
        return String.join(" › ", parts);
    }

    private Optional<String> className(TestIdentifier id) {
        Optional<TestIdentifier> current = Optional.of(id);
        while (current.isPresent()) {
            Optional<TestSource> source = current.get().getSource();
            if (source.isPresent() && source.get() instanceof MethodSource m) {
                return Optional.of(m.getClassName());
            }
            if (source.isPresent() && source.get() instanceof ClassSource c) {
                return Optional.of(c.getClassName());
            }
            current = plan == null ? Optional.empty() : plan.getParent(current.get());
        }
        return Optional.empty();
    }
}
