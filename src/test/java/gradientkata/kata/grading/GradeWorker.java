package gradientkata.kata.grading;

import gradientkata.kata.FileTrees;
import gradientkata.kata.Kata;
import gradientkata.kata.Lesson;
import gradientkata.kata.ResultsFile;
import gradientkata.kata.TestResult;
import gradientkata.kata.TestResult.Status;
import gradientkata.kata.engine.Engine;
import gradientkata.kata.engine.PublicApi;
import java.io.ByteArrayInputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The child JVM of the grader. It compiles each lesson's learner files against the lesson's tests
 * (compiled once per batch by the parent), checks the learner classes' API and bytecode
 * ({@link CodeRules}), and only then, in a second phase, runs the lessons it accepted, one after
 * another. It may be killed at any moment (a compile that never ends, a loop, an exit, running
 * out of memory) and only the lesson it was on is lost; the parent alone turns what it reported
 * into a grade.
 *
 * <p>Settings come as arguments: {@code --kata DIR} (a folder with {@code lessons/NN-slug/lesson.properties}
 * only), {@code --tests DIR} (per lesson {@code NN/classes/}, {@code NN/tests.txt}, {@code NN/api.txt}),
 * {@code --submission DIR} (the learner files under {@code src/}), {@code --timeout T} (per check),
 * then the lesson numbers. Standard input carries one line, a secret the parent chose for this
 * run; the JVM reads it before any learner code exists and then closes standard input.
 *
 * <p>Results go to standard output, which learner code cannot reach through {@code System.out}
 * (that goes, capped, to standard error). Every line starts with the secret, so that bytes learner
 * code might push into the same pipe by other means ({@code /proc/self/fd/1}) are told apart and
 * dropped. Lines: {@code COMPILE n}, then {@code VERDICT n compile-error|rejected <reason>} or
 * {@code ACCEPTED n}; later {@code START n}, one {@code RESULT …} per check, {@code END n}. Every
 * message is truncated here, so no line is long.
 */
public final class GradeWorker {

    /** Exit status asking the parent for a fresh JVM: a timed-out check may still be spinning. */
    static final int RESTART = 75;
    /** What learner code may print before the rest is dropped. */
    static final int OUTPUT_LIMIT = 64 * 1024;
    /** The longest message, trace, name or id a result line carries. */
    static final int FIELD_LIMIT = 4000;

    private GradeWorker() {
    }

    public static void main(String[] args) throws IOException {
        String secret = new String(System.in.readNBytes(64), StandardCharsets.US_ASCII).strip();
        System.in.close();
        System.setIn(new ByteArrayInputStream(new byte[0]));
        Channel channel = new Channel(new FileOutputStream(FileDescriptor.out), secret);
        PrintStream capped = new PrintStream(new Capped(new FileOutputStream(FileDescriptor.err)), true, StandardCharsets.UTF_8);
        System.setOut(capped);
        System.setErr(capped);

        Map<String, String> settings = new LinkedHashMap<>();
        List<String> lessons = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--") && i + 1 < args.length) {
                settings.put(args[i].substring(2), args[++i]);
            } else {
                lessons.add(args[i]);
            }
        }
        Kata kata = Kata.at(Path.of(settings.get("kata")));
        Path tests = Path.of(settings.get("tests"));
        Path submission = Path.of(settings.get("submission"));
        Engine engine = new Engine(kata, settings.get("timeout"));

        // Phase 1: compile and check every lesson before any learner code runs in this JVM.
        List<Engine.Compiled> accepted = new ArrayList<>();
        for (String number : lessons) {
            Lesson lesson = kata.lesson(number).orElseThrow();
            channel.send("COMPILE\t" + number);
            Engine.Compiled compiled = engine.compileWith(loadTests(lesson, tests.resolve(number)), learnerFiles(lesson, submission));
            List<String> missing = compiled.ok() ? missingApi(compiled, tests.resolve(number).resolve("api.txt")) : List.of();
            if (!compiled.ok() || !missing.isEmpty()) {
                List<String> errors = compiled.ok()
                        ? missing.stream().map(m -> "the lesson's tests need " + m + ", which the submission changed or removed").toList()
                        : compiled.errors();
                channel.send("VERDICT\t" + number + "\tcompile-error\t" + ResultsFile.escape(limit(String.join("\n",
                        errors.stream().limit(20).toList()))));
                continue;
            }
            List<String> violations = CodeRules.violations(compiled);
            if (!violations.isEmpty()) {
                channel.send("VERDICT\t" + number + "\trejected\t" + ResultsFile.escape(limit("not run, because the code "
                        + String.join("; ", violations))));
                continue;
            }
            channel.send("ACCEPTED\t" + number);
            accepted.add(compiled);
        }
        // Phase 2: run them.
        for (Engine.Compiled compiled : accepted) {
            String number = compiled.lesson().number();
            channel.send("START\t" + number);
            Engine.Run run = engine.execute(compiled);
            for (TestResult r : run.results()) {
                channel.send("RESULT\t" + ResultsFile.line(new TestResult(r.lesson(), limit(r.id()), limit(r.name()), r.status(),
                        limit(r.message()), limit(r.trace()), r.millis())));
            }
            channel.send("END\t" + number);
            if (run.results().stream().anyMatch(r -> r.status() == Status.TIMEOUT)) {
                Runtime.getRuntime().halt(RESTART);
            }
        }
        Runtime.getRuntime().halt(0); // threads the learner's code left behind must not keep this JVM alive
    }

    static String limit(String s) {
        return s.length() <= FIELD_LIMIT ? s : s.substring(0, FIELD_LIMIT) + " … (truncated)";
    }

    /** The learner files the parent saved under {@code submission/src/}, for one lesson. */
    private static Map<String, String> learnerFiles(Lesson lesson, Path submission) {
        Map<String, String> files = new TreeMap<>();
        for (String path : lesson.sourcePaths()) {
            Path f = submission.resolve("src").resolve(path);
            if (Files.isRegularFile(f)) {
                files.put(path, FileTrees.read(f));
            }
        }
        return files;
    }

    /** The reference's public signatures that the learner classes lack. */
    private static List<String> missingApi(Engine.Compiled compiled, Path apiFile) throws IOException {
        Set<String> has;
        try {
            has = PublicApi.ofClasses(compiled.learnerClassBytes());
        } catch (IllegalStateException e) {
            return List.of(e.getMessage());
        }
        return Files.readAllLines(apiFile, StandardCharsets.UTF_8).stream().map(ResultsFile::unescape)
                .filter(w -> !has.contains(w)).toList();
    }

    /** Reads back what {@link #saveTests} wrote. */
    static Engine.Compiled loadTests(Lesson lesson, Path dir) throws IOException {
        Path classes = dir.resolve("classes");
        Map<String, byte[]> bytes = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(classes)) {
            for (Path f : walk.filter(p -> p.toString().endsWith(".class")).toList()) {
                String rel = classes.relativize(f).toString().replace('\\', '/');
                bytes.put(rel.substring(0, rel.length() - ".class".length()).replace('/', '.'), Files.readAllBytes(f));
            }
        }
        List<String> tests = Files.readAllLines(dir.resolve("tests.txt"), StandardCharsets.UTF_8);
        return new Engine.Compiled(lesson, bytes, List.of(), tests, List.of());
    }

    /** Writes a lesson's compiled tests, and the public API they need, where a worker can load them. */
    static void saveTests(Engine.Compiled tests, Set<String> api, Path dir) throws IOException {
        Path classes = dir.resolve("classes");
        for (Map.Entry<String, byte[]> e : tests.classes().entrySet()) {
            Path f = classes.resolve(e.getKey().replace('.', '/') + ".class");
            Files.createDirectories(f.getParent());
            Files.write(f, e.getValue());
        }
        Files.write(dir.resolve("tests.txt"), tests.testClasses(), StandardCharsets.UTF_8);
        Files.write(dir.resolve("api.txt"), new TreeSet<>(api).stream().map(ResultsFile::escape).toList(), StandardCharsets.UTF_8);
    }

    /** The results channel: whole lines, each with the run's secret in front, written through at once. */
    private static final class Channel {
        private final OutputStream out;
        private final String secret;

        Channel(OutputStream out, String secret) {
            this.out = out;
            this.secret = secret;
        }

        synchronized void send(String line) throws IOException {
            out.write((secret + "\t" + line.replace("\n", "\\n") + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    /** Passes output through until the limit, then drops it: a flood of output costs nothing. */
    private static final class Capped extends OutputStream {
        private final OutputStream out;
        private long written;

        Capped(OutputStream out) {
            this.out = out;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            if (written++ < OUTPUT_LIMIT) {
                out.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            long room = OUTPUT_LIMIT - written;
            if (room > 0) {
                out.write(b, off, (int) Math.min(room, len));
            }
            written += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }
}
