package gradientkata.kata.grading;

import static org.assertj.core.api.Assertions.assertThat;

import gradientkata.kata.FileTrees;
import gradientkata.kata.Kata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kata grades in two ways: {@code ./mvnw test} runs the lessons under Surefire (what IDEs and
 * instructors expect), the class grader runs them through the engine in a child JVM. They share
 * only the result model, so this check grades the same generated submissions both ways and
 * demands the same outcome for every check and the same points for every lesson.
 *
 * <p>It found one real fault when first run: the grader's sandbox hid the oracle tables, so every
 * oracle check failed in the class grader and passed under {@code ./mvnw test}.
 */
@Order(3)
class GradingWaysAgreeTest {

    @Test
    @DisplayName("the class grader and ./mvnw test give every check the same outcome and every lesson the same points")
    void bothWaysAgree(@TempDir Path dir) throws Exception {
        Kata kata = Kata.current();
        Path submissions = Files.createDirectories(dir.resolve("submissions"));
        // One student (each costs a whole ./mvnw test): lesson 00 the reference, lesson 01 the scaffold, every
        // later lesson one of its wrong versions, so most checks pass and some fail in every lesson after 01.
        GradingBenchmark.generate(kata, submissions, 1);
        List<Grade> grades = new ClassGrader(new Grader(kata, Grader.Options.standard())).gradeAll(submissions, dir.resolve("gradebook"));
        assertThat(grades).hasSize(1);

        for (Grade grade : grades) {
            Path copy = dir.resolve("maven-" + grade.student());
            Path mavenJson = GradingBenchmark.mavenTest(kata, submissions.resolve(grade.student()), copy,
                    "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"); // Maven's JVM without C2: the same results, less CPU
            assertThat(mavenJson).as("./mvnw test wrote no grade.json for %s; its log: %s", grade.student(),
                    Files.isRegularFile(copy.resolve("maven.log")) ? FileTrees.read(copy.resolve("maven.log")) : "(none)").isRegularFile();
            Path graderJson = dir.resolve(grade.student() + "-grader.json");
            FileTrees.write(graderJson, Reports.canonical(grade));

            Map<String, String> byGrader = GradingBenchmark.statuses(graderJson);
            Map<String, String> byMaven = GradingBenchmark.statuses(mavenJson);
            assertThat(byGrader).as("the grader graded checks").isNotEmpty();
            assertThat(byMaven).as("%s: per-check outcomes, ./mvnw test against the class grader", grade.student())
                    .isEqualTo(byGrader);
            assertThat(GradingBenchmark.points(mavenJson)).as("%s: points per lesson, ./mvnw test against the class grader",
                    grade.student()).isEqualTo(GradingBenchmark.points(graderJson));
        }
    }
}
