package gradientkata.kata.grading;

import gradientkata.kata.Kata;
import gradientkata.kata.Lesson;
import gradientkata.kata.TestResult;
import gradientkata.kata.ResultsFile;
import gradientkata.kata.engine.Engine;
import gradientkata.kata.TestResult.Status;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The child JVM of the grader: runs lessons that the parent has already compiled and checked,
 * one after another, and appends each result to a file the parent named on standard input. The
 * parent alone turns that file into a grade; this JVM may be killed at any moment (a loop, an
 * exit, running out of memory) and only the lesson it was running is lost.
 *
 * <p>Protocol, on standard input: the kata's root, the work folder, the results file, the test
 * timeout, then one lesson number per line. The results file gets {@code START n}, one
 * {@code RESULT …} line per check, then {@code END n}, each written through at once.
 */
public final class GradeWorker {

    /** Exit status asking the parent for a fresh JVM: a timed-out check may still be spinning. */
    static final int RESTART = 75;
    /** What learner code may print before the rest is dropped. */
    static final int OUTPUT_LIMIT = 64 * 1024;

    private GradeWorker() {
    }

    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Path kataRoot = Path.of(in.readLine());
        Path work = Path.of(in.readLine());
        Path resultsFile = Path.of(in.readLine());
        String timeout = in.readLine();
        List<String> lessons = new ArrayList<>();
        for (String line = in.readLine(); line != null && !line.isBlank(); line = in.readLine()) {
            lessons.add(line.strip());
        }
        System.setIn(new ByteArrayInputStream(new byte[0]));
        PrintStream capped = new PrintStream(new Capped(System.out), true, StandardCharsets.UTF_8);
        System.setOut(capped);
        System.setErr(capped);

        Kata kata = Kata.at(kataRoot);
        Engine engine = new Engine(kata, timeout);
        try (Writer out = Files.newBufferedWriter(resultsFile, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            for (String number : lessons) {
                Lesson lesson = kata.lesson(number).orElseThrow();
                Engine.Compiled compiled = load(lesson, work.resolve(number));
                write(out, "START\t" + number);
                Engine.Run run = engine.execute(compiled);
                for (TestResult r : run.results()) {
                    write(out, "RESULT\t" + ResultsFile.line(r));
                }
                write(out, "END\t" + number);
                if (run.results().stream().anyMatch(r -> r.status() == Status.TIMEOUT)) {
                    Runtime.getRuntime().halt(RESTART);
                }
            }
        }
        Runtime.getRuntime().halt(0); // threads the learner's code left behind must not keep this JVM alive
    }

    private static void write(Writer out, String line) throws IOException {
        out.write(line);
        out.write('\n');
        out.flush();
    }

    /** Reads back what {@link #save} wrote. */
    static Engine.Compiled load(Lesson lesson, Path dir) throws IOException {
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

    /** Writes a compiled lesson where a worker can load it. */
    static void save(Engine.Compiled compiled, Path dir) throws IOException {
        Path classes = dir.resolve("classes");
        for (Map.Entry<String, byte[]> e : compiled.classes().entrySet()) {
            Path f = classes.resolve(e.getKey().replace('.', '/') + ".class");
            Files.createDirectories(f.getParent());
            Files.write(f, e.getValue());
        }
        Files.write(dir.resolve("tests.txt"), compiled.testClasses(), StandardCharsets.UTF_8);
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
