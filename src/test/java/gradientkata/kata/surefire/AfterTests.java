package gradientkata.kata.surefire;

import gradientkata.kata.Kata;
import gradientkata.kata.ResultsFile;
import gradientkata.kata.TestResult;
import gradientkata.kata.grading.Grade;
import gradientkata.kata.grading.Grader;
import gradientkata.kata.grading.Reports;
import gradientkata.kata.learner.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What runs right after Surefire in {@code ./mvnw test} (exec-maven-plugin, phase {@code test}):
 * reads the per-check results that {@link SurefireRecorder} wrote, prints the learner's
 * {@link Verdict}, grades the same results against the kata's expected checks and writes the four
 * reports under {@code target/kata/}, then fails the build with one line while a lesson is
 * unfinished.
 */
public final class AfterTests {

    private AfterTests() {
    }

    public static void main(String[] args) {
        Kata kata = Kata.current();
        Path file = Path.of(System.getProperty("kata.results", "target/kata/last-run.tsv"));
        List<TestResult> results = Files.isRegularFile(file) ? ResultsFile.read(file) : List.of();
        String onlyLesson = System.getProperty("kata.lesson", "").strip();
        Verdict verdict = new Verdict(kata, results, onlyLesson);
        System.out.println(verdict.render());
        if (!results.isEmpty() && verdict.unknownLesson().isEmpty()) {
            Path reports = file.toAbsolutePath().getParent();
            Grade grade = grade(kata, System.getProperty("user.name", "learner"), file,
                    Path.of(System.getProperty("kata.classes", "target/classes")), onlyLesson,
                    ManagementFactory.getRuntimeMXBean().getStartTime());
            Reports.write(grade, reports);
            System.out.printf(" Grade: %s / %s points%s, details in %s%n", Reports.num(grade.points()), Reports.num(grade.max()),
                    grade.ignored().isEmpty() ? "" : " (not to be trusted: " + grade.ignored().size()
                            + " file(s) under \"Not graded\")", kata.show(reports.resolve("grade.md")));
        }
        if (!verdict.success()) {
            throw new LessonsUnfinished(verdict.headline());
        }
    }

    /**
     * The grade of this build: the recorded results scored against the kata's shipped checks,
     * with everything in the tree that the grade should not rest on listed as not graded. Results
     * older than this build (left in the tree, not written by its tests) count as no results.
     *
     * @param buildStart when this build's JVM started, in milliseconds since the epoch
     */
    public static Grade grade(Kata kata, String student, Path resultsFile, Path classes, String onlyLesson, long buildStart) {
        List<TestResult> results = Files.isRegularFile(resultsFile) ? ResultsFile.read(resultsFile) : List.of();
        List<String> stale = new ArrayList<>();
        try {
            if (Files.isRegularFile(resultsFile) && Files.getLastModifiedTime(resultsFile).toMillis() < buildStart) {
                stale.add(kata.show(resultsFile.toAbsolutePath()) + " (older than this build: results its tests did not write "
                        + "are not graded)");
                results = List.of();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Grade grade = new Grader(kata, Grader.Options.standard(), kata.root()).gradeInPlace(student, results, classes, onlyLesson);
        if (stale.isEmpty()) {
            return grade;
        }
        stale.addAll(grade.ignored());
        return new Grade(grade.student(), grade.lessons(), stale);
    }

    /** Fails the build after the verdict is printed, with one line instead of a stack trace. */
    static final class LessonsUnfinished extends RuntimeException {
        LessonsUnfinished(String headline) {
            super("Not there yet: " + headline + ". The verdict above says what to do next.", null, false, false);
        }
    }
}
