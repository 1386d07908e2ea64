package gradientkata.kata;

import java.nio.file.Path;
import java.util.List;

/**
 * One lesson, as its {@code lessons/NN-slug/lesson.properties} describes it. That file is the
 * only home of a lesson's metadata; everything else (the verdict, the integrity checks, the
 * grader) reads it through {@link Kata}.
 *
 * @param number      two digits, from the folder name ("01")
 * @param slug        the rest of the folder name ("chain-rule-products")
 * @param title       what the learner sees ("Chain-rule products")
 * @param points      what the lesson is worth when graded
 * @param packageName the Java package of the lesson's learner files and tests
 * @param files       the learner's files, relative to the package folder ("ChainRule.java")
 * @param hints       hints, in the order a stuck learner should read them
 * @param dir         the lesson's folder
 */
public record Lesson(String number, String slug, String title, int points, String packageName,
                     List<String> files, List<String> hints, Path dir) {

    public Lesson {
        files = List.copyOf(files);
        hints = List.copyOf(hints);
    }

    /** The folder name, "01-chain-rule-products": how lessons are named on disk and in reports. */
    public String id() {
        return number + "-" + slug;
    }

    public String packagePath() {
        return packageName.replace('.', '/');
    }

    /** The learner's files as paths relative to a source root ("gradientkata/chain/ChainRule.java"). */
    public List<String> sourcePaths() {
        return files.stream().map(f -> packagePath() + "/" + f).toList();
    }

    public Path readme() {
        return dir.resolve("README.md");
    }

    /** The command that runs this lesson alone. */
    public String runCommand() {
        return "./mvnw test -Dlesson=" + number;
    }

    /** Whether a class (a test or a learner class) belongs to this lesson. */
    public boolean owns(String className) {
        int dot = className.lastIndexOf('.');
        return dot > 0 && className.substring(0, dot).equals(packageName);
    }
}
