package gradientkata.kata.surefire;

import gradientkata.kata.Kata;
import gradientkata.kata.ResultsFile;
import gradientkata.kata.TestResult;
import gradientkata.kata.grading.Grade;
import gradientkata.kata.grading.Grader;
import gradientkata.kata.grading.Reports;
import gradientkata.kata.learner.LessonRecords;
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
 * reports under {@code target/kata/}, then fails the build while a lesson is unfinished. In the
 * learner's run ({@code kata.loud} false, see {@link QuietSurefire}) it ends Maven's JVM with status 1
 * right after the verdict, so that the verdict stays the last thing on screen; with
 * {@code -Dkata.loud=true} it throws, and Maven prints its usual BUILD FAILURE block.
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
        record(kata, results);
        if (!results.isEmpty() && verdict.unknownLesson().isEmpty()) {
            Path reports = file.toAbsolutePath().getParent();
            Grade grade = grade(kata, System.getProperty("user.name", "learner"), file,
                    Path.of(System.getProperty("kata.classes", "target/classes")), onlyLesson,
                    ManagementFactory.getRuntimeMXBean().getStartTime());
            Reports.write(grade, reports);
            System.out.println(gradeLine(kata, grade, onlyLesson, reports.resolve("grade.md")));
        }
        if (!verdict.success()) {
            if (!Boolean.getBoolean("kata.loud")) {
                // The learner's run: the verdict above is the last thing on screen. Ending Maven's JVM here,
                // with a non-zero status, leaves out the BUILD FAILURE block Maven prints after a failing mojo.
                System.out.flush();
                System.err.flush();
                Runtime.getRuntime().exit(1);
            }
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

    /**
     * Remembers, per lesson that ran whole on the learner's files, whether it is complete, for
     * {@code ./kata hint} ({@link LessonRecords}). Not under {@code -Psolutions} (other sources ran) and
     * not with {@code -Dtest=…} (only some checks ran).
     */
    private static void record(Kata kata, List<TestResult> results) {
        String sources = System.getProperty("kata.sources", "src/main/java");
        String filter = System.getProperty("kata.testFilter", "");
        if (!sources.equals("src/main/java") || !(filter.isBlank() || filter.startsWith("${"))) {
            return;
        }
        LessonRecords records = LessonRecords.of(kata);
        for (gradientkata.kata.Lesson lesson : kata.lessons()) {
            List<TestResult> mine = results.stream().filter(r -> r.lesson().equals(lesson.number())).toList();
            if (!mine.isEmpty()) {
                records.recordOnDisk(lesson, mine.stream().allMatch(TestResult::passed));
            }
        }
    }

    /**
     * "Grade: 12.5 / 70 points": the whole kata's, or with {@code -Dlesson=NN} that lesson's own
     * points (a lesson that did not run this time scores nothing here, which is no lost progress).
     */
    static String gradeLine(Kata kata, Grade grade, String onlyLesson, Path details) {
        var lesson = onlyLesson.isEmpty() ? java.util.Optional.<gradientkata.kata.Lesson>empty() : kata.lesson(onlyLesson);
        double points = lesson.map(l -> grade.lessons().stream().filter(g -> g.lesson().equals(l))
                .mapToDouble(Grade.LessonGrade::points).sum()).orElse(grade.points());
        double max = lesson.map(l -> (double) l.points()).orElse(grade.max());
        return String.format(" Grade: %s / %s points%s%s, details in %s", Reports.num(points), Reports.num(max),
                lesson.map(l -> " for lesson " + l.number()).orElse(""), grade.ignored().isEmpty() ? ""
                        : " (not to be trusted: " + grade.ignored().size() + " file(s) under \"Not graded\")", kata.show(details));
    }

    /** Fails the build after the verdict is printed, with one line instead of a stack trace ({@code -Dkata.loud=true}). */
    static final class LessonsUnfinished extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LessonsUnfinished(String headline) {
            super("Not there yet: " + headline + ". The verdict above says what to do next.", null, false, false);
        }
    }
}
