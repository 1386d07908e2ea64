package gradientkata.kata.learner;

import gradientkata.kata.FileTrees;
import gradientkata.kata.Kata;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** ./kata watch | hint | bench: documented, and launched the same way on every system. */
@DisplayName("The kata's commands")
class KataCommandTest {

    private static final List<String> COMMANDS = List.of("./kata watch", "./kata hint", "./kata bench", "./kata grade");

    @Test
    @DisplayName("an unknown command lists the commands there are")
    void usage() {
        assertThat(KataCommand.usage("wach")).contains("'wach' is not a kata command").contains(COMMANDS);
    }

    @Test
    @DisplayName("the README documents every command, and what the script runs")
    void documented() {
        String readme = FileTrees.read(Kata.current().root().resolve("README.md"));
        assertThat(readme).contains(COMMANDS).contains("./mvnw -q -Pkata -Dkata.args=", "kata.cmd");
    }

    @Test
    @DisplayName("both scripts, ./kata and kata.cmd, run the kata profile through the Maven Wrapper")
    void scripts() {
        Kata kata = Kata.current();
        assertThat(FileTrees.read(kata.root().resolve("kata"))).contains("./mvnw -q -Pkata \"-Dkata.args=");
        assertThat(FileTrees.read(kata.root().resolve("kata.cmd"))).contains("mvnw.cmd -q -Pkata \"-Dkata.args=");
        assertThat(kata.root().resolve("kata").toFile().canExecute()).as("./kata is executable").isTrue();
    }
}
