package gradientkata.kata.learner;

import gradientkata.kata.Kata;
import gradientkata.kata.Lesson;
import gradientkata.kata.integrity.KataCopy;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watch loop, driven on a throwaway copy of the kata: no Maven, no timing. */
@DisplayName("The watch loop")
class WatchTest {

    private static final String WELCOME = "src/main/java/gradientkata/welcome/Welcome.java";
    private static final String CHAIN = "src/main/java/gradientkata/chain/ChainRule.java";

    @Test
    @DisplayName("at the start, it checks the lessons in order and stops at the first one not complete")
    void startsAtTheFirstUnfinishedLesson(@TempDir Path dir) {
        KataCopy copy = KataCopy.of(Kata.current(), dir);
        String screen = new Watch(copy.kata(), false, s -> { }).start();

        assertThat(screen).contains("Checked lesson 00 in", " ▶  00  ", "← you are here", "not run",
                "Not written yet: TODO lesson 00", "save a file to check lesson 00 again", "Type h and Enter");
        assertThat(screen).doesNotContain("Checked lessons 00, 01");
    }

    @Test
    @DisplayName("a save that fixes the current lesson turns it green and moves on to the next lesson")
    void fixTurnsTheLessonGreenAndMovesOn(@TempDir Path dir) {
        KataCopy copy = KataCopy.of(Kata.current(), dir);
        Watch watch = new Watch(copy.kata(), false, s -> { });
        watch.start();

        copy.write(WELCOME, copy.read("solutions/gradientkata/welcome/Welcome.java"));
        String screen = watch.poll().orElseThrow();

        assertThat(screen).contains("You saved Welcome.java. Checked lessons 00, 01 in", "Lesson 00 passes: on to lesson 01.",
                " ✔  00  ", " ▶  01  ", "Not written yet: TODO lesson 01", "1 of " + copy.kata().lessons().size()
                        + " lessons complete", "save a file to check lesson 01 again");
    }

    @Test
    @DisplayName("when no file changed, a look reruns nothing; a save in the current lesson reruns only that lesson")
    void rerunsOnlyWhatChanged(@TempDir Path dir) {
        KataCopy copy = KataCopy.of(Kata.current(), dir);
        copy.write(WELCOME, copy.read("solutions/gradientkata/welcome/Welcome.java"));
        Watch watch = new Watch(copy.kata(), false, s -> { });
        assertThat(watch.start()).contains("Checked lessons 00, 01 in");

        assertThat(watch.poll()).isEmpty();
        copy.write(CHAIN, copy.read(CHAIN) + "// one more line\n");
        assertThat(watch.poll().orElseThrow()).contains("You saved ChainRule.java. Checked lesson 01 in", " ▶  01  ");
    }

    @Test
    @DisplayName("it sees a save that keeps the file's size and time stamp: it compares contents")
    void seesSavesThatKeepSizeAndTime(@TempDir Path dir) throws IOException {
        KataCopy copy = KataCopy.of(Kata.current(), dir);
        Watch watch = new Watch(copy.kata(), false, s -> { });
        watch.start();
        Path welcome = copy.path(WELCOME);
        FileTime before = Files.getLastModifiedTime(welcome);
        String text = copy.read(WELCOME);
        assertThat(text).contains("sin(x²)");

        copy.write(WELCOME, text.replaceFirst("sin\\(x²\\)", "sin(y²)"));
        Files.setLastModifiedTime(welcome, before);

        assertThat(Files.size(welcome)).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        assertThat(watch.poll()).as("a save with the same size and time stamp").isPresent();
    }

    @Test
    @DisplayName("code that does not compile shows javac's error as the current lesson's failing check")
    void compileErrorIsTheFailingCheck(@TempDir Path dir) {
        KataCopy copy = KataCopy.of(Kata.current(), dir);
        Watch watch = new Watch(copy.kata(), false, s -> { });
        watch.start();

        copy.write(WELCOME, copy.read(WELCOME) + "oops\n");
        String screen = watch.poll().orElseThrow();

        assertThat(screen).contains(" ▶  00  ", "compile error", "your code and the lesson's checks compile",
                "gradientkata/welcome/Welcome.java:", "save a file to check lesson 00 again");
    }

    @Test
    @DisplayName("a save in a later lesson's file leaves the watch on the current lesson, and says how to check the other")
    void laterLessonWaits(@TempDir Path dir) {
        KataCopy copy = KataCopy.of(Kata.current(), dir);
        Watch watch = new Watch(copy.kata(), false, s -> { });
        watch.start();

        copy.write(CHAIN, copy.read(CHAIN) + "// started early\n");
        String screen = watch.poll().orElseThrow();

        assertThat(screen).contains("You saved ChainRule.java (lesson 01). The watch stays on lesson 00",
                "./mvnw test -Dlesson=01");
        assertThat(screen).doesNotContain("Checked");
    }

    @Test
    @DisplayName("breaking a finished lesson makes it the current lesson again")
    void breakingAnEarlierLessonGoesBack(@TempDir Path dir) {
        KataCopy copy = KataCopy.of(Kata.current(), dir);
        copy.write(WELCOME, copy.read("solutions/gradientkata/welcome/Welcome.java"));
        Watch watch = new Watch(copy.kata(), false, s -> { });
        assertThat(watch.start()).contains(" ▶  01  ");

        copy.replace(WELCOME, " * (2 * x)", "");
        String screen = watch.poll().orElseThrow();

        assertThat(screen).contains("Checked lesson 00 in", " ▶  00  ", "save a file to check lesson 00 again");
    }

    @Test
    @DisplayName("h shows the current lesson's hints one at a time, and q stops the watch")
    void keyboard(@TempDir Path dir) {
        KataCopy copy = KataCopy.of(Kata.current(), dir);
        Watch watch = new Watch(copy.kata(), false, s -> { });
        watch.start();
        Lesson welcome = copy.kata().lesson("00").orElseThrow();

        assertThat(watch.command("h").orElseThrow()).contains("Hint 1 of " + welcome.hints().size(),
                Hints.wrap(welcome.hints().get(0), 68).get(0), "Type h and Enter for hint 2.");
        assertThat(watch.command("h").orElseThrow()).contains("Hint 2 of " + welcome.hints().size());
        assertThat(watch.command("")).isEmpty();
        assertThat(watch.command("what").orElseThrow()).contains("Type h and Enter for a hint, q and Enter to stop.");
        assertThat(watch.command("q").orElseThrow()).contains("Stopped watching");
    }

    @Test
    @DisplayName("the loop, looking at the files only (no file events), turns a lesson green after the fix and stops on q")
    void loopByPolling(@TempDir Path dir) throws InterruptedException {
        KataCopy copy = KataCopy.of(Kata.current(), dir);
        BlockingQueue<String> screens = new LinkedBlockingQueue<>();
        Watch watch = new Watch(copy.kata(), false, screens::add);
        Thread loop = new Thread(() -> watch.loop(false));
        loop.start();
        try {
            assertThat(next(screens)).contains("a look at your files every 300 ms");
            assertThat(next(screens)).contains(" ▶  00  ");

            copy.write(WELCOME, copy.read("solutions/gradientkata/welcome/Welcome.java"));

            assertThat(next(screens)).contains("Lesson 00 passes: on to lesson 01.", " ✔  00  ", " ▶  01  ");
        } finally {
            watch.stop();
            loop.join(TimeUnit.MINUTES.toMillis(1));
        }
        assertThat(loop.isAlive()).as("the loop ends once stopped").isFalse();
    }

    /** Waits for the next screen; the limit only keeps a broken loop from hanging the build. */
    private static String next(BlockingQueue<String> screens) throws InterruptedException {
        return Optional.ofNullable(screens.poll(2, TimeUnit.MINUTES)).orElse("(the watch printed nothing)");
    }
}
