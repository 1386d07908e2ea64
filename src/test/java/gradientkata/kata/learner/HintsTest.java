package gradientkata.kata.learner;

import gradientkata.kata.Kata;
import gradientkata.kata.Lesson;
import gradientkata.kata.integrity.KataCopy;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ./kata hint [N]: the current lesson's hints, one at a time, with no state file. */
@DisplayName("The hint command")
class HintsTest {

    @Test
    @DisplayName("with no number, it shows the current lesson's first hint and how to see the second")
    void firstHint(@TempDir Path dir) {
        Kata kata = KataCopy.of(Kata.current(), dir).kata();
        Lesson welcome = kata.lesson("00").orElseThrow();

        String text = Hints.command(kata, List.of());

        assertThat(text).contains("Hint 1 of " + welcome.hints().size() + " · lesson 00 · " + welcome.title(),
                Hints.wrap(welcome.hints().get(0), 68).get(0), "Next hint: ./kata hint 2");
    }

    @Test
    @DisplayName("./kata hint N shows hint N; the last one says so and points to the lesson's text")
    void lastHint(@TempDir Path dir) {
        Kata kata = KataCopy.of(Kata.current(), dir).kata();
        Lesson welcome = kata.lesson("00").orElseThrow();
        int last = welcome.hints().size();

        String text = Hints.command(kata, List.of(String.valueOf(last)));

        assertThat(text).contains("Hint " + last + " of " + last, "That was the last hint", "lessons/00-welcome/README.md");
        assertThat(text).doesNotContain("Next hint");
    }

    @Test
    @DisplayName("with lesson 00 solved, the hints are lesson 01's")
    void followsTheCurrentLesson(@TempDir Path dir) {
        KataCopy copy = KataCopy.of(Kata.current(), dir);
        copy.write("src/main/java/gradientkata/welcome/Welcome.java", copy.read("solutions/gradientkata/welcome/Welcome.java"));

        assertThat(Hints.command(copy.kata(), List.of("2"))).contains("Hint 2 of", "lesson 01 · ");
    }

    @Test
    @DisplayName("a number past the last hint, or not a number, says what to type instead")
    void wrongNumbers() {
        Kata kata = Kata.current();
        Lesson welcome = kata.lesson("00").orElseThrow();
        int count = welcome.hints().size();

        assertThat(Hints.show(kata, welcome, count + 1, n -> "")).contains("has " + count + " hints",
                "./kata hint 1 to ./kata hint " + count);
        assertThat(Hints.show(kata, welcome, 0, n -> "")).contains("has " + count + " hints");
        assertThat(Hints.command(kata, List.of("two"))).contains("'two' is not a hint number", "./kata hint 2");
    }

    @Test
    @DisplayName("a long hint is wrapped at spaces, no word lost")
    void wraps() {
        String hint = "word ".repeat(40).strip();
        List<String> lines = Hints.wrap(hint, 68);
        assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(68));
        assertThat(String.join(" ", lines)).isEqualTo(hint);
    }
}
