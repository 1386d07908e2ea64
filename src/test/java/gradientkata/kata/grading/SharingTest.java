package gradientkata.kata.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gradientkata.kata.Kata;
import gradientkata.kata.Lesson;
import gradientkata.kata.TestResult;
import gradientkata.kata.TestResult.Status;
import gradientkata.kata.grading.Grade.LessonGrade;
import gradientkata.kata.grading.Grade.Sharing;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Issue 12: scores that add up, and the three ways of sharing a lesson's points. */
@DisplayName("Sharing a lesson's points")
class SharingTest {

    private static final Lesson LESSON = Kata.current().lesson("01").orElseThrow();

    @ParameterizedTest(name = "{0} points over {1} checks add up exactly to {0} at three decimals")
    @CsvSource({"10, 35", "15, 91", "10, 7", "5, 3", "1, 1000", "70, 355"})
    void sharesAddUp(int points, int checks) {
        BigDecimal sum = BigDecimal.ZERO;
        for (double share : Grade.shares(points, checks)) {
            sum = sum.add(new BigDecimal(Reports.num(share)));
        }
        assertThat(sum).as("the printed shares of %d points over %d checks (rounded shares summed to 69.971 before)", points, checks)
                .isEqualByComparingTo(BigDecimal.valueOf(points));
    }

    /** Two methods: m1 with two cases (one fails), m2 with one passing check. */
    private static List<TestResult> expected() {
        String base = "[engine:junit-jupiter]/[class:gradientkata.chain.ChainRuleTest]/";
        return List.of(
                new TestResult("01", base + "[test-template:m1(int)]/[test-template-invocation:#1]", "Chain › m1 [1]", Status.PASSED, "", "", 0),
                new TestResult("01", base + "[test-template:m1(int)]/[test-template-invocation:#2]", "Chain › m1 [2]", Status.PASSED, "", "", 0),
                new TestResult("01", base + "[method:m2()]", "Chain › m2", Status.PASSED, "", "", 0));
    }

    private static List<TestResult> oneCaseFails() {
        List<TestResult> results = new ArrayList<>(expected());
        TestResult r = results.get(1);
        results.set(1, new TestResult(r.lesson(), r.id(), r.name(), Status.FAILED, "expected 2, was 3", "", 0));
        return results;
    }

    @Test
    @DisplayName("per check: each passing check earns its share; per method: m1 earns nothing while one of its cases fails; per lesson: nothing")
    void threeWays() {
        LessonGrade perCheck = Grade.score(LESSON, expected(), oneCaseFails(), Grade.Outcome.GRADED, "", Sharing.PER_CHECK);
        LessonGrade perMethod = Grade.score(LESSON, expected(), oneCaseFails(), Grade.Outcome.GRADED, "", Sharing.PER_METHOD);
        LessonGrade perLesson = Grade.score(LESSON, expected(), oneCaseFails(), Grade.Outcome.GRADED, "", Sharing.PER_LESSON);
        double[] share = Grade.shares(LESSON.points(), 3);
        assertThat(perCheck.points()).as("per check: cases 1 and 3 pass").isEqualTo(share[0] + share[2]);
        assertThat(perMethod.points()).as("per method: only m2 passes whole").isEqualTo(share[2]);
        assertThat(perLesson.points()).as("per lesson: one failure costs the lesson").isZero();
        for (Sharing s : Sharing.values()) {
            LessonGrade all = Grade.score(LESSON, expected(), expected(), Grade.Outcome.GRADED, "", s);
            assertThat(new BigDecimal(Reports.num(all.points()))).as("all pass, " + s.label())
                    .isEqualByComparingTo(BigDecimal.valueOf(LESSON.points()));
        }
    }

    @Test
    @DisplayName("the property's values are per-check, per-method and per-lesson; anything else is refused with the three choices")
    void parse() {
        assertThat(Sharing.parse("per-method")).isEqualTo(Sharing.PER_METHOD);
        assertThat(Sharing.parse(" Per-Lesson ")).isEqualTo(Sharing.PER_LESSON);
        assertThatThrownBy(() -> Sharing.parse("half")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("per-check, per-method or per-lesson");
    }

    @Test
    @DisplayName("Gradescope's test names say the lesson once: 'Lesson 01 · Chain › m2', never 'Lesson 01 · Lesson 01 · …'")
    void namesSayTheLessonOnce() {
        TestResult r = expected().get(2);
        LessonGrade plain = Grade.score(LESSON, List.of(r), List.of(r), Grade.Outcome.GRADED, "", Sharing.PER_CHECK);
        TestResult named = new TestResult("01", r.id(), "Lesson 01 · Chain › m2", Status.PASSED, "", "", 0);
        LessonGrade prefixed = Grade.score(LESSON, List.of(named), List.of(named), Grade.Outcome.GRADED, "", Sharing.PER_CHECK);
        assertThat(Reports.testName(plain, plain.checks().get(0))).isEqualTo("Lesson 01 · Chain › m2");
        assertThat(Reports.testName(prefixed, prefixed.checks().get(0))).isEqualTo("Lesson 01 · Chain › m2");
    }
}
