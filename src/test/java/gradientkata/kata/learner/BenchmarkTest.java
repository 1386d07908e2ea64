package gradientkata.kata.learner;

import gradientkata.kata.Lesson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gradientkata.kata.learner.Benchmark.FileChange;
import gradientkata.kata.learner.Benchmark.Row;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's parts that must never go wrong; its timings are measured only when it runs. */
@DisplayName("The benchmark")
class BenchmarkTest {

    @Test
    @DisplayName("a save changes the file by one added line")
    void oneLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("Lesson.java");
        Files.writeString(file, "class Lesson {\n}\n");
        try (FileChange change = FileChange.of(file)) {
            change.save("first");
            assertThat(Files.readString(file)).isEqualTo("class Lesson {\n}\n// kata bench: first\n");
        }
    }

    @Test
    @DisplayName("the file it changed is put back byte for byte, time stamp included, even when the run fails")
    void restoresOnFailure(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("Lesson.java");
        byte[] original = "class Lesson {}  // no newline at the end, é".getBytes(StandardCharsets.UTF_8);
        Files.write(file, original);
        FileTime stamp = FileTime.fromMillis(1_600_000_000_000L);
        Files.setLastModifiedTime(file, stamp);

        assertThatThrownBy(() -> {
            try (FileChange change = FileChange.of(file)) {
                change.save("one");
                change.save("two");
                throw new IllegalStateException("the benchmark broke");
            }
        }).hasMessage("the benchmark broke");

        assertThat(Files.readAllBytes(file)).isEqualTo(original);
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(stamp);
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).as("no temporary file left behind").containsExactly(file);
        }
    }

    @Test
    @DisplayName("its table shows median and slowest, and marks each target met or missed")
    void table() {
        String table = Benchmark.table(List.of(
                new Row("watch", List.of(Duration.ofMillis(300), Duration.ofMillis(900), Duration.ofMillis(400)),
                        "under 1 s", Optional.of(true), ""),
                new Row("maven", List.of(Duration.ofSeconds(10), Duration.ofSeconds(12)), "", Optional.empty(), ""),
                new Row("experiment 01", List.of(Duration.ofSeconds(6)), "under 5 s", Optional.of(false),
                        "stopped at a TODO")));

        assertThat(table).contains("0.40 s", "0.90 s", "under 1 s  ✔", "11.00 s", "12.00 s", "6.00 s", "under 5 s  ✘ missed", "stopped at a TODO");
    }
}
