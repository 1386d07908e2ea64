package gradientkata.kata.learner;

import static org.assertj.core.api.Assertions.assertThat;

import gradientkata.kata.Kata;
import gradientkata.kata.Lesson;
import gradientkata.kata.engine.Engine;
import gradientkata.kata.integrity.KataCopy;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 12: hints from recorded progress (fast, never stale), and wrapping that keeps formulas whole. */
@DisplayName("Hints from recorded progress")
class HintRecordsTest {

    @Test
    @DisplayName("after one run, the hint finds the current lesson from the records without running the engine; an edit makes it run again")
    void recordsAreReusedUntilAFileChanges(@TempDir Path dir) {
        KataCopy copy = KataCopy.of(Kata.current(), dir);
        copy.write("src/main/java/gradientkata/welcome/Welcome.java", copy.read("solutions/gradientkata/welcome/Welcome.java"));
        Kata kata = copy.kata();
        AtomicInteger engines = new AtomicInteger();

        assertThat(Progress.currentFromRecords(kata, () -> { engines.incrementAndGet(); return new Engine(kata); }))
                .map(Lesson::number).hasValue("01");
        assertThat(engines).as("the first hint runs lessons: nothing is recorded yet").hasValue(1);

        assertThat(Progress.currentFromRecords(kata, () -> { engines.incrementAndGet(); return new Engine(kata); }))
                .map(Lesson::number).hasValue("01");
        assertThat(engines).as("the second hint reads the records only").hasValue(1);

        copy.write("src/main/java/gradientkata/welcome/Welcome.java", copy.read("src/main/java/gradientkata/welcome/Welcome.java")
                .replace("return", "return 0 * "));
        assertThat(LessonRecords.of(kata).complete(kata.lesson("00").orElseThrow()))
                .as("a record of other file contents is never trusted").isEmpty();
        assertThat(Progress.currentFromRecords(kata, () -> { engines.incrementAndGet(); return new Engine(kata); }))
                .map(Lesson::number).hasValue("00");
        assertThat(engines).as("after an edit the lesson runs again").hasValue(2);
    }

    @ParameterizedTest(name = "width {0}: formulas stay whole")
    @ValueSource(ints = {12, 20, 30, 40, 68})
    @DisplayName("wrapping never breaks a $…$ formula or an operator away from its operands")
    void formulasStayWhole(int width) {
        String hint = "Write s = σ(z): then $|w|·s(1 − s) > 1$ is a quadratic in s, and |w| · s · (1 − s) > 1 "
                + "has roots (1 ± r)/2 with r = √(1 − 4/|w|).";
        List<String> lines = Hints.wrap(hint, width);
        assertThat(String.join(" ", lines)).as("no word lost").isEqualTo(hint);
        assertThat(lines).as("the $…$ span on one line").anySatisfy(l -> assertThat(l).contains("$|w|·s(1 − s) > 1$"));
        for (String line : lines) {
            assertThat(line).as("a line neither starts nor ends with an operator: '%s'", line)
                    .doesNotStartWith("− ").doesNotStartWith("> ").doesNotStartWith("= ").doesNotStartWith("· ")
                    .doesNotEndWith(" −").doesNotEndWith(" >").doesNotEndWith(" =").doesNotEndWith(" ·");
        }
    }
}
