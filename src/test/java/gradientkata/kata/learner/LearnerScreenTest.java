package gradientkata.kata.learner;

import static org.assertj.core.api.Assertions.assertThat;

import gradientkata.kata.FileTrees;
import gradientkata.kata.Kata;
import gradientkata.kata.integrity.KataCopy;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12: what {@code ./mvnw test} puts on a learner's screen, measured by running Maven (offline)
 * on a copy of the kata: at most 40 lines, the verdict last (the grade line may follow it), a
 * non-zero status, and every detail still in {@code target/surefire-reports} and {@code target/kata/grade.md}.
 */
@DisplayName("The learner's screen after ./mvnw test")
@DisabledOnOs(OS.WINDOWS)
@Order(Integer.MAX_VALUE - 1)
class LearnerScreenTest {

    /** MAVEN_OPTS for the nested builds of the harness's tests: a short-lived Maven JVM spends less CPU without C2. */
    static final String QUICK_MAVEN = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

    static final int MAX_LINES = 40;

    @Test
    @DisplayName("the unsolved kata: at most 40 lines, the verdict last, status 1, the detail in the reports")
    void unsolved(@TempDir Path dir) throws Exception {
        KataCopy copy = KataCopy.of(Kata.current(), dir);
        Run run = maven(dir, "unsolved", "test");
        assertScreen(run);
        assertThat(run.stdout).contains("▶  00  ", "Not written yet: TODO lesson 00");
        assertThat(copy.path("target/surefire-reports")).isDirectoryContaining("glob:**.xml");
        assertThat(copy.path("target/kata/grade.md")).isRegularFile();
    }

    @Test
    @DisplayName("lesson 00 solved, -Dlesson=01: the same screen, and the grade line shows lesson 01's own points")
    void oneLessonSomeDone(@TempDir Path dir) throws Exception {
        KataCopy copy = KataCopy.of(Kata.current(), dir);
        copy.write("src/main/java/gradientkata/welcome/Welcome.java", copy.read("solutions/gradientkata/welcome/Welcome.java"));
        Run run = maven(dir, "lesson01", "test", "-Dlesson=01");
        assertScreen(run);
        int points = copy.kata().lesson("01").orElseThrow().points();
        assertThat(run.stdout).contains("not run this time", "/ " + points + " points for lesson 01");
    }

    @Test
    @DisplayName("-Psolutions keeps Surefire's output: the profile sets kata.loud, which skips the quiet step")
    void solutionsStayLoud() {
        String pom = FileTrees.read(Kata.current().root().resolve("pom.xml"));
        String solutions = pom.substring(pom.indexOf("<id>solutions</id>"));
        assertThat(solutions.substring(0, solutions.indexOf("</properties>"))).contains("<kata.loud>true</kata.loud>");
        assertThat(pom).contains("<skip>${kata.loud}</skip>", "gradientkata.kata.surefire.QuietSurefire");
    }

    private static void assertScreen(Run run) {
        List<String> lines = run.stdout.lines().toList();
        assertThat(run.exitCode).as("the exit status of ./mvnw test with unfinished lessons\n" + run.stdout).isNotZero();
        assertThat(lines.size()).as("lines on screen (stdout)\n" + run.stdout).isLessThanOrEqualTo(MAX_LINES);
        int lastRule = lines.lastIndexOf(Verdict.RULE);
        assertThat(lastRule).as("the verdict's closing rule is on screen\n" + run.stdout).isNotNegative();
        assertThat(lines.size() - 1 - lastRule).as("lines after the verdict\n" + run.stdout).isLessThanOrEqualTo(1);
        assertThat(run.stdout).doesNotContain("BUILD FAILURE", "Tests run:", "[Help 1]");
        assertThat(run.stderr.lines().count()).as("lines on stderr\n" + run.stderr).isLessThanOrEqualTo(1);
    }

    private record Run(int exitCode, String stdout, String stderr) {
    }

    /** {@code ./mvnw -o ARGS} in {@code dir}, as a learner would type it (offline: the dependencies are cached). */
    private static Run maven(Path dir, String name, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("sh", "mvnw", "-o"));
        command.addAll(List.of(args));
        Path logs = Kata.current().root().resolve("target/learner-screen");
        Files.createDirectories(logs);
        File out = logs.resolve(name + ".out").toFile();
        File err = logs.resolve(name + ".err").toFile();
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out).redirectError(err);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        // Maven's own JVM with the quick compiler only: the screen is the same, and the build costs a third less CPU
        // (measured: 119 s -> 80 s for this class), which matters while other test classes run beside it.
        builder.environment().put("MAVEN_OPTS", QUICK_MAVEN);
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(15, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor();
        }
        return new Run(process.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
                Files.readString(err.toPath(), StandardCharsets.UTF_8));
    }
}
