package gradientkata.bench;

import gradientkata.training.Activation;
import gradientkata.training.Initialization;
import gradientkata.training.Network;
import gradientkata.training.TwoSpirals;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.math3.random.Well19937c;

/**
 * Lesson 08's speed against PyTorch, side by side in one run:
 * {@code ./mvnw -q -Psolutions test-compile exec:java@benchmark-training [-Druns=3]}.
 *
 * <p>The configuration of issue 14: two spirals of 256 points, Linear(2, 16), 16 × Linear(16, 16),
 * Linear(16, 1), ReLU, He init, float64, 2000 full-batch SGD steps at learning rate 0.05. Java trains
 * it with the classes in {@code target/…/classes}: the reference solution under {@code -Psolutions},
 * your own code without it. PyTorch runs {@code src/test/bench/08_training_torch.py} (two threads),
 * when {@code python3} (on the PATH, else {@code /usr/bin/python3}, or {@code -Dpython=…}) can import {@code torch}. Each side is timed {@code runs} times, each run a
 * fresh net; Java's first run, in a cold JVM, is reported on its own line and not in the median.
 * The machine's load average is printed before and after: on a busy machine both sides slow down.
 */
public final class TrainingBenchmark {

    private static final int STEPS = 2000;
    private static final Pattern SECONDS = Pattern.compile("seconds=([0-9.]+)");

    private TrainingBenchmark() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int runs = Integer.getInteger("runs", 3);
        Path root = Path.of(System.getProperty("kata.root", ".")).toAbsolutePath().normalize();
        System.out.printf("%n Lesson 08 benchmark: two spirals (256 points), 2 → 16, 16 × (16 → 16), 16 → 1, ReLU, He init,%n"
                + " float64, %d full-batch SGD steps at 0.05. %d timed runs per side.%n Load average before: %s%n%n",
                STEPS, runs, load());

        double cold = javaRun();
        List<Double> java = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            java.add(javaRun());
        }
        double javaMedian = median(java);
        System.out.printf(" Java (%s), first run in a cold JVM: %6.3f s  (%5.0f steps/s)%n", Runtime.version(), cold, STEPS / cold);
        System.out.printf(" Java, median of %d warm runs:        %6.3f s  (%5.0f steps/s)   runs: %s%n",
                runs, javaMedian, STEPS / javaMedian, java);

        Path script = root.resolve("src/test/bench/08_training_torch.py");
        // The python3 on the PATH first, then Debian's (where python3-torch installs torch), unless -Dpython=… says.
        List<String> candidates = System.getProperty("python") != null ? List.of(System.getProperty("python"))
                : List.of("python3", "/usr/bin/python3");
        String python = null;
        String torchVersion = null;
        for (String candidate : candidates) {
            torchVersion = torchVersion(candidate);
            if (torchVersion != null) {
                python = candidate;
                break;
            }
        }
        if (torchVersion == null) {
            System.out.printf("%n PyTorch: not run (%s cannot import torch; Debian's python3-torch package provides it).%n",
                    String.join(" or ", candidates));
            System.out.printf(" Load average after:  %s%n", load());
            return;
        }
        List<Double> torch = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            torch.add(torchRun(python, script));
        }
        double torchMedian = median(torch);
        System.out.printf(" PyTorch %s (%s), median of %d runs: %6.3f s  (%5.0f steps/s)   runs: %s%n",
                torchVersion, python, runs, torchMedian, STEPS / torchMedian, torch);
        System.out.printf("%n Java is %.2f× PyTorch's speed (warm medians); %.2f× counting Java's cold first run.%n",
                torchMedian / javaMedian, torchMedian / cold);
        System.out.printf(" Load average after:  %s%n", load());
    }

    /** Seconds for one 2000-step training run of a fresh net (data seed 1, weights seed 1001). */
    private static double javaRun() {
        TwoSpirals data = TwoSpirals.generate(256, new Well19937c(1));
        Network net = new Network(2, 16, 16, Activation.RELU, false, Initialization.HE, new Well19937c(1001));
        long start = System.nanoTime();
        double[] losses = net.train(data.points(), data.labels(), 0.05, STEPS);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (losses.length != STEPS) {
            throw new IllegalStateException("the training run returned " + losses.length + " losses, not " + STEPS);
        }
        return seconds;
    }

    private static String torchVersion(String python) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(python, "-c", "import torch; print(torch.__version__)").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static double torchRun(String python, Path script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(python, script.toString(), "relu-he", String.valueOf(STEPS), "1")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("the PyTorch script failed:\n" + out);
        }
        Matcher m = SECONDS.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("the PyTorch script printed no seconds=…:\n" + out);
        }
        return Double.parseDouble(m.group(1));
    }

    private static double median(List<Double> xs) {
        List<Double> sorted = xs.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException | RuntimeException e) {
            return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }
}
