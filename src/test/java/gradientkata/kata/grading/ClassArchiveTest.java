package gradientkata.kata.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The class-data archive of the grader's children: made once, used as it is, never a reason to fail. */
@DisplayName("The children's class-data archive")
class ClassArchiveTest {

    @Test
    @DisplayName("the jars come first on the children's class path, each part in its own order")
    void jarsFirst(@TempDir Path dir) throws IOException {
        Path a = Files.createFile(dir.resolve("a.jar"));
        Path b = Files.createFile(dir.resolve("b.jar"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Path tests = Files.createDirectories(dir.resolve("test-classes"));
        String classPath = String.join(File.pathSeparator, tests.toString(), b.toString(), classes.toString(), a.toString());
        assertThat(ClassArchive.jarsFirst(classPath)).as("the class path %s with its jars first", classPath)
                .isEqualTo(String.join(File.pathSeparator, b.toString(), a.toString(), tests.toString(), classes.toString()));
    }

    @Test
    @DisplayName("an archive made from a training run is one a JVM on those jars accepts, and the next grader uses it without training again")
    void madeOnceAndUsable(@TempDir Path dir) throws Exception {
        String classPath = Grader.childClassPath();
        String jars = String.join(File.pathSeparator,
                Stream.of(ClassArchive.jarsFirst(classPath).split(File.pathSeparator)).filter(e -> e.endsWith(".jar")).toList());
        Optional<Path> archive = ClassArchive.prepare(dir, classPath, list -> java("-XX:DumpLoadedClassList=" + list, "-cp", jars, "-version"));
        assertThat(archive).as("the archive made in %s", dir).isPresent();
        // -Xshare:on refuses to start when the archive does not fit this JDK and these jars (-Xshare:auto would just go without).
        assertThat(java("-Xshare:on", "-XX:SharedArchiveFile=" + archive.get(), "-cp", jars + File.pathSeparator + dir, "-version"))
                .as("the exit status of a JVM that must use the archive").isZero();
        Optional<Path> again = ClassArchive.prepare(dir, classPath, list -> {
            throw new AssertionError("a second training run, though the archive is there");
        });
        assertThat(again).as("the archive the second time").isEqualTo(archive);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()).toList()).as("what is left in the archive's folder")
                    .containsExactly(archive.get().getFileName().toString());
        }
    }

    @Test
    @DisplayName("a training run that records nothing leaves no archive and nothing behind, and the grader goes on without one")
    void noTrainingNoArchive(@TempDir Path dir) throws IOException {
        assertThat(ClassArchive.prepare(dir, Grader.childClassPath(), list -> { })).as("the archive after an empty training run").isEmpty();
        assertThat(ClassArchive.prepare(dir, Grader.childClassPath(), list -> {
            throw new IllegalStateException("the training child did not start");
        })).as("the archive after a training run that failed").isEmpty();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.toList()).as("what is left in the archive's folder").isEmpty();
        }
    }

    private static int java(String... args) {
        try {
            List<String> command = new java.util.ArrayList<>(List.of(Sandbox.javaBinary()));
            command.addAll(List.of(args));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
