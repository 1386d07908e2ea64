package gradientkata.kata.grading;

import gradientkata.kata.Kata;
import gradientkata.kata.Lesson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What, in a learner's own tree, {@code ./mvnw test} runs or reads without it being a lesson's
 * learner file or something the kata shipped: sources and classes outside the lessons' packages
 * (a class there can stand in for JUnit or the harness, since {@code target/classes} is on the
 * tests' class path), learner sources named like a test class, and test classes without a source
 * in the tree or resources that are not their source's copy (a fake test class or a changed
 * {@code junit-platform.properties} committed under {@code target/test-classes}).
 * Each is listed under "Not graded" in the reports, and the grade line says not to trust it.
 * (The fingerprints cover the shipped files; the class grader needs none of this.)
 */
public final class TreeAudit {

    static final String OUTSIDE = "outside the lessons' packages: code there can stand in for the test framework or the "
            + "harness; this grade is not to be trusted";
    static final String NO_SOURCE = "a compiled class without a source in the tree: it did not come from this build; "
            + "this grade is not to be trusted";
    static final String NOT_A_COPY = "not the copy of its source under src/test/resources: it did not come from this build; "
            + "this grade is not to be trusted";
    static final String SHADOWS = "has the name of one of the kata's test classes; this grade is not to be trusted";

    private TreeAudit() {
    }

    /**
     * @param classesDir     where the build put the learner's classes ({@code target/classes})
     * @param testClassesDir where it put the tests' classes ({@code target/test-classes})
     */
    public static List<String> notGraded(Kata kata, Path classesDir, Path testClassesDir) {
        Set<String> lessonDirs = kata.lessons().stream().map(Lesson::packagePath).collect(Collectors.toSet());
        List<String> found = new ArrayList<>();
        Path sources = kata.scaffolds();
        // Maven compiles only the .java files under src/main/java; anything else there never runs.
        for (String rel : files(sources).stream().filter(f -> f.endsWith(".java")).toList()) {
            if (!inLessonPackage(rel, lessonDirs)) {
                found.add(kata.show(sources.resolve(rel)) + " (" + OUTSIDE + ")");
            } else if (Files.exists(kata.tests().resolve(rel))) {
                found.add(kata.show(sources.resolve(rel)) + " (" + SHADOWS + ")");
            }
        }
        for (String rel : files(classesDir)) {
            String shown = show(kata, classesDir, rel);
            if (!inLessonPackage(rel, lessonDirs)) {
                found.add(shown + " (" + OUTSIDE + ")"); // inside one, it is checked against the code rules like any learner class
            }
        }
        Path testResources = kata.root().resolve("src/test/resources");
        for (String rel : files(testClassesDir)) {
            // A resource came from this build only if it is its source's copy: Maven does not overwrite
            // a copy newer than its source, so a changed one committed under target/ would be read as is.
            boolean fromSource = rel.endsWith(".class") ? Files.isRegularFile(kata.tests().resolve(sourceOf(rel)))
                    : sameBytes(testResources.resolve(rel), testClassesDir.resolve(rel));
            if (!fromSource) {
                found.add(show(kata, testClassesDir, rel) + " (" + (rel.endsWith(".class") ? NO_SOURCE : NOT_A_COPY) + ")");
            }
        }
        return found;
    }

    private static boolean sameBytes(Path source, Path copy) {
        try {
            return Files.isRegularFile(source) && Files.mismatch(source, copy) == -1;
        } catch (IOException e) {
            return false;
        }
    }

    private static String show(Kata kata, Path dir, String rel) {
        return kata.show(dir.resolve(rel).toAbsolutePath());
    }

    private static boolean inLessonPackage(String rel, Set<String> lessonDirs) {
        int slash = rel.lastIndexOf('/');
        return slash > 0 && lessonDirs.contains(rel.substring(0, slash));
    }

    /** "gradientkata/welcome/Welcome$1.class" → "gradientkata/welcome/Welcome.java". */
    private static String sourceOf(String classFile) {
        String base = classFile.replaceFirst("\\.class$", "");
        int slash = base.lastIndexOf('/');
        int dollar = base.indexOf('$', slash + 1);
        return (dollar > 0 ? base.substring(0, dollar) : base) + ".java";
    }

    /** Every regular file under {@code dir}, relative, with forward slashes (none when it does not exist). */
    private static List<String> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> !Files.isDirectory(p)).map(p -> dir.relativize(p).toString().replace('\\', '/')).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
