package gradientkata.kata.learner;

import gradientkata.kata.Kata;
import gradientkata.kata.Lesson;
import gradientkata.kata.TestResult;
import gradientkata.kata.engine.Engine;
import gradientkata.kata.integrity.KataCopy;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The learner's verdict, as a view on the engine's results. */
@DisplayName("The learner's verdict")
class VerdictTest {

    @Test
    @DisplayName("with lesson 00 solved, it ticks 00, marks 01 as next, and names 01's first check, hint, text and command")
    void movesOnAfterLessonZero(@TempDir Path dir) {
        KataCopy copy = KataCopy.of(Kata.current(), dir);
        copy.write("src/main/java/gradientkata/welcome/Welcome.java",
                copy.read("solutions/gradientkata/welcome/Welcome.java"));
        Kata kata = copy.kata();
        Engine engine = new Engine(kata);
        List<TestResult> results = new ArrayList<>();
        for (Lesson lesson : kata.lessons().subList(0, 2)) {
            results.addAll(engine.run(lesson, kata.scaffolds()).results());
        }
        Verdict verdict = new Verdict(kata, results, "");
        String text = verdict.render();
        Lesson next = kata.lesson("01").orElseThrow();

        assertThat(verdict.success()).isFalse();
        assertThat(text).contains(" ✔  00  ", " ▶  01  ", "← you are here", "Next: lesson 01 · " + next.title(),
                "Not written yet: TODO lesson 01", "Hint:  " + next.hints().get(0),
                "lessons/01-chain-rule-products/README.md", "./mvnw test -Dlesson=01");
        assertThat(text.lines().count()).as("the verdict fits one screen").isLessThanOrEqualTo(40);
    }

    @Test
    @DisplayName("from the engine's runs, a lesson that does not compile shows javac's errors as its failing check, on one screen")
    void compileErrors() {
        Kata kata = Kata.current();
        Lesson welcome = kata.lesson("00").orElseThrow();
        List<String> errors = IntStream.rangeClosed(1, 20)
                .mapToObj(i -> "gradientkata/welcome/Welcome.java:" + i + ": ';' expected").toList();

        Verdict verdict = Verdict.of(kata, List.of(new Engine.Run(welcome, errors, List.of())));
        String text = verdict.render();

        assertThat(verdict.success()).isFalse();
        assertThat(text).contains(" ▶  00  ", "compile error", "← you are here", "Welcome.java:1: ';' expected",
                "… and 13 more lines: fix the first error, then save again");
        assertThat(text).doesNotContain("surefire-reports", "Welcome.java:8:");
    }

    @Test
    @DisplayName("when every lesson that ran passes, it says so and succeeds")
    void allDone() {
        Kata kata = Kata.current();
        Lesson welcome = kata.lesson("00").orElseThrow();
        List<TestResult> results = new Engine(kata).run(welcome, kata.solutions()).results();
        Verdict verdict = new Verdict(kata, results, "00");
        assertThat(verdict.success()).isTrue();
        assertThat(verdict.render()).contains(" ✔  00  ", "Lesson 00 passes");
    }

    @Test
    @DisplayName("when a run covered some lessons only (-Dtest=…) and they pass, it does not call the kata done")
    void partialRunIsNotTheWholeKata() {
        Kata kata = Kata.current();
        Lesson welcome = kata.lesson("00").orElseThrow();
        List<TestResult> results = new Engine(kata).run(welcome, kata.solutions()).results();
        Verdict verdict = new Verdict(kata, results, "");
        String text = verdict.render();
        assertThat(verdict.success()).as("every lesson that ran passes, so the build passes").isTrue();
        assertThat(text).as("the closing lines of a run of lesson 00's checks only")
                .contains(" ✔  00  ", "01  Chain-rule products", "not run", "Every lesson that ran passes, but this run checked 1 of "
                        + kata.lessons().size() + " lessons.", "Run ./mvnw test to check them all.")
                .doesNotContain("well done");
        assertThat(verdict.headline()).isEqualTo("every lesson that ran is complete (1 of " + kata.lessons().size() + " ran)");
    }

    @Test
    @DisplayName("an unknown lesson number lists the lessons instead, and fails")
    void unknownLesson() {
        Verdict verdict = new Verdict(Kata.current(), List.of(), "42");
        assertThat(verdict.success()).isFalse();
        assertThat(verdict.render()).contains("There is no lesson '42'", "00  ", "-Dlesson=NN");
    }

    @Test
    @DisplayName("no results at all means the tests did not run, and fails")
    void noResults() {
        Verdict verdict = new Verdict(Kata.current(), List.of(), "");
        assertThat(verdict.success()).isFalse();
        assertThat(verdict.render()).contains("the tests did not run");
    }
}
