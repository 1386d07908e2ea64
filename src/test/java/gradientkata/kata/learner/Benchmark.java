package gradientkata.kata.learner;

import gradientkata.kata.FileTrees;
import gradientkata.kata.Kata;
import gradientkata.kata.Lesson;
import gradientkata.kata.engine.Engine;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./kata bench}: on this machine and in one run, how long a save takes to reach a verdict
 * in the watch loop and in {@code ./mvnw -o -q test -Dlesson=NN}, and how long each lesson's
 * experiment takes end to end. The targets: the watch's verdict in under 1 s and at least 3 times
 * faster than Maven; each experiment in under 5 s once warm.
 */
final class Benchmark {

    static final int SAVES = 5;
    static final int MAVEN_RUNS = 2;
    static final int HINTS = 3;
    private static final Duration HINT_TARGET = Duration.ofSeconds(2);
    private static final Duration WATCH_TARGET = Duration.ofSeconds(1);
    private static final double SPEEDUP_TARGET = 3;
    private static final Duration EXPERIMENT_TARGET = Duration.ofSeconds(5);
    private static final Duration TOO_LONG = Duration.ofMinutes(3);

    /** One line of the table: the samples of one measurement. */
    record Row(String what, List<Duration> samples, String target, Optional<Boolean> met, String note) {
        Duration median() {
            List<Duration> sorted = samples.stream().sorted().toList();
            int half = sorted.size() / 2;
            return sorted.size() % 2 == 1 ? sorted.get(half) : sorted.get(half - 1).plus(sorted.get(half)).dividedBy(2);
        }

        Duration slowest() {
            return samples.stream().max(Duration::compareTo).orElseThrow();
        }
    }

    private Benchmark() {
    }

    static void main(Kata kata, PrintStream out) {
        Progress progress = new Progress(kata, new Engine(kata), kata.scaffolds());
        progress.update();
        Lesson lesson = progress.current().orElse(kata.lessons().get(kata.lessons().size() - 1));
        Path file = kata.scaffolds().resolve(lesson.sourcePaths().get(0));
        out.println("\n Gradient Kata · benchmark, on this machine, in one run\n\n The change: a comment line added to the end of "
                + kata.show(file) + " (lesson " + lesson.number() + "),\n a new one for each save. The file is put back as it was at the end.\n");
        List<Row> rows = new ArrayList<>();
        if (!windows()) {
            out.println(" Timing ./kata hint, " + HINTS + " runs…");
            rows.add(hintRow(kata));
        }
        try (FileChange change = FileChange.of(file)) {
            out.println(" Timing the watch loop (file events), " + SAVES + " saves…");
            rows.add(watchRow(kata, true, change, "watch: save → verdict (file events)"));
            out.println(" Timing the watch loop (polling only), " + SAVES + " saves…");
            rows.add(watchRow(kata, false, change, "watch: save → verdict (polling only)"));
            out.println(" Timing ./mvnw -o -q test -Dlesson=" + lesson.number() + ", " + MAVEN_RUNS + " runs…");
            rows.add(mavenRow(kata, lesson, change));
        }
        int first = windows() ? 0 : 1; // the hint's row comes first
        Duration maven = rows.get(first + 2).median();
        Duration watch = rows.get(first).median();
        double speedup = (double) maven.toNanos() / Math.max(1, watch.toNanos());
        rows.add(new Row(String.format("Maven ÷ watch (file events): %.0f×", speedup), List.of(), "at least 3×",
                Optional.of(speedup >= SPEEDUP_TARGET), ""));
        for (Lesson l : kata.lessons()) {
            if (Files.isRegularFile(l.dir().resolve("explore.jsh"))) {
                out.println(" Timing the experiment of lesson " + l.number() + "…");
                rows.add(experimentRow(kata, l));
            }
        }
        out.println(table(rows));
    }

    static String table(List<Row> rows) {
        StringBuilder out = new StringBuilder("\n").append(Verdict.RULE).append('\n');
        out.append(String.format(" %-40s %8s %8s   %s%n", "what", "median", "slowest", "target"));
        for (Row row : rows) {
            String mark = row.met().map(ok -> ok ? "  ✔" : "  ✘ missed").orElse("");
            if (row.samples().isEmpty()) {
                out.append(String.format(" %-40s %8s %8s   %s%s%n", row.what(), "", "", row.target(), mark));
            } else {
                out.append(String.format(" %-40s %8s %8s   %s%s%n", row.what(), seconds(row.median()),
                        seconds(row.slowest()), row.target(), mark));
            }
            if (!row.note().isEmpty()) {
                out.append("   ").append(row.note()).append('\n');
            }
        }
        return out.append(Verdict.RULE).toString();
    }

    /** The watch loop, as {@code ./kata watch} runs it, in this JVM: from a save to the verdict on screen. */
    private static Row watchRow(Kata kata, boolean fileEvents, FileChange change, String what) {
        BlockingQueue<String> screens = new LinkedBlockingQueue<>();
        Watch watch = new Watch(kata, fileEvents, screens::add);
        Thread loop = new Thread(() -> watch.loop(false), "kata-bench-watch");
        loop.setDaemon(true);
        loop.start();
        List<Duration> samples = new ArrayList<>();
        try {
            next(screens); // the heading
            next(screens); // the first verdict
            for (int i = 1; i <= SAVES; i++) {
                long start = System.nanoTime();
                change.save(what + " " + i);
                String screen = next(screens);
                samples.add(Duration.ofNanos(System.nanoTime() - start));
                if (!screen.contains(" Checked lesson")) {
                    throw new IllegalStateException("the watch answered a save with something else than a verdict:\n" + screen);
                }
            }
        } finally {
            watch.stop();
        }
        Duration median = new Row(what, samples, "", Optional.empty(), "").median();
        return new Row(what, samples, "under 1 s", Optional.of(median.compareTo(WATCH_TARGET) < 0), "");
    }

    private static String next(BlockingQueue<String> screens) {
        try {
            String screen = screens.poll(TOO_LONG.toSeconds(), TimeUnit.SECONDS);
            if (screen == null) {
                throw new IllegalStateException("the watch printed nothing for " + TOO_LONG.toMinutes() + " minutes");
            }
            return screen;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * {@code ./kata hint} end to end, as a learner types it, right after this run recorded every lesson
     * up to the current one ({@link LessonRecords}): the script starts {@code java} on the class path
     * this Maven run wrote, and the hint reads the records instead of running lessons.
     */
    private static Row hintRow(Kata kata) {
        Path log = kata.root().resolve("target/kata-bench/hint.log");
        List<Duration> samples = new ArrayList<>();
        String note = "";
        for (int i = 1; i <= HINTS; i++) {
            long start = System.nanoTime();
            run(List.of("sh", "kata", "hint"), kata.root(), log);
            samples.add(Duration.ofNanos(System.nanoTime() - start));
            if (!FileTrees.read(log).contains("Hint 1 of")) {
                note = "✘ no hint came back: " + kata.show(log) + " says why.";
            }
        }
        Duration median = new Row("", samples, "", Optional.empty(), "").median();
        return new Row("./kata hint (recorded progress)", samples, "under 2 s",
                Optional.of(median.compareTo(HINT_TARGET) < 0 && note.isEmpty()), note);
    }

    private static Row mavenRow(Kata kata, Lesson lesson, FileChange change) {
        Path log = kata.root().resolve("target/kata-bench/maven.log");
        List<String> command = new ArrayList<>(windows() ? List.of("cmd", "/c", "mvnw.cmd") : List.of("./mvnw"));
        command.addAll(List.of("-o", "-q", "test", "-Dlesson=" + lesson.number()));
        List<Duration> samples = new ArrayList<>();
        String note = "";
        for (int i = 1; i <= MAVEN_RUNS; i++) {
            change.save("maven " + i);
            long start = System.nanoTime();
            run(command, kata.root(), log);
            samples.add(Duration.ofNanos(System.nanoTime() - start));
            if (!FileTrees.read(log).contains("Gradient Kata · your progress")) {
                note = "✘ Maven stopped before the verdict: " + kata.show(log) + " says why.";
            }
        }
        return new Row("./mvnw -o -q test -Dlesson=" + lesson.number(), samples, "", Optional.empty(), note);
    }

    /**
     * The experiment end to end, run twice; the second run, with warm caches, counts. With the
     * kata's JBang launcher ({@code ./jbang}) it runs on the reference solution, so that it goes to
     * its end whatever the state of your code. Without it, as the README runs it then: the JDK's
     * jshell, with your compiled classes ({@code target/classes}) and Commons Math on the class path.
     */
    private static Row experimentRow(Kata kata, Lesson lesson) {
        String script = kata.show(lesson.dir().resolve("explore.jsh"));
        List<String> command;
        String what;
        if (Files.isRegularFile(kata.root().resolve(windows() ? "jbang.cmd" : "jbang"))) {
            command = windows() ? List.of("cmd", "/c", "jbang.cmd", script, "--reference") : List.of("./jbang", script, "--reference");
            what = "experiment " + lesson.number() + " (./jbang, reference)";
        } else {
            Path classes = kata.root().resolve("target/classes");
            what = "experiment " + lesson.number() + " (jshell, your code)";
            if (!Files.isDirectory(classes)) {
                return new Row(what, List.of(), "", Optional.empty(), "not run: no target/classes. Run ./mvnw -q compile first.");
            }
            String jshell = Path.of(System.getProperty("java.home"), "bin", windows() ? "jshell.exe" : "jshell").toString();
            String classPath = classes + File.pathSeparator + jarOf("org.apache.commons.math3.util.FastMath");
            command = List.of(jshell, "--class-path", classPath, script);
        }
        Path log = kata.root().resolve("target/kata-bench/experiment-" + lesson.number() + ".log");
        run(command, kata.root(), log); // warms the caches
        long start = System.nanoTime();
        int status = run(command, kata.root(), log);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        String output = FileTrees.read(log);
        String note = output.contains("Not implemented yet") ? "stopped at a TODO in your code: it ran only up to there"
                : status != 0 || output.contains("The experiment failed") || output.contains("Exception")
                ? "✘ it failed: " + kata.show(log) + " says why" : "";
        return new Row(what, List.of(took), "under 5 s", Optional.of(took.compareTo(EXPERIMENT_TARGET) < 0), note);
    }

    /** Runs a command to its end, its output into a log, with no input (jshell reads until its input ends); returns its exit status. */
    private static int run(List<String> command, Path dir, Path log) {
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            process.getOutputStream().close();
            if (!process.waitFor(TOO_LONG.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " took more than " + TOO_LONG.toMinutes() + " minutes");
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String jarOf(String className) {
        try {
            return Path.of(Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (ClassNotFoundException | URISyntaxException e) {
            throw new IllegalStateException("The kata's class path lacks " + className, e);
        }
    }

    private static boolean windows() {
        return System.getProperty("os.name", "").toLowerCase().startsWith("windows");
    }

    private static String seconds(Duration d) {
        return String.format("%.2f s", d.toNanos() / 1e9);
    }

    /**
     * A learner file the benchmark changes, put back byte for byte (and its time stamp) when
     * closed, when anything fails, and when the JVM is stopped with Ctrl+C.
     */
    static final class FileChange implements AutoCloseable {
        private final Path file;
        private final byte[] original;
        private final FileTime modified;
        private final Thread restoreOnExit;

        private FileChange(Path file) throws IOException {
            this.file = file;
            this.original = Files.readAllBytes(file);
            this.modified = Files.getLastModifiedTime(file);
            this.restoreOnExit = new Thread(this::restore, "kata-bench-restore");
            Runtime.getRuntime().addShutdownHook(restoreOnExit);
        }

        static FileChange of(Path file) {
            try {
                return new FileChange(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Saves the original text plus one comment line, the way editors save: a new file moved into place. */
        void save(String label) {
            String text = new String(original, StandardCharsets.UTF_8);
            String changed = text + (text.endsWith("\n") ? "" : "\n") + "// kata bench: " + label + "\n";
            Path temporary = file.resolveSibling("." + file.getFileName() + ".kata-bench");
            try {
                Files.writeString(temporary, changed, StandardCharsets.UTF_8);
                try {
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            restore();
            try {
                Runtime.getRuntime().removeShutdownHook(restoreOnExit);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down, and the hook has restored the file
            }
        }

        private synchronized void restore() {
            try {
                Files.deleteIfExists(file.resolveSibling("." + file.getFileName() + ".kata-bench"));
                Files.write(file, original);
                Files.setLastModifiedTime(file, modified);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not put " + file + " back as it was", e);
            }
        }
    }
}
