package gradientkata.kata;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The kata on disk: where lessons, scaffolds, reference solutions, tests and wrong versions
 * live, and the lesson catalogue read from {@code lessons/}.
 */
public final class Kata {

    private static final Pattern LESSON_DIR = Pattern.compile("(\\d\\d)-([a-z0-9]+(?:-[a-z0-9]+)*)");

    private final Path root;
    private final List<Lesson> lessons;

    private Kata(Path root, List<Lesson> lessons) {
        this.root = root;
        this.lessons = List.copyOf(lessons);
    }

    /** The kata at {@code root}: reads every {@code lessons/NN-slug/lesson.properties}. */
    public static Kata at(Path root) {
        Path lessonsDir = root.resolve("lessons");
        if (!Files.isDirectory(lessonsDir)) {
            throw new IllegalStateException("No lessons/ folder under " + root.toAbsolutePath()
                    + ": run the kata from its root folder (or set -Dkata.root).");
        }
        List<Lesson> lessons = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(lessonsDir)) {
            for (Path dir : dirs.sorted(Comparator.comparing(Path::toString)).toList()) {
                var m = LESSON_DIR.matcher(dir.getFileName().toString());
                if (Files.isDirectory(dir) && m.matches()) {
                    lessons.add(readLesson(dir, m.group(1), m.group(2)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Kata(root, lessons);
    }

    /** The kata this JVM runs in: {@code -Dkata.root}, or the working folder. */
    public static Kata current() {
        return at(Path.of(System.getProperty("kata.root", ".")).toAbsolutePath().normalize());
    }

    private static Lesson readLesson(Path dir, String number, String slug) {
        Path file = dir.resolve("lesson.properties");
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new IllegalStateException("Lesson " + number + " has no readable " + lessonsRelative(file), e);
        }
        List<String> hints = new ArrayList<>();
        for (int i = 1; p.getProperty("hint." + i) != null; i++) {
            hints.add(p.getProperty("hint." + i).strip());
        }
        String points = required(p, file, "points");
        for (String test : list(p.getProperty("tests", ""))) {
            Path source = dir.getParent().getParent().resolve("src/test/java")
                    .resolve(required(p, file, "package").replace('.', '/')).resolve(test + ".java");
            if (Files.isDirectory(dir.getParent().getParent().resolve("src/test/java")) && !Files.isRegularFile(source)) {
                throw new IllegalStateException(lessonsRelative(file) + ": tests= names " + test
                        + ", but there is no " + test + ".java in the lesson's test package");
            }
        }
        try {
            return new Lesson(number, slug, required(p, file, "title"), Integer.parseInt(points),
                    required(p, file, "package"),
                    Arrays.stream(required(p, file, "files").split(",")).map(String::strip).toList(),
                    hints, dir, list(p.getProperty("tests", "")));
        } catch (NumberFormatException e) {
            throw new IllegalStateException(lessonsRelative(file) + ": points must be a whole number, not '" + points + "'");
        }
    }

    /** "A, B , C" → [A, B, C]; "" → []. */
    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String required(Properties p, Path file, String key) {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(lessonsRelative(file) + " needs a value for '" + key + "'");
        }
        return value.strip();
    }

    /** "lessons/NN-slug/lesson.properties": a metadata file named as the kata's author sees it. */
    private static String lessonsRelative(Path file) {
        return file.getParent().getParent().getFileName() + "/" + file.getParent().getFileName() + "/" + file.getFileName();
    }

    public Path root() {
        return root;
    }

    public List<Lesson> lessons() {
        return lessons;
    }

    /** The lesson with this number; "1" finds lesson "01". */
    public Optional<Lesson> lesson(String number) {
        String wanted = number.strip().length() == 1 ? "0" + number.strip() : number.strip();
        return lessons.stream().filter(l -> l.number().equals(wanted)).findFirst();
    }

    /** The lesson whose package holds this class, if any (harness classes belong to none). */
    public Optional<Lesson> lessonOf(String className) {
        return lessons.stream().filter(l -> l.owns(className)).findFirst();
    }

    /** The scaffolds: the only files a learner edits. */
    public Path scaffolds() {
        return root.resolve("src/main/java");
    }

    /** The reference version of every scaffold file, at the same relative paths. */
    public Path solutions() {
        return root.resolve("solutions");
    }

    public Path tests() {
        return root.resolve("src/test/java");
    }

    /** Test code every lesson's tests may use (assertions that teach). */
    public Path testSupport() {
        return tests().resolve("gradientkata/support");
    }

    /** The wrong versions of a lesson: mistakes its tests must reject. */
    public Path wrongVersions(Lesson lesson) {
        return root.resolve("src/test/wrong").resolve(lesson.id() + ".txt");
    }

    /** The syllabus: one row per lesson. */
    public Path syllabus() {
        return root.resolve("lessons/README.md");
    }

    /** A path relative to the kata's root, with forward slashes, for messages. */
    public String show(Path path) {
        Path p = path.isAbsolute() ? root.toAbsolutePath().relativize(path.toAbsolutePath()) : path;
        return p.toString().replace('\\', '/');
    }
}
