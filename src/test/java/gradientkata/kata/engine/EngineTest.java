package gradientkata.kata.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gradientkata.kata.Kata;
import gradientkata.kata.Lesson;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The engine")
class EngineTest {

    @Test
    @DisplayName("the engine reports compile errors with file and line, and runs no test")
    void engineReportsCompileErrors() {
        Kata kata = Kata.current();
        Lesson welcome = kata.lesson("00").orElseThrow();
        Engine.Run run = new Engine(kata).run(welcome, Map.of("gradientkata/welcome/Welcome.java",
                "package gradientkata.welcome;\npublic final class Welcome {\n  public static double derivative(double x) { return y; }\n}\n"));
        assertThat(run.compiled()).isFalse();
        assertThat(run.results()).isEmpty();
        assertThat(run.compileErrors()).anyMatch(e -> e.startsWith("gradientkata/welcome/Welcome.java:3:"));
    }

    @Test
    @DisplayName("the engine never falls back on the kata's compiled classes: a missing learner file fails to compile")
    void engineIsIsolated() {
        Kata kata = Kata.current();
        Engine.Run run = new Engine(kata).run(kata.lesson("00").orElseThrow(), Map.of());
        assertThat(run.compiled()).as("the tests cannot find Welcome when no learner file is given").isFalse();
    }

}
