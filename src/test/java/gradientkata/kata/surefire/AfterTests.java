package gradientkata.kata.surefire;

import gradientkata.kata.Kata;
import gradientkata.kata.ResultsFile;
import gradientkata.kata.TestResult;
import gradientkata.kata.grading.Grade;
import gradientkata.kata.grading.Grader;
import gradientkata.kata.grading.Reports;
import gradientkata.kata.learner.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
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
            Grader grader = new Grader(kata, Grader.Options.standard(), reports.resolve("expected"));
            Grade grade = grader.gradeInPlace(System.getProperty("user.name", "learner"), results,
                    Path.of(System.getProperty("kata.classes", "target/classes")), onlyLesson);
            Reports.write(grade, reports);
            System.out.printf(" Grade: %s / %s points, details in %s%n", Reports.num(grade.points()), Reports.num(grade.max()),
                    kata.show(reports.resolve("grade.md")));
        }
        if (!verdict.success()) {
            throw new LessonsUnfinished(verdict.headline());
        }
    }

    /** Fails the build after the verdict is printed, with one line instead of a stack trace. */
    static final class LessonsUnfinished extends RuntimeException {
        LessonsUnfinished(String headline) {
            super("Not there yet: " + headline + ". The verdict above says what to do next.", null, false, false);
        }
    }
}
