package gradientkata.kata.learner;

import gradientkata.kata.Kata;
import gradientkata.kata.Lesson;
import gradientkata.kata.engine.Engine;
import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * {@code ./kata watch}: each time the learner saves one of their files, reruns the current lesson
 * on the {@link Engine} and prints the same verdict as {@code ./mvnw test}. One JVM for the whole
 * session, and the lesson compiles in memory: a save costs a compile and a test run, not a build.
 *
 * <p>Noticing a save: every {@link #POLL} the watch compares the learner files' contents with what
 * it saw last. That alone is always correct, wherever the kata runs (network drives, containers,
 * editors that replace files). Where the operating system reports file events, an event only
 * makes the watch look sooner.
 */
final class Watch {

    /** How often the watch looks at the learner's files, file events or not. */
    static final Duration POLL = Duration.ofMillis(300);
    /** After a file event, editors often write again (a temporary file, a rename): wait this long. */
    static final Duration SETTLE = Duration.ofMillis(40);
    /** On the signal queue, a file event; anything else there is a line the learner typed. */
    private static final String FILE_EVENT = "\u0000file event";

    private final Kata kata;
    private final Engine engine;
    private final Progress progress;
    private final boolean fileEvents;
    private final Consumer<String> out;
    private Map<String, String> seen = Map.of();
    private volatile boolean running = true;
    private Optional<Lesson> hintLesson = Optional.empty();
    private int hintsShown;

    /**
     * @param fileEvents whether to ask the operating system for file events (polling runs regardless)
     * @param out        where each screenful goes
     */
    Watch(Kata kata, boolean fileEvents, Consumer<String> out) {
        this.kata = kata;
        this.engine = new Engine(kata);
        this.progress = new Progress(kata, engine, kata.scaffolds());
        this.fileEvents = fileEvents;
        this.out = out;
    }

    /** {@code ./kata watch}: runs until the learner types q (or presses Ctrl+C). */
    static void main(Kata kata) {
        new Watch(kata, true, System.out::println).loop(true);
    }

    /** Checks the lessons in order until one is not complete; returns its verdict. */
    String start() {
        seen = learnerFiles();
        long start = System.nanoTime();
        List<Lesson> ran = progress.update();
        return " Checked " + lessons(ran) + " in " + seconds(start) + "." + progress.verdict().render() + "\n" + footer();
    }

    /**
     * One look at the learner's files. When any changed, reruns what has to run (the current
     * lesson, and the next one when it turns green) and returns what to print.
     */
    Optional<String> poll() {
        Map<String, String> now = learnerFiles();
        if (now.equals(seen)) {
            return Optional.empty();
        }
        TreeSet<String> saved = new TreeSet<>(now.keySet());
        saved.addAll(seen.keySet());
        Map<String, String> before = seen;
        saved.removeIf(path -> Objects.equals(before.get(path), now.get(path)));
        seen = now;
        Optional<Lesson> wasCurrent = progress.current();
        long start = System.nanoTime();
        List<Lesson> ran = progress.update();
        StringBuilder text = new StringBuilder(" You saved ").append(fileNames(saved)).append('.');
        if (ran.isEmpty()) {
            // Nothing up to the current lesson changed since its last check: the save was in a later
            // lesson's file, or the last check already read these very contents.
            Optional<Lesson> current = progress.current();
            List<Lesson> later = current.isEmpty() ? List.of() : lessonsOwning(saved).stream()
                    .filter(l -> l.number().compareTo(current.get().number()) > 0).toList();
            if (later.isEmpty()) {
                return Optional.empty();
            }
            String numbers = later.stream().map(Lesson::number).collect(Collectors.joining(", "));
            text.setLength(text.length() - 1);
            return Optional.of(text.append(" (lesson ").append(numbers).append("). The watch stays on lesson ")
                    .append(current.get().number()).append(":\n it is the first lesson not complete yet. To check lesson ")
                    .append(numbers).append(" anyway, run\n ").append(later.get(0).runCommand()).append('\n')
                    .append(footer()).toString());
        }
        text.append(" Checked ").append(lessons(ran)).append(" in ").append(seconds(start)).append('.');
        if (wasCurrent.isPresent() && progress.runs().stream()
                .anyMatch(r -> r.lesson().equals(wasCurrent.get()) && Progress.complete(r))) {
            text.append("\n Lesson ").append(wasCurrent.get().number()).append(" passes")
                    .append(progress.current().map(l -> ": on to lesson " + l.number() + ".").orElse("!"));
        }
        return Optional.of(text.append(progress.verdict().render()).append('\n').append(footer()).toString());
    }

    /** What the learner typed: h for the next hint, q to stop. */
    Optional<String> command(String typed) {
        switch (typed.strip().toLowerCase()) {
            case "" -> {
                return Optional.empty();
            }
            case "h", "hint" -> {
                return Optional.of(nextHint());
            }
            case "q", "quit", "exit" -> {
                stop();
                return Optional.of(" Stopped watching. Your progress is your code: ./kata watch picks up where you are.");
            }
            default -> {
                return Optional.of(" Type h and Enter for a hint, q and Enter to stop.");
            }
        }
    }

    void stop() {
        running = false;
    }

    /** Looks at the files every {@link #POLL}, and at once on a file event, until stopped. */
    void loop(boolean keyboard) {
        BlockingQueue<String> signals = new LinkedBlockingQueue<>();
        try (FileEvents events = fileEvents ? FileEvents.watch(directories(), signals) : FileEvents.NONE) {
            out.accept("\n Gradient Kata · watch: " + (events.active() ? "file events, and a look" : "a look")
                    + " at your files every " + POLL.toMillis() + " ms.\n Checking your lessons in order until one is not complete…");
            out.accept(start());
            if (keyboard) {
                readKeyboard(signals);
            }
            while (running) {
                String signal = signals.poll(POLL.toMillis(), TimeUnit.MILLISECONDS);
                if (FILE_EVENT.equals(signal)) {
                    Thread.sleep(SETTLE.toMillis());
                    signals.removeIf(FILE_EVENT::equals);
                } else if (signal != null) {
                    command(signal).ifPresent(out);
                }
                if (running) {
                    lookSafely();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void lookSafely() {
        try {
            poll().ifPresent(out);
        } catch (RuntimeException e) {
            out.accept(" The watch could not check your files (" + e.getMessage() + ").\n It keeps watching: save again to retry.");
        }
    }

    private String nextHint() {
        Optional<Lesson> current = progress.current();
        if (current.isEmpty()) {
            return " Every lesson passes: no hint needed.";
        }
        if (!current.equals(hintLesson)) {
            hintLesson = current;
            hintsShown = 0;
        }
        hintsShown = hintsShown >= current.get().hints().size() ? 1 : hintsShown + 1;
        return Hints.show(kata, current.get(), hintsShown, n -> "Type h and Enter for hint " + n + ".");
    }

    private String footer() {
        String where = kata.show(kata.scaffolds());
        return progress.current()
                .map(l -> " Watching " + where + ": save a file to check lesson " + l.number() + " again.\n"
                        + " Type h and Enter for a hint, q and Enter to stop (or press Ctrl+C).")
                .orElse(" Watching " + where + ": every lesson passes. Type q and Enter to stop (or press Ctrl+C).");
    }

    /** Every lesson's learner files as they are now, keyed by path under the source root. */
    private Map<String, String> learnerFiles() {
        Map<String, String> files = new TreeMap<>();
        kata.lessons().forEach(l -> files.putAll(engine.learnerFiles(l, kata.scaffolds())));
        return files;
    }

    private List<Path> directories() {
        return kata.lessons().stream().map(l -> kata.scaffolds().resolve(l.packagePath()))
                .filter(Files::isDirectory).distinct().toList();
    }

    private List<Lesson> lessonsOwning(TreeSet<String> paths) {
        return kata.lessons().stream().filter(l -> l.sourcePaths().stream().anyMatch(paths::contains)).toList();
    }

    private static String lessons(List<Lesson> ran) {
        return (ran.size() == 1 ? "lesson " : "lessons ") + ran.stream().map(Lesson::number).collect(Collectors.joining(", "));
    }

    private static String fileNames(TreeSet<String> paths) {
        return paths.stream().map(p -> p.substring(p.lastIndexOf('/') + 1)).collect(Collectors.joining(", "));
    }

    private static String seconds(long startNanos) {
        return String.format("%.2f s", (System.nanoTime() - startNanos) / 1e9);
    }

    private static void readKeyboard(BlockingQueue<String> signals) {
        Thread reader = new Thread(() -> {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset()));
            try {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    signals.offer(line);
                }
            } catch (IOException e) {
                // no keyboard: the watch goes on, stopped by Ctrl+C
            }
        }, "kata-watch-keyboard");
        reader.setDaemon(true);
        reader.start();
    }

    /** The operating system's file events, where it has them: each puts {@link #FILE_EVENT} on the queue. */
    private static final class FileEvents implements AutoCloseable {
        static final FileEvents NONE = new FileEvents(null);

        private final WatchService service;

        private FileEvents(WatchService service) {
            this.service = service;
        }

        static FileEvents watch(List<Path> directories, BlockingQueue<String> signals) {
            WatchService service = null;
            try {
                service = FileSystems.getDefault().newWatchService();
                for (Path dir : directories) {
                    dir.register(service, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
                }
            } catch (IOException | UnsupportedOperationException e) {
                new FileEvents(service).close();
                return NONE; // polling alone still sees every save
            }
            WatchService events = service;
            Thread thread = new Thread(() -> {
                try {
                    while (true) {
                        WatchKey key = events.take();
                        key.pollEvents();
                        signals.offer(FILE_EVENT);
                        key.reset();
                    }
                } catch (InterruptedException | ClosedWatchServiceException e) {
                    // closed: the watch has stopped
                }
            }, "kata-watch-file-events");
            thread.setDaemon(true);
            thread.start();
            return new FileEvents(service);
        }

        boolean active() {
            return service != null;
        }

        @Override
        public void close() {
            if (service != null) {
                try {
                    service.close();
                } catch (IOException e) {
                    // nothing left to do
                }
            }
        }
    }
}
