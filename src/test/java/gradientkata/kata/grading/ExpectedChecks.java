package gradientkata.kata.grading;

import gradientkata.kata.FileTrees;
import gradientkata.kata.Kata;
import gradientkata.kata.Lesson;
import gradientkata.kata.ResultsFile;
import gradientkata.kata.TestResult;
import gradientkata.kata.engine.Engine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checks each lesson is scored against in {@code ./mvnw test}, as the kata shipped them:
 * {@value #FILE}, one line per check the reference solution passes, written with the
 * fingerprints ({@code ./mvnw -q test-compile exec:java@manifest}) and fingerprinted itself. A
 * grade in place reads this list instead of a cache under {@code target/} (which a learner could
 * trim and commit); when the list differs from its fingerprint, or lacks a lesson, the grader runs
 * the reference instead.
 */
public final class ExpectedChecks {

    public static final String FILE = "src/test/kata-checks.tsv";

    private ExpectedChecks() {
    }

    /** Runs every lesson's checks on the reference and writes the list. */
    static void write(Kata kata) {
        List<TestResult> all = new ArrayList<>();
        for (Lesson lesson : kata.lessons()) {
            all.addAll(fromReference(kata, lesson));
        }
        ResultsFile.write(kata.root().resolve(FILE), all);
    }

    /** The checks the reference passes, with nothing that varies from run to run (times, messages). */
    static List<TestResult> fromReference(Kata kata, Lesson lesson) {
        Engine.Run run = new Engine(kata).run(lesson, kata.solutions());
        if (!run.compiled() || !run.failures().isEmpty() || run.results().isEmpty()) {
            throw new IllegalStateException("lesson " + lesson.number() + "'s reference solution does not pass its tests; "
                    + "run ./mvnw verify -Psolutions before grading");
        }
        return run.results().stream()
                .map(r -> new TestResult(r.lesson(), r.id(), r.name(), TestResult.Status.PASSED, "", "", 0)).toList();
    }

    /**
     * The shipped list, by lesson number; empty when the file is missing or differs from its
     * fingerprint in {@link Fingerprints#FILE}.
     */
    static Map<String, List<TestResult>> shipped(Path root) {
        Path file = root.resolve(FILE);
        Path manifest = root.resolve(Fingerprints.FILE);
        if (!Files.isRegularFile(file) || !Files.isRegularFile(manifest)) {
            return Map.of();
        }
        try {
            String hash = Fingerprints.sha256(file);
            boolean listed = FileTrees.read(manifest).lines().anyMatch(l -> l.equals(hash + "  " + FILE));
            if (!listed) {
                return Map.of();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, List<TestResult>> byLesson = new LinkedHashMap<>();
        ResultsFile.read(file).forEach(r -> byLesson.computeIfAbsent(r.lesson(), k -> new ArrayList<>()).add(r));
        return byLesson;
    }
}
