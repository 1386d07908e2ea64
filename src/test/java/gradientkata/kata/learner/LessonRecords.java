package gradientkata.kata.learner;

import gradientkata.kata.Kata;
import gradientkata.kata.Lesson;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What the last runs found, lesson by lesson, so that {@code ./kata hint} need not run lessons
 * again: {@code target/kata/lessons.properties} holds, per lesson, whether it was complete and a
 * fingerprint (SHA-256) of exactly the text that run checked, the lesson's learner files and its
 * test files. The watch, {@code ./kata hint} itself and {@code ./mvnw test} (through
 * {@code AfterTests}) write it; a record is trusted only while the fingerprint of the files on disk
 * is the same, so an edit after the run (or a changed test) sends the reader back to the engine.
 */
public final class LessonRecords {

    private final Kata kata;
    private final Path file;

    private LessonRecords(Kata kata, Path file) {
        this.kata = kata;
        this.file = file;
    }

    /** The records of the kata at its root: {@code target/kata/lessons.properties}. */
    public static LessonRecords of(Kata kata) {
        return new LessonRecords(kata, kata.root().resolve("target/kata/lessons.properties"));
    }

    /**
     * Whether the lesson was complete in the last run of its files as they are now; empty when no
     * run of exactly these files was recorded.
     */
    public Optional<Boolean> complete(Lesson lesson) {
        String value = load().getProperty(lesson.number());
        if (value == null) {
            return Optional.empty();
        }
        String[] parts = value.split(" ");
        return parts.length == 2 && parts[0].equals(fingerprint(lesson, learnerFiles(lesson)))
                ? Optional.of(Boolean.parseBoolean(parts[1])) : Optional.empty();
    }

    /** Records a run of the lesson on these learner files (path → text, as the engine compiled them). */
    public synchronized void record(Lesson lesson, Map<String, String> learnerFiles, boolean complete) {
        Properties p = load();
        p.setProperty(lesson.number(), fingerprint(lesson, learnerFiles) + " " + complete);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, "lesson = fingerprint of its learner and test files, then whether it was complete (LessonRecords)");
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // a record is an optimisation: without it the next hint runs the lesson
        }
    }

    /** Records a run of the lesson on its files as they are on disk now. */
    public void recordOnDisk(Lesson lesson, boolean complete) {
        record(lesson, learnerFiles(lesson), complete);
    }

    /** The learner's files of a lesson, as the engine reads them (path → text; a missing file is left out). */
    Map<String, String> learnerFiles(Lesson lesson) {
        Map<String, String> files = new TreeMap<>();
        for (String path : lesson.sourcePaths()) {
            Path f = kata.scaffolds().resolve(path);
            if (Files.isRegularFile(f)) {
                files.put(path, read(f));
            }
        }
        return files;
    }

    String fingerprint(Lesson lesson, Map<String, String> learnerFiles) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            Map<String, String> all = new TreeMap<>();
            learnerFiles.forEach((k, v) -> all.put("main/" + k, v));
            Path tests = kata.tests().resolve(lesson.packagePath());
            if (Files.isDirectory(tests)) {
                try (Stream<Path> files = Files.list(tests)) {
                    files.filter(Files::isRegularFile).forEach(f -> all.put("test/" + f.getFileName(), read(f)));
                }
            }
            all.forEach((k, v) -> {
                sha.update(k.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(v.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            });
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Properties load() {
        Properties p = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException | IllegalArgumentException e) {
                return new Properties();
            }
        }
        return p;
    }

    private static String read(Path f) {
        try {
            return Files.isRegularFile(f) ? Files.readString(f, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
