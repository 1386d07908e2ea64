package gradientkata.kata.learner;

import static org.assertj.core.api.Assertions.assertThat;

import gradientkata.kata.Kata;
import gradientkata.kata.Lesson;
import gradientkata.kata.TestResult;
import gradientkata.kata.TestResult.Status;
import gradientkata.kata.engine.Engine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Issue 12: which failing check the verdict quotes, and what a partial run says. */
@DisplayName("The verdict's order and partial runs")
class VerdictOrderTest {

    private static final Kata KATA = Kata.current();

    @Test
    @DisplayName("lessons 00–05 list their test classes in reading order; lesson 04 puts Growth before Matrix powers and Clipping")
    void testsOrderIsSet() {
        for (String n : List.of("00", "01", "02", "03", "04", "05")) {
            assertThat(KATA.lesson(n).orElseThrow().tests()).as("tests= of lesson " + n).isNotEmpty();
        }
        assertThat(KATA.lesson("04").orElseThrow().tests()).containsExactly("GrowthTest", "MatrixPowersTest", "ClippingTest");
    }

    @Test
    @DisplayName("a lesson without tests= ranks every class alike, so the order falls back to the file name (alphabetical)")
    void testsIsOptional() {
        Lesson plain = new Lesson("99", "x", "X", 1, "a.b", List.of("X.java"), List.of(), KATA.root());
        assertThat(plain.testRank("a.b.ZetaTest")).isEqualTo(plain.testRank("a.b.AlphaTest"));
        Lesson ordered = new Lesson("99", "x", "X", 1, "a.b", List.of("X.java"), List.of(), KATA.root(),
                List.of("ZetaTest", "AlphaTest"));
        assertThat(ordered.testRank("a.b.ZetaTest$Nested")).isLessThan(ordered.testRank("a.b.AlphaTest"));
        assertThat(ordered.testRank("a.b.OtherTest")).isGreaterThan(ordered.testRank("a.b.AlphaTest"));
    }

    @Test
    @DisplayName("on the unsolved lesson 04, the first quoted failure is a Growth check, not a Clipping one (alphabetical would pick Clipping)")
    void lessonFourQuotesGrowthFirst() {
        Lesson four = KATA.lesson("04").orElseThrow();
        List<TestResult> results = new Engine(KATA).run(four, KATA.scaffolds()).results();
        Verdict verdict = new Verdict(KATA, results, "04");
        TestResult first = verdict.failing(four).get(0);
        assertThat(Verdict.testClass(first)).as("the class of the first failing check").hasValueSatisfying(
                c -> assertThat(c).startsWith("gradientkata.exploding.GrowthTest"));
    }

    @Test
    @DisplayName("-Dlesson=04 after 00–03: the others read 'not run this time', not lost progress")
    void notRunThisTime() {
        Lesson four = KATA.lesson("04").orElseThrow();
        List<TestResult> results = new Engine(KATA).run(four, KATA.scaffolds()).results();
        String text = new Verdict(KATA, results, "04").render();
        assertThat(text).contains("not run this time", " ▶  04  ", "(this run: lesson 04 only)");
        assertThat(text.lines().filter(l -> l.contains("not run this time")).count()).isEqualTo(KATA.lessons().size() - 1);
    }

    @Test
    @DisplayName("a timeout names the learner's method that did not return, from the stack of the check's thread at the deadline")
    void timeoutNamesTheMethod(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        gradientkata.kata.integrity.KataCopy copy = gradientkata.kata.integrity.KataCopy.of(KATA, dir);
        String welcome = "src/main/java/gradientkata/welcome/Welcome.java";
        // An endless loop that still ends when JUnit interrupts it, so that no thread spins on after the test.
        copy.write(welcome, copy.read("solutions/gradientkata/welcome/Welcome.java").replace(
                "public static double derivative(double x) {",
                "public static double derivative(double x) {\n        while (!Thread.currentThread().isInterrupted()) { x = Math.sin(x); }"));
        Kata kata = copy.kata();
        Lesson zero = kata.lesson("00").orElseThrow();
        List<TestResult> results = new Engine(kata, "300 ms").run(zero, kata.scaffolds()).results();
        Verdict verdict = new Verdict(kata, results, "00");
        TestResult first = verdict.failing(zero).get(0);
        assertThat(first.status()).as("the first failing check of an endless derivative\n" + first).isEqualTo(Status.TIMEOUT);
        assertThat(Verdict.stuckIn(zero, first)).as("where the check's thread was at the deadline\n" + first.trace())
                .hasValueSatisfying(f -> assertThat(f).startsWith("Welcome.derivative(Welcome.java:"));
        assertThat(verdict.render()).contains("It was still in Welcome.derivative(Welcome.java:", "look for a loop there");
    }

    @Test
    @DisplayName("when only checks outside the lessons ran, the verdict never says every lesson passes")
    void noLessonRan() {
        List<TestResult> results = new ArrayList<>(List.of(new TestResult("", "[engine:junit-jupiter]/[class:x.HarnessTest]/[method:m()]",
                "Harness › m", Status.PASSED, "", "", 3)));
        Verdict verdict = new Verdict(KATA, results, "");
        assertThat(verdict.render()).doesNotContain("Every lesson passes").contains("No lesson's checks ran this time");
        assertThat(verdict.headline()).isEqualTo("no lesson's checks ran");
    }
}
