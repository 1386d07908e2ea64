package gradientkata.kata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gradientkata.kata.TestResult.Status;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The lesson catalogue and the result model")
class KataModelTest {

    @Test
    @DisplayName("a results file gives back exactly what was written, tabs, newlines and backslashes included")
    void resultsFileRoundTrip(@TempDir Path dir) {
        List<TestResult> results = List.of(
                new TestResult("01", "[engine:junit-jupiter]/[class:a.B]", "B › one\ttab", Status.FAILED,
                        "expected 1\nbut was 2 \\ end", "java.lang.AssertionError\n  at a.B.one(B.java:3)", 12),
                new TestResult("", "id", "", Status.PASSED, "", "", 0));
        Path file = dir.resolve("run.tsv");
        ResultsFile.write(file, results);
        assertThat(ResultsFile.read(file)).isEqualTo(results);
    }

    @Test
    @DisplayName("\"1\" names lesson 01")
    void shortLessonNumbers() {
        assertThat(Kata.current().lesson("1")).map(Lesson::number).contains("01");
        assertThat(Kata.current().lesson("99")).isEmpty();
    }

}
