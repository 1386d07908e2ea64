package gradientkata.kata.learner;

import gradientkata.kata.Kata;
import gradientkata.kata.Lesson;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every lesson's experiment, run the way a learner runs it: {@code ./jbang lessons/NN-slug/explore.jsh}.
 * On the reference solution it exits 0, prints its table and writes its chart; on the scaffold
 * (what {@code src/main/java} holds in the kata as shipped, as the integrity checks also assume)
 * it exits non-zero and names the method to write first. Runs with {@code -Psolutions}; the
 * first run fetches JBang's CLI through the Maven Wrapper, as {@code ./jbang} always does.
 * Each run of {@code ./jbang} has a time limit of its own (see {@link #jbang}).
 */
@DisplayName("Experiments")
@ResourceLock(NotebookSessionTest.JBANG) // both run ./jbang in the kata's root: its caches, lessons/notebook/classes, target/plots
@Order(Integer.MAX_VALUE)
class ExperimentsTest {

    private static final Kata KATA = Kata.current();
    private static final boolean WINDOWS = System.getProperty("os.name").startsWith("Windows");
    /** A line of a table: at least three numbers, like "20   9.095e-13   1.216e-01 …". */
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])[-+]?\\d+(\\.\\d+)?([eE][-+]?\\d+)?(?![\\w.])");
    private static final Path LOGS = KATA.root().resolve("target/experiments");

    static Stream<Named<Lesson>> lessons() {
        return KATA.lessons().stream().map(l -> Named.of(l.id(), l));
    }

    @BeforeAll
    static void fetchJBang() throws Exception {
        Run run = jbang("fetch-jbang", 600, "--version");
        assertThat(run.exitCode())
                .withFailMessage("./jbang --version failed (exit %d), so no experiment can run:%n%s", run.exitCode(), run.output())
                .isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lessons")
    @DisplayName("on the reference solution: exits 0, prints its table, writes its chart")
    void runsOnTheReference(Lesson lesson) throws Exception {
        Path chart = KATA.root().resolve("target/plots/" + lesson.id() + ".png");
        Files.deleteIfExists(chart);

        Run run = jbang(lesson.id() + "-reference", 300, script(lesson), "--reference");

        assertThat(run.exitCode()).withFailMessage("%s --reference exited with %d, not 0:%n%s",
                experiment(lesson), run.exitCode(), run.output()).isZero();
        assertThat(run.stdout()).withFailMessage("%s --reference should say it runs on the reference solution:%n%s",
                experiment(lesson), run.output()).contains("running on the reference solution in solutions/");
        assertThat(tableLines(run.stdout())).withFailMessage("%s --reference printed no table (no three lines of three numbers):%n%s",
                experiment(lesson), run.output()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(chart).withFailMessage("%s --reference wrote no chart at %s:%n%s",
                experiment(lesson), KATA.show(chart), run.output()).isRegularFile();
        BufferedImage image = ImageIO.read(chart.toFile());
        assertThat(image).withFailMessage("%s is not a PNG that Java can read", KATA.show(chart)).isNotNull();
        assertThat(image.getWidth() * image.getHeight()).as("pixels in %s", KATA.show(chart)).isGreaterThan(100_000);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lessons")
    @DisplayName("on the scaffold: exits non-zero and names the method to write first")
    void stopsOnTheScaffold(Lesson lesson) throws Exception {
        Run run = jbang(lesson.id() + "-scaffold", 300, script(lesson));

        assertThat(run.exitCode()).withFailMessage("%s on the scaffold exited with 0: an experiment that fails must say so:%n%s",
                experiment(lesson), run.output()).isNotZero();
        assertThat(run.stderr()).withFailMessage("%s on the scaffold should name the method to write and the way to run on the reference:%n%s",
                experiment(lesson), run.output())
                .containsPattern("Not written yet: \\w+\\.\\w+ \\(src/main/java/" + Pattern.quote(lesson.packagePath()) + "/\\w+\\.java:\\d+\\)")
                .contains("TODO lesson " + lesson.number())
                .contains(experiment(lesson) + " --reference");
    }

    private static String script(Lesson lesson) {
        return "lessons/" + lesson.id() + "/explore.jsh";
    }

    /** The command a learner types, for messages (and as the notebook quotes it). */
    private static String experiment(Lesson lesson) {
        return "./jbang " + script(lesson);
    }

    private static List<String> tableLines(String stdout) {
        List<String> rows = new ArrayList<>();
        for (String line : stdout.split("\\R")) {
            Matcher m = NUMBER.matcher(line);
            int numbers = 0;
            while (m.find()) {
                numbers++;
            }
            if (numbers >= 3) {
                rows.add(line);
            }
        }
        return rows;
    }

    /** Runs the kata's JBang launcher from the kata's root, on the JDK that runs this test. */
    private static Run jbang(String name, int timeoutSeconds, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(WINDOWS ? List.of("cmd.exe", "/c", "jbang.cmd") : List.of("bash", "jbang"));
        command.addAll(List.of(args));
        Files.createDirectories(LOGS);
        File out = LOGS.resolve(name + ".out").toFile();
        File err = LOGS.resolve(name + ".err").toFile();
        ProcessBuilder builder = new ProcessBuilder(command).directory(KATA.root().toFile())
                .redirectOutput(out).redirectError(err);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        process.getOutputStream().close(); // no input: nothing may wait for a keyboard
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor();
            return new Run(-1, read(out), read(err) + "\n(stopped after " + timeoutSeconds + " s)");
        }
        return new Run(process.exitValue(), read(out), read(err));
    }

    private static String read(File file) throws IOException {
        return Files.readString(file.toPath(), StandardCharsets.UTF_8);
    }

    private record Run(int exitCode, String stdout, String stderr) {
        String output() {
            return "--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }
}
