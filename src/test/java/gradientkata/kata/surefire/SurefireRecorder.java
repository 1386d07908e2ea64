package gradientkata.kata.surefire;

import gradientkata.kata.Kata;
import gradientkata.kata.TestResult;
import gradientkata.kata.ResultsFile;
import gradientkata.kata.engine.ResultCollector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestPlan;

/**
 * Records the results of a {@code ./mvnw test} run for the verdict that follows it. Registered
 * through {@code META-INF/services}; does nothing unless {@code -Dkata.results} names a file
 * (the pom sets it), so an IDE run is left alone. The engine's own runs disable auto-registered
 * listeners, so this one only ever sees Surefire's run. Under {@code -Psolutions} test classes run
 * two at a time, so each event is handled under the recorder's lock.
 */
public final class SurefireRecorder implements TestExecutionListener {

    /** Surefire may run several test plans in one JVM: the file holds all of them. */
    private static final List<TestResult> RUN = new ArrayList<>();

    private final String file = System.getProperty("kata.results", "");
    private ResultCollector collector;

    @Override
    public synchronized void testPlanExecutionStarted(TestPlan plan) {
        if (!file.isBlank()) {
            synchronized (RUN) {
                if (RUN.isEmpty()) {
                    ResultsFile.write(Path.of(file), RUN); // never leave an old run's results behind
                }
            }
            collector = new ResultCollector(Kata.current());
            collector.testPlanExecutionStarted(plan);
        }
    }

    @Override
    public synchronized void executionStarted(TestIdentifier id) {
        if (collector != null) {
            collector.executionStarted(id);
        }
    }

    @Override
    public synchronized void executionSkipped(TestIdentifier id, String reason) {
        if (collector != null) {
            collector.executionSkipped(id, reason);
        }
    }

    @Override
    public synchronized void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (collector != null) {
            collector.executionFinished(id, result);
        }
    }

    @Override
    public synchronized void testPlanExecutionFinished(TestPlan plan) {
        if (collector != null) {
            collector.testPlanExecutionFinished(plan);
            synchronized (RUN) {
                RUN.addAll(collector.results());
                ResultsFile.write(Path.of(file), RUN);
            }
            collector = null;
        }
    }
}
