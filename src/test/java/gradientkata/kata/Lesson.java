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
 * @param tests       the lesson's test classes in reading order (simple names, "GrowthTest"), from the
 *                    optional {@code tests=} line; empty means alphabetical. The verdict and the watch
 *                    quote the first failing check in this order, so a lesson puts first the checks whose
 *                    failure says the most.
 */
public record Lesson(String number, String slug, String title, int points, String packageName,
                     List<String> files, List<String> hints, Path dir, List<String> tests) {

    public Lesson {
        files = List.copyOf(files);
        hints = List.copyOf(hints);
        tests = List.copyOf(tests);
    }

    public Lesson(String number, String slug, String title, int points, String packageName,
                  List<String> files, List<String> hints, Path dir) {
        this(number, slug, title, points, packageName, files, hints, dir, List.of());
    }

    /**
     * Where a test class comes in the lesson's reading order: its place in {@code tests=}; classes
     * not listed come after the listed ones (and, with no {@code tests=} at all, every class ranks
     * the same, so callers fall back to alphabetical order by name).
     *
     * @param className a fully qualified name; a nested class ranks as its top-level class
     */
    public int testRank(String className) {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        int dollar = simple.indexOf('$');
        String top = dollar < 0 ? simple : simple.substring(0, dollar);
        int at = tests.indexOf(top);
        return at < 0 ? tests.size() : at;
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
