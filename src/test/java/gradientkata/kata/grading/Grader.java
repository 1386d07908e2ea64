package gradientkata.kata.grading;

import gradientkata.kata.Kata;
import gradientkata.kata.Lesson;
import gradientkata.kata.TestResult;
import gradientkata.kata.ResultsFile;
import gradientkata.kata.engine.Engine;
import gradientkata.kata.engine.PublicApi;
import gradientkata.kata.grading.Grade.LessonGrade;
import gradientkata.kata.grading.Grade.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Grades one submission on the engine: the parent (this class) reads the learner files, compiles
 * each lesson and checks its bytecode against {@link CodeRules}; a child JVM with a memory cap
 * runs the compiled lessons ({@link GradeWorker}); the parent watches the clock, kills a child
 * that overruns, restarts one for the lessons after a crash, and alone turns the results into a
 * {@link Grade}. Nothing the submission carries besides its learner files is used.
 */
public final class Grader {

    /**
     * @param testTimeout how long one check may run ("10 s")
     * @param lessonLimit the hard limit for one lesson in the child, after which the child is killed
     * @param maxHeap     the child's heap cap ("512m")
     */
    public record Options(String testTimeout, Duration lessonLimit, String maxHeap) {
        public static Options standard() {
            return new Options(Engine.TEST_TIMEOUT, Duration.ofSeconds(60), "512m");
        }
    }

    private final Kata kata;
    private final Engine engine;
    private final Options options;
    private final Map<String, List<TestResult>> expected = new ConcurrentHashMap<>();
    private final Map<String, Engine.Compiled> tests = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> referenceApi = new ConcurrentHashMap<>();
    private final Path cache;

    public Grader(Kata kata, Options options) {
        this(kata, options, null);
    }

    /** @param cache where to keep the expected checks between runs (keyed by the files they come from), or null */
    public Grader(Kata kata, Options options, Path cache) {
        this.kata = kata;
        this.engine = new Engine(kata, options.testTimeout());
        this.options = options;
        this.cache = cache;
    }

    public Kata kata() {
        return kata;
    }

    /**
     * The fixed list of checks of a lesson: those the reference solution runs, all passing.
     *
     * @throws IllegalStateException if the reference does not pass its own lesson
     */
    public List<TestResult> expected(Lesson lesson) {
        return expected.computeIfAbsent(lesson.number(), n -> {
            Path cached = cache == null ? null : cache.resolve(lesson.id() + "-" + fingerprint(lesson) + ".tsv");
            if (cached != null && Files.isRegularFile(cached)) {
                return ResultsFile.read(cached);
            }
            Engine.Run run = new Engine(kata).run(lesson, kata.solutions());
            if (!run.compiled() || !run.failures().isEmpty() || run.results().isEmpty()) {
                throw new IllegalStateException("lesson " + n + "'s reference solution does not pass its tests; "
                        + "run ./mvnw verify -Psolutions before grading");
            }
            if (cached != null) {
                ResultsFile.write(cached, run.results());
            }
            return run.results();
        });
    }

    /** A fingerprint of everything the expected checks of a lesson come from: its tests, the support code, its reference. */
    private String fingerprint(Lesson lesson) {
        Map<String, String> fingerprints = Fingerprints.fingerprints(kata.root());
        StringBuilder all = new StringBuilder();
        fingerprints.forEach((path, hash) -> {
            if (path.startsWith("src/test/java/" + lesson.packagePath() + "/") || path.startsWith("src/test/java/gradientkata/support/")
                    || path.startsWith("solutions/" + lesson.packagePath() + "/")) {
                all.append(path).append(hash);
            }
        });
        return Integer.toHexString(all.toString().hashCode());
    }

    /**
     * The grade of a build that already ran the tests in place ({@code ./mvnw test}): the recorded
     * results, scored against the expected checks; the compiled learner classes checked against
     * {@link CodeRules}; every difference from what the kata shipped listed.
     *
     * @param onlyLesson the lesson the build was limited to, or "" for all
     */
    public Grade gradeInPlace(String student, List<TestResult> recorded, Path classesDir, String onlyLesson) {
        List<LessonGrade> lessons = new ArrayList<>();
        for (Lesson lesson : kata.lessons()) {
            List<TestResult> mine = recorded.stream().filter(r -> r.lesson().equals(lesson.number())).toList();
            List<String> violations = CodeRules.violations(compiledIn(lesson, classesDir));
            if (!violations.isEmpty()) {
                lessons.add(Grade.score(lesson, expected(lesson), List.of(), Outcome.REJECTED,
                        "the code " + String.join("; ", violations)));
            } else if (mine.isEmpty()) {
                lessons.add(Grade.score(lesson, expected(lesson), List.of(), Outcome.NOT_RUN,
                        onlyLesson.isEmpty() ? "no check of this lesson ran" : "this build ran lesson " + onlyLesson + " only"));
            } else {
                lessons.add(Grade.score(lesson, expected(lesson), mine, Outcome.GRADED, ""));
            }
        }
        List<String> tampered = Fingerprints.differences(kata.root()).stream()
                .map(d -> d + " (differs from what the kata shipped: this grade is not to be trusted)").toList();
        return new Grade(student, lessons, tampered);
    }

    private static Engine.Compiled compiledIn(Lesson lesson, Path classesDir) {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        Path dir = classesDir.resolve(lesson.packagePath());
        if (Files.isDirectory(dir)) {
            try (var files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                    String name = lesson.packageName() + "." + f.getFileName().toString().replace(".class", "");
                    classes.put(name, Files.readAllBytes(f));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Engine.Compiled(lesson, classes, List.copyOf(classes.keySet()), List.of(), List.of());
    }

    /** The lesson's tests, compiled once against the reference for every submission. */
    private Engine.Compiled tests(Lesson lesson) {
        return tests.computeIfAbsent(lesson.number(), n -> engine.compileTests(lesson));
    }

    /** The reference's public signatures that the submission's learner classes lack. */
    private List<String> missingApi(Lesson lesson, Engine.Compiled compiled) {
        Set<String> wanted = referenceApi.computeIfAbsent(lesson.number(), n -> {
            Engine.Compiled reference = engine.compile(lesson, engine.learnerFiles(lesson, kata.solutions()));
            Map<String, byte[]> classes = new LinkedHashMap<>();
            reference.learnerClasses().forEach(c -> classes.put(c, reference.classes().get(c)));
            return PublicApi.ofClasses(classes);
        });
        Map<String, byte[]> learner = new LinkedHashMap<>();
        compiled.learnerClasses().forEach(c -> learner.put(c, compiled.classes().get(c)));
        Set<String> has;
        try {
            has = PublicApi.ofClasses(learner);
        } catch (IllegalStateException e) {
            return List.of(e.getMessage());
        }
        return wanted.stream().filter(w -> !has.contains(w)).toList();
    }

    /** Grades the submission at {@code path} (a folder or a zip), using {@code work} for scratch files. */
    public Grade grade(String student, Path path, Path work) {
        Submission submission = Submission.read(kata, path);
        Map<String, LessonGrade> grades = new LinkedHashMap<>();
        List<Lesson> toRun = new ArrayList<>();
        for (Lesson lesson : kata.lessons()) {
            Map<String, String> files = new LinkedHashMap<>();
            lesson.sourcePaths().forEach(p -> Optional.ofNullable(submission.learnerFiles().get(p)).ifPresent(t -> files.put(p, t)));
            if (!submission.problem().isEmpty() || files.isEmpty()) {
                String reason = !submission.problem().isEmpty() ? submission.problem()
                        : "the submission has none of the lesson's files: " + String.join(", ", lesson.sourcePaths());
                grades.put(lesson.number(), Grade.score(lesson, expected(lesson), List.of(), Outcome.MISSING, reason));
                continue;
            }
            Engine.Compiled compiled = engine.compileWith(tests(lesson), files);
            List<String> missingApi = compiled.ok() ? missingApi(lesson, compiled) : List.of();
            if (!missingApi.isEmpty()) {
                compiled = new Engine.Compiled(lesson, Map.of(), List.of(), List.of(),
                        missingApi.stream().map(m -> "the lesson's tests need " + m + ", which the submission changed or removed").toList());
            }
            if (!compiled.ok()) {
                grades.put(lesson.number(), Grade.score(lesson, expected(lesson), List.of(), Outcome.COMPILE_ERROR,
                        String.join("\n", compiled.errors().stream().limit(20).toList())));
                continue;
            }
            List<String> violations = CodeRules.violations(compiled);
            if (!violations.isEmpty()) {
                grades.put(lesson.number(), Grade.score(lesson, expected(lesson), List.of(), Outcome.REJECTED,
                        "not run, because the code " + String.join("; ", violations)));
                continue;
            }
            try {
                GradeWorker.save(compiled, work.resolve(lesson.number()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            toRun.add(lesson);
        }
        runInChildren(toRun, work).forEach((number, grade) -> grades.put(number, grade));
        List<LessonGrade> ordered = kata.lessons().stream().map(l -> grades.get(l.number())).toList();
        return new Grade(student, ordered, submission.ignored());
    }

    /** Runs lessons in child JVMs, a fresh one after each crash or timeout, until every lesson has an outcome. */
    private Map<String, LessonGrade> runInChildren(List<Lesson> lessons, Path work) {
        Map<String, LessonGrade> grades = new LinkedHashMap<>();
        List<Lesson> remaining = new ArrayList<>(lessons);
        while (!remaining.isEmpty()) {
            ChildRun child = runChild(remaining, work);
            for (Lesson lesson : remaining) {
                List<TestResult> results = child.results.getOrDefault(lesson.number(), List.of());
                if (child.ended.contains(lesson.number())) {
                    grades.put(lesson.number(), Grade.score(lesson, expected(lesson), results, Outcome.GRADED, ""));
                } else if (lesson.number().equals(child.running)) {
                    Outcome outcome = child.killed ? Outcome.TIMEOUT : Outcome.CRASHED;
                    String reason = child.killed
                            ? "the lesson ran longer than " + options.lessonLimit().toSeconds() + " s and was stopped"
                            : "the JVM running the lesson stopped (exit status " + child.exitStatus + ")"
                            + (child.output.contains("OutOfMemoryError") ? ": it ran out of memory (the cap is " + options.maxHeap() + ")"
                            : ": System.exit, Runtime.halt or a crash in the lesson's code");
                    grades.put(lesson.number(), Grade.score(lesson, expected(lesson), results, outcome, reason));
                }
            }
            List<Lesson> notStarted = remaining.stream().filter(l -> !grades.containsKey(l.number())).toList();
            if (notStarted.size() == remaining.size()) {
                // The child never started a lesson: it cannot be the learner's doing; stop rather than loop.
                String reason = "the grader's JVM did not start: " + child.output.strip();
                notStarted.forEach(l -> grades.put(l.number(), Grade.score(l, expected(l), List.of(), Outcome.CRASHED, reason)));
                break;
            }
            remaining = new ArrayList<>(notStarted);
        }
        return grades;
    }

    private static final class ChildRun {
        final Map<String, List<TestResult>> results = new LinkedHashMap<>();
        final List<String> ended = new ArrayList<>();
        String running;
        boolean killed;
        int exitStatus;
        String output = "";
    }

    private ChildRun runChild(List<Lesson> lessons, Path work) {
        ChildRun run = new ChildRun();
        byte[] nonce = new byte[12];
        new SecureRandom().nextBytes(nonce);
        Path resultsFile = work.resolve("results-" + HexFormat.of().formatHex(nonce) + ".txt");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + options.maxHeap(), "-Xss4m", "-XX:+ExitOnOutOfMemoryError", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true", "-cp", childClassPath(), GradeWorker.class.getName());
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            Thread drain = new Thread(() -> drain(process.getInputStream(), head), "grader-drain");
            drain.setDaemon(true);
            drain.start();
            try (OutputStream stdin = process.getOutputStream()) {
                List<String> lines = new ArrayList<>(List.of(kata.root().toString(), work.toString(), resultsFile.toString(),
                        options.testTimeout()));
                lessons.forEach(l -> lines.add(l.number()));
                stdin.write((String.join("\n", lines) + "\n\n").getBytes(StandardCharsets.UTF_8));
            }
            String current = null;
            long startedAt = System.nanoTime();
            while (!process.waitFor(50, TimeUnit.MILLISECONDS)) {
                String now = progress(resultsFile, run);
                if (now != null && !now.equals(current)) {
                    current = now;
                    startedAt = System.nanoTime();
                }
                long limit = options.lessonLimit().toNanos() + (current == null ? Duration.ofSeconds(30).toNanos() : 0);
                if (System.nanoTime() - startedAt > limit) {
                    run.killed = true;
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    process.waitFor();
                }
            }
            run.exitStatus = process.exitValue();
            drain.join(2000);
            synchronized (head) {
                run.output = head.toString(StandardCharsets.UTF_8);
            }
            progress(resultsFile, run);
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("grading was interrupted", e);
        }
    }

    /** Reads the results file so far; returns the lesson now running, if any. */
    private static String progress(Path resultsFile, ChildRun run) {
        if (!Files.isRegularFile(resultsFile)) {
            return null;
        }
        run.results.clear();
        run.ended.clear();
        run.running = null;
        try {
            for (String line : Files.readAllLines(resultsFile, StandardCharsets.UTF_8)) {
                int tab = line.indexOf('\t');
                if (tab < 0) {
                    continue; // a line the child did not finish writing
                }
                String kind = line.substring(0, tab);
                String rest = line.substring(tab + 1);
                switch (kind) {
                    case "START" -> run.running = rest;
                    case "END" -> {
                        run.ended.add(rest);
                        run.running = null;
                    }
                    case "RESULT" -> {
                        try {
                            TestResult r = ResultsFile.parse(rest);
                            run.results.computeIfAbsent(run.running, k -> new ArrayList<>()).add(r);
                        } catch (RuntimeException partial) {
                            // a half-written line from a killed child: the lesson will not have ended anyway
                        }
                    }
                    default -> { }
                }
            }
        } catch (IOException e) {
            return run.running;
        }
        return run.running;
    }

    private static void drain(InputStream in, ByteArrayOutputStream head) {
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                synchronized (head) {
                    if (head.size() < 16 * 1024) {
                        head.write(buffer, 0, Math.min(n, 16 * 1024 - head.size()));
                    }
                }
            }
        } catch (IOException e) {
            // the child is gone; what we have is enough
        }
    }

    /** The class path of the harness, however this JVM was started (Surefire, exec:java, plain java). */
    static String childClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        if (surefire != null && !surefire.isBlank()) {
            return surefire;
        }
        if (Grader.class.getClassLoader() instanceof URLClassLoader loader) {
            List<String> entries = new ArrayList<>();
            for (URL url : loader.getURLs()) {
                try {
                    entries.add(Path.of(url.toURI()).toString());
                } catch (URISyntaxException e) {
                    throw new IllegalStateException(e);
                }
            }
            return String.join(File.pathSeparator, entries);
        }
        return System.getProperty("java.class.path");
    }
}
