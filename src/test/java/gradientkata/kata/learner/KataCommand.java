package gradientkata.kata.learner;

import gradientkata.kata.Kata;
import gradientkata.kata.grading.ClassGrader;
import java.util.Arrays;
import java.util.List;

/**
 * The learner's commands beside {@code ./mvnw test}, all views on the one engine ({@code gradientkata.kata.engine.Engine}):
 * {@code ./kata watch}, {@code ./kata hint [N]} and {@code ./kata bench}; and the instructor's
 * {@code ./kata grade DIR}, which hands over to {@link ClassGrader}. ({@code ./kata jshell NN} never
 * reaches this class: the scripts run it through {@code ./jbang --interactive}, without Maven.) The script {@code ./kata}
 * runs {@code ./mvnw -q -Pkata -Dkata.args="…"}: one Maven start, then this class in Maven's JVM.
 */
public final class KataCommand {

    private KataCommand() {
    }

    public static void main(String[] args) throws Exception {
        List<String> rest = args.length == 0 ? List.of() : Arrays.asList(args).subList(1, args.length);
        Kata kata = Kata.current();
        writeClassPath(kata);
        switch (args.length == 0 ? "watch" : args[0]) {
            case "watch" -> Watch.main(kata);
            case "hint" -> System.out.println(Hints.command(kata, rest));
            case "bench" -> Benchmark.main(kata, System.out);
            case "grade" -> ClassGrader.main(rest.toArray(String[]::new));
            default -> System.out.println(usage(String.join(" ", args)));
        }
    }

    /** Where Maven's run leaves the harness's class path, for the script's start without Maven. */
    static final String CLASS_PATH_FILE = "target/kata-harness/classpath.txt";

    /**
     * When Maven runs this class (exec:java puts the harness and its libraries in a class loader of
     * URLs), writes that class path to {@value #CLASS_PATH_FILE}. The script {@code ./kata hint} then
     * starts {@code java} on it directly, about a second instead of Maven's start, as long as no harness
     * source, test resource or the pom is newer than the file; otherwise it goes through Maven, which
     * compiles the harness and writes the file again.
     */
    static void writeClassPath(Kata kata) {
        if (!(Thread.currentThread().getContextClassLoader() instanceof java.net.URLClassLoader loader)) {
            return; // started by the script with java -cp: the file is already there
        }
        List<String> entries = new java.util.ArrayList<>();
        for (java.net.URL url : loader.getURLs()) {
            try {
                entries.add(java.nio.file.Path.of(url.toURI()).toString());
            } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                return; // not a plain file: better no file than a wrong one
            }
        }
        try {
            java.nio.file.Path file = kata.root().resolve(CLASS_PATH_FILE);
            java.nio.file.Files.createDirectories(file.getParent());
            java.nio.file.Files.writeString(file, String.join(java.io.File.pathSeparator, entries) + "\n");
        } catch (java.io.IOException e) {
            // the script then keeps going through Maven
        }
    }

    static String usage(String typed) {
        return "\n '" + typed + "' is not a kata command. From the kata's folder, run one of:\n\n"
                + "   ./kata watch     check your current lesson every time you save a file\n"
                + "   ./kata hint      the first hint for your current lesson (./kata hint 2: the second, …)\n"
                + "   ./kata bench     time the watch, Maven and the experiments on this machine\n"
                + "   ./kata grade DIR grade every submission in DIR (instructors; see the README)\n"
                + "   ./kata jshell 03 lesson 03's experiment, then JShell with its classes (--reference: the reference's)\n\n"
                + " On Windows, type kata instead of ./kata.";
    }
}
