package gradientkata.kata.learner;

import static org.assertj.core.api.Assertions.assertThat;

import gradientkata.kata.FileTrees;
import gradientkata.kata.Kata;
import gradientkata.kata.Lesson;
import gradientkata.kata.integrity.KataCopy;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The notebook, interactive: {@code ./kata jshell NN} runs lesson NN's experiment and leaves the
 * learner in JShell, with the lesson's classes, Commons Math, the chart helpers and the
 * experiment's variables. Driven here as a learner would, through standard input. Runs with
 * {@code -Psolutions}, like {@link ExperimentsTest}, whose scripted runs show that an experiment
 * run as a script still exits with its status.
 */
@DisplayName("The notebook, interactive")
@ResourceLock(NotebookSessionTest.JBANG) // both run ./jbang in the kata's root: its caches, lessons/notebook/classes, target/plots
@Order(Integer.MAX_VALUE - 3) // next to ExperimentsTest in the order, so the same worker runs both (pom.xml)
class NotebookSessionTest {

    /** The lock on ./jbang in the kata's root, shared with {@link ExperimentsTest}. */
    static final String JBANG = "./jbang in the kata's root";

    private static final Kata KATA = Kata.current();
    private static final boolean WINDOWS = System.getProperty("os.name").startsWith("Windows");
    private static final Path LOGS = KATA.root().resolve("target/experiments");

    @Test
    @DisplayName("./kata jshell 01 --reference: the experiment runs, then the learner calls a lesson method, reads a variable, draws and saves a chart, and exits with 0")
    void session() throws Exception {
        Path lessonChart = KATA.root().resolve("target/plots/01-chain-rule-products.png");
        Path mine = KATA.root().resolve("target/plots/session-test.png");
        Files.deleteIfExists(lessonChart);
        Files.deleteIfExists(mine);
        String input = String.join("\n",
                "System.out.println(\"half to the tenth = \" + ChainRule.repeatedProduct(0.5, 10))",
                "System.out.println(\"factors = \" + Arrays.toString(factors) + \", lines = \" + lines.size())",
                "XYSeries twice = new XYSeries(\"2^n\")",
                "for (int n = 0; n <= 20; n++) twice.add(n, ChainRule.repeatedProduct(2.0, n));",
                "Notebook.save(Notebook.logY(Notebook.lines(\"Doubling\", \"n\", \"2^n\", List.of(twice))), \"session-test\")",
                "System.out.println(\"Commons Math: \" + new ArrayRealVector(new double[] {3, 4}).getNorm())",
                "/exit", "");

        Run run = kata("session-01", input, "jshell", "01", "--reference");

        assertThat(run.exitCode()).withFailMessage("./kata jshell 01 --reference, ended with /exit, exited with %d, not 0:%n%s",
                run.exitCode(), run.output()).isZero();
        assertThat(run.stdout()).withFailMessage("the session should first run the experiment, table and chart:%n%s", run.output())
                .contains("running on the reference solution in solutions/")
                .contains("0.25^n is exactly 0.0 from depth")
                .contains("Chart: target/plots/01-chain-rule-products.png");
        assertThat(lessonChart).withFailMessage("the experiment's chart %s was not written:%n%s", KATA.show(lessonChart), run.output())
                .isRegularFile();
        assertThat(run.stdout()).withFailMessage("the banner should say what is loaded and how to draw, save and reload:%n%s", run.output())
                .contains("Lesson 01 in JShell, on the reference solution", "ran to its end", "Imported: ChainRule",
                        "Commons Math", "Notebook.save(", "target/plots/mine.png", "Notebook.reload()", "/vars", "/exit");
        // 0.5¹⁰ = 2⁻¹⁰ = 1/1024 exactly, and Java prints that double as 9.765625E-4.
        assertThat(run.stdout()).withFailMessage("the learner's call of ChainRule.repeatedProduct(0.5, 10) should print 2^-10:%n%s",
                run.output()).contains("half to the tenth = 9.765625E-4");
        assertThat(run.stdout()).withFailMessage("the experiment's variables should stay in the session (factors, and its five lines):%n%s",
                run.output()).contains("factors = [0.25, 0.9, 1.0, 1.1, 4.0], lines = 5");
        // ‖(3, 4)‖ = 5: Commons Math's linear algebra is imported.
        assertThat(run.stdout()).withFailMessage("Commons Math should be imported in the session:%n%s", run.output())
                .contains("Commons Math: 5.0");
        assertThat(run.stdout()).withFailMessage("saving the learner's chart should name its file:%n%s", run.output())
                .contains("Chart: target/plots/session-test.png");
        assertPng(mine);
        assertThat(run.stderr()).withFailMessage("JShell should start without the incubator modules' warning:%n%s", run.output())
                .doesNotContain("incubator");
        assertThat(run.output()).withFailMessage("nothing in the session should fail:%n%s", run.output())
                .doesNotContain("Exception", "Error:", "cannot find symbol");
    }

    @Test
    @DisplayName("./kata jshell 03 on the scaffold: the experiment stops at the first TODO, the session stays open and says how to go on")
    void sessionOnTheScaffold() throws Exception {
        Run run = kata("session-03-scaffold", "System.out.println(\"still here: \" + levels.length)\n/exit\n", "jshell", "03");

        assertThat(run.exitCode()).withFailMessage("./kata jshell 03, ended with /exit, exited with %d, not 0:%n%s",
                run.exitCode(), run.output()).isZero();
        assertThat(run.stderr()).withFailMessage("the session should name the method to write, and the way to the reference:%n%s",
                run.output()).contains("Not written yet: ", "TODO lesson 03", "./kata jshell 03 --reference");
        assertThat(run.stdout()).withFailMessage("the banner should say that the experiment stopped, and the session go on:%n%s",
                run.output()).contains("Lesson 03 in JShell, on your code", "stopped (see above)", "still here: 3");
    }

    @Test
    @DisplayName("Notebook.reload(), after the learner wrote the method, starts a new session on the new code; ./kata jshell without a lesson says how to call it")
    void reload(@TempDir Path copy) throws Exception {
        KataCopy.of(KATA, copy);
        for (String top : List.of("kata", "kata.cmd", "jbang", "jbang.cmd", "jbang.properties", ".jbang/cli")) {
            FileTrees.copyTree(KATA.root().resolve(top), copy.resolve(top));
        }
        String welcome = "gradientkata/welcome/Welcome.java";
        // In the copy, the learner "writes" Welcome.derivative (the reference's file) and reloads.
        String input = "Files.copy(Path.of(\"solutions/" + welcome + "\"), Path.of(\"src/main/java/" + welcome
                + "\"), StandardCopyOption.REPLACE_EXISTING)\nNotebook.reload()\n";

        Run run = run(copy, "session-00-reload", input, "jshell", "00");

        assertThat(run.exitCode()).withFailMessage("the second session ends with its input, with 0, not %d:%n%s",
                run.exitCode(), run.output()).isZero();
        assertThat(run.stderr()).withFailMessage("the first session should stop at the TODO:%n%s", run.output())
                .contains("Not written yet: Welcome.derivative");
        assertThat(run.stdout()).withFailMessage("after Notebook.reload() the experiment should run again, to its end, on the new code:%n%s",
                run.output()).contains("Ending this session with status 75").containsSubsequence(
                        "Lesson 00 in JShell, on your code", "stopped (see above)",
                        "Lesson 00 · Welcome", "running on your code",
                        "Lesson 00 in JShell, on your code", "ran to its end");

        Run usage = run(copy, "session-usage", "", "jshell", "99");
        assertThat(usage.exitCode()).as("./kata jshell 99 (no such lesson)").isEqualTo(1);
        assertThat(usage.stderr()).as("./kata jshell 99 (no such lesson)").contains("./kata jshell 03");
    }

    static Stream<Named<Lesson>> lessons() {
        return KATA.lessons().stream().map(l -> Named.of(l.id(), l));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lessons")
    @DisplayName("every experiment ends with Notebook.end(status), so that it can stay open in JShell")
    void endsWithNotebookEnd(Lesson lesson) {
        Path script = lesson.dir().resolve("explore.jsh");
        List<String> lines = FileTrees.read(script).strip().lines().map(String::strip).toList();
        assertThat(lines).as(KATA.show(script)).isNotEmpty();
        assertThat(lines.get(lines.size() - 1)).withFailMessage("%s should end with the line 'Notebook.end(status);' (a script exits"
                + " with the status, an interactive session stays open), not '%s'", KATA.show(script), lines.get(lines.size() - 1))
                .startsWith("Notebook.end(status);");
        assertThat(lines).withFailMessage("%s should leave ending to Notebook.end(status): 'System.exit' or '/exit' would end"
                + " an interactive session too", KATA.show(script))
                .noneMatch(l -> l.startsWith("/exit") || l.contains("System.exit("));
    }

    private static void assertPng(Path chart) throws IOException {
        assertThat(chart).withFailMessage("the learner's chart %s was not written", KATA.show(chart)).isRegularFile();
        BufferedImage image = ImageIO.read(chart.toFile());
        assertThat(image).withFailMessage("%s is not a PNG that Java can read", KATA.show(chart)).isNotNull();
        assertThat(image.getWidth() * image.getHeight()).as("pixels in %s", KATA.show(chart)).isGreaterThan(100_000);
    }

    /** Runs {@code ./kata} (kata.cmd on Windows) from the kata's root with the given standard input. */
    private static Run kata(String name, String input, String... args) throws IOException, InterruptedException {
        return run(KATA.root(), name, input, args);
    }

    /** Runs {@code ./kata} (kata.cmd on Windows) in the kata at {@code root}, with the given standard input. */
    private static Run run(Path root, String name, String input, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(WINDOWS ? List.of("cmd.exe", "/c", "kata.cmd") : List.of("sh", "kata"));
        command.addAll(List.of(args));
        Files.createDirectories(LOGS);
        File out = LOGS.resolve(name + ".out").toFile();
        File err = LOGS.resolve(name + ".err").toFile();
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile())
                .redirectOutput(out).redirectError(err);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(input.getBytes(StandardCharsets.UTF_8));
        }
        int timeoutSeconds = 300;
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
