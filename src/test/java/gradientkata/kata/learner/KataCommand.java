package gradientkata.kata.learner;

import gradientkata.kata.Kata;
import gradientkata.kata.grading.ClassGrader;
import java.util.Arrays;
import java.util.List;

/**
 * The learner's commands beside {@code ./mvnw test}, all views on the one engine ({@code gradientkata.kata.engine.Engine}):
 * {@code ./kata watch}, {@code ./kata hint [N]} and {@code ./kata bench}; and the instructor's
 * {@code ./kata grade DIR}, which hands over to {@link ClassGrader}. The script {@code ./kata}
 * runs {@code ./mvnw -q -Pkata -Dkata.args="…"}: one Maven start, then this class in Maven's JVM.
 */
public final class KataCommand {

    private KataCommand() {
    }

    public static void main(String[] args) throws Exception {
        List<String> rest = args.length == 0 ? List.of() : Arrays.asList(args).subList(1, args.length);
        Kata kata = Kata.current();
        switch (args.length == 0 ? "watch" : args[0]) {
            case "watch" -> Watch.main(kata);
            case "hint" -> System.out.println(Hints.command(kata, rest));
            case "bench" -> Benchmark.main(kata, System.out);
            case "grade" -> ClassGrader.main(rest.toArray(String[]::new));
            default -> System.out.println(usage(String.join(" ", args)));
        }
    }

    static String usage(String typed) {
        return "\n '" + typed + "' is not a kata command. From the kata's folder, run one of:\n\n"
                + "   ./kata watch     check your current lesson every time you save a file\n"
                + "   ./kata hint      the first hint for your current lesson (./kata hint 2: the second, …)\n"
                + "   ./kata bench     time the watch, Maven and the experiments on this machine\n"
                + "   ./kata grade DIR grade every submission in DIR (instructors; see the README)\n\n"
                + " On Windows, type kata instead of ./kata.";
    }
}
