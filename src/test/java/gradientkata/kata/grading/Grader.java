package gradientkata.kata.grading;

import gradientkata.kata.FileTrees;
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
import java.util.LinkedHashSet;
import java.util.TreeMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Grades one submission on the engine: the parent (this class) reads the learner files (never
 * following a link) and compiles each lesson's tests once per batch; a child JVM with a memory cap,
 * in the OS sandbox when this machine has one ({@link Sandbox}), compiles the learner files, checks
 * their bytecode against {@link CodeRules} and runs what it accepted ({@link GradeWorker}); the
 * parent reads the child's results channel as it comes, watches the clock (the lesson limit bounds
 * compiling and running alike), kills a child that overruns or floods, restarts one for the lessons
 * after a crash, and alone turns what the child reported into a {@link Grade}. Nothing the
 * submission carries besides its learner files is used. The children share a class-data archive
 * of the classes they load from the JDK and the jars ({@link ClassArchive}), made before the first.
 */
public final class Grader {

    /**
     * @param testTimeout how long one check may run ("10 s")
     * @param lessonLimit the hard limit for compiling one lesson, and again for running it, in the child;
     *                    the child is killed when it is reached
     * @param maxHeap     the child's heap cap ("512m")
     * @param sandbox     whether children run in the OS sandbox when this machine has one ({@link Sandbox})
     */
    public record Options(String testTimeout, Duration lessonLimit, String maxHeap, Sandbox.Mode sandbox) {

        /** The sandbox as {@code -Dkata.sandbox} says (on unless "off"). */
        public Options(String testTimeout, Duration lessonLimit, String maxHeap) {
            this(testTimeout, lessonLimit, maxHeap, Sandbox.Mode.fromProperty());
        }

        public static Options standard() {
            return new Options(Engine.TEST_TIMEOUT, Duration.ofSeconds(60), "512m");
        }
    }

    /** The most the child may send on its results channel, and on its standard error, before it is killed for flooding. */
    static final long CHANNEL_LIMIT = 8L << 20;
    static final long ERROR_LIMIT = 16L << 20;

    private final Kata kata;
    private final Engine engine;
    private final Options options;
    private final Map<String, List<TestResult>> expected = new ConcurrentHashMap<>();
    private final Map<String, Engine.Compiled> tests = new ConcurrentHashMap<>();
    private final Map<String, Path> preparedTests = new ConcurrentHashMap<>();
    private final Path shippedChecks;
    private volatile Path shared;
    private volatile Optional<Path> archive;
    /** The class-data archive's name inside the sandbox's {@link Sandbox#INSIDE}. */
    private static final String ARCHIVE_INSIDE = "classes.jsa";
    /** The child's main class: {@link GradeWorker}; a test puts a hostile wrapper around it here. */
    String worker = GradeWorker.class.getName();

    public Grader(Kata kata, Options options) {
        this(kata, options, kata.root());
    }

    /**
     * @param shippedChecks the kata's root, to score against the checked-in list of expected checks
     *                      ({@link ExpectedChecks}) where it is intact; or null to run the reference
     */
    public Grader(Kata kata, Options options, Path shippedChecks) {
        this.kata = kata;
        this.engine = new Engine(kata, options.testTimeout());
        this.options = options;
        this.shippedChecks = shippedChecks;
    }

    public Kata kata() {
        return kata;
    }

    /**
     * The fixed list of checks of a lesson: those the reference solution runs, all passing; read from
     * the shipped list where it is intact, else computed by running the reference.
     *
     * @throws IllegalStateException if the reference does not pass its own lesson
     */
    public List<TestResult> expected(Lesson lesson) {
        return expected.computeIfAbsent(lesson.number(), n -> {
            List<TestResult> listed = shippedChecks == null ? List.of()
                    : ExpectedChecks.shipped(shippedChecks).getOrDefault(lesson.number(), List.of());
            return listed.isEmpty() ? ExpectedChecks.fromReference(kata, lesson) : listed;
        });
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
        List<String> tampered = new ArrayList<>(Fingerprints.differences(kata.root()).stream()
                .map(d -> d + " (differs from what the kata shipped: this grade is not to be trusted)").toList());
        tampered.addAll(TreeAudit.notGraded(kata, classesDir, classesDir.resolveSibling("test-classes")));
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

    /** What contains learner code in this grader's children: the OS sandbox, or the bytecode rules and limits alone. */
    public Sandbox.Status sandbox() {
        return Sandbox.probe(options.sandbox());
    }

    /**
     * The folder every child of this grader reads: {@code kata/lessons/NN-slug/lesson.properties} and
     * each lesson's compiled tests under {@code tests/NN/}. Made once; removed when this JVM ends.
     */
    private Path shared() {
        if (shared == null) {
            synchronized (this) {
                if (shared == null) {
                    try {
                        Path dir = Files.createTempDirectory("kata-grader-");
                        for (Lesson lesson : kata.lessons()) {
                            Path to = dir.resolve("kata/lessons").resolve(lesson.id()).resolve("lesson.properties");
                            Files.createDirectories(to.getParent());
                            Files.copy(lesson.dir().resolve("lesson.properties"), to);
                        }
                        Files.createDirectories(dir.resolve("tests"));
                        Runtime.getRuntime().addShutdownHook(new Thread(() -> FileTrees.deleteTree(dir)));
                        shared = dir;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
        return shared;
    }

    /**
     * The lesson's tests and support code, compiled once against the reference for every submission,
     * saved with the reference's public API for the children (which compile only the learner files).
     */
    private Path tests(Lesson lesson) {
        return preparedTests.computeIfAbsent(lesson.number(), n -> {
            Engine.Compiled reference = engine.compile(lesson, engine.learnerFiles(lesson, kata.solutions()));
            if (!reference.ok()) {
                throw new IllegalStateException("lesson " + n + "'s tests do not compile with its reference: "
                        + String.join("\n", reference.errors()));
            }
            Map<String, byte[]> testClasses = new TreeMap<>(reference.classes());
            Map<String, byte[]> learner = new LinkedHashMap<>();
            reference.learnerClasses().forEach(c -> learner.put(c, testClasses.remove(c)));
            Path dir = shared().resolve("tests").resolve(n);
            try {
                GradeWorker.saveTests(new Engine.Compiled(lesson, testClasses, List.of(), reference.testClasses(), List.of()),
                        PublicApi.ofClasses(learner), dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return dir;
        });
    }

    /**
     * Grades the submission at {@code path} (a folder or a zip), using {@code work} (an empty folder of
     * this submission's own) for scratch files. The learner files are saved there; a child JVM compiles,
     * checks and runs them, in the OS sandbox when there is one.
     */
    public Grade grade(String student, Path path, Path work) {
        Sandbox.Status sandbox = sandbox();
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
            files.forEach((p, text) -> FileTrees.write(work.resolve("src").resolve(p), text));
            tests(lesson);
            toRun.add(lesson);
        }
        runInChildren(toRun, work, sandbox).forEach(grades::put);
        List<LessonGrade> ordered = kata.lessons().stream().map(l -> grades.get(l.number())).toList();
        return new Grade(student, ordered, submission.ignored(), sandbox.note());
    }

    /** Runs lessons in child JVMs, a fresh one after each crash or timeout, until every lesson has an outcome. */
    private Map<String, LessonGrade> runInChildren(List<Lesson> lessons, Path work, Sandbox.Status sandbox) {
        Map<String, LessonGrade> grades = new LinkedHashMap<>();
        List<Lesson> remaining = new ArrayList<>(lessons);
        while (!remaining.isEmpty()) {
            ChildRun child = runChild(remaining, work, sandbox);
            for (Lesson lesson : remaining) {
                String n = lesson.number();
                List<TestResult> results = child.results.getOrDefault(n, List.of());
                String[] verdict = child.verdicts.get(n);
                if (verdict != null) {
                    Outcome outcome = verdict[0].equals("rejected") ? Outcome.REJECTED : Outcome.COMPILE_ERROR;
                    grades.put(n, Grade.score(lesson, expected(lesson), List.of(), outcome, verdict[1]));
                } else if (child.ended.contains(n)) {
                    grades.put(n, Grade.score(lesson, expected(lesson), results, Outcome.GRADED, ""));
                } else if (n.equals(child.current)) {
                    boolean compiling = child.phase.equals("COMPILE");
                    String doing = compiling ? "compiling the lesson" : "running the lesson";
                    Outcome outcome;
                    String reason;
                    if (child.flooded) {
                        outcome = Outcome.CRASHED;
                        reason = "the JVM " + doing + " flooded the grader (more than " + (CHANNEL_LIMIT >> 20) + " MiB of results or "
                                + (ERROR_LIMIT >> 20) + " MiB of output) and was stopped";
                    } else if (child.killed) {
                        outcome = Outcome.TIMEOUT;
                        reason = compiling
                                ? "compiling the lesson took longer than " + options.lessonLimit().toSeconds() + " s (the compile limit) and was stopped"
                                : "the lesson ran longer than " + options.lessonLimit().toSeconds() + " s and was stopped";
                    } else {
                        outcome = Outcome.CRASHED;
                        reason = "the JVM " + doing + " stopped (exit status " + child.exitStatus + ")"
                                + (child.errors().contains("OutOfMemoryError") ? ": it ran out of memory (the cap is " + options.maxHeap() + ")"
                                : compiling ? ": the compiler failed" : ": System.exit, Runtime.halt or a crash in the lesson's code");
                    }
                    grades.put(n, Grade.score(lesson, expected(lesson), results, outcome, reason));
                }
            }
            List<Lesson> notStarted = remaining.stream().filter(l -> !grades.containsKey(l.number())).toList();
            if (notStarted.size() == remaining.size()) {
                // The child never started a lesson: it cannot be the learner's doing; stop rather than loop.
                String reason = child.flooded
                        ? "the child JVM flooded the grader's results channel before it began, and was stopped"
                        : "the grader's JVM did not start: " + child.errors().strip();
                notStarted.forEach(l -> grades.put(l.number(), Grade.score(l, expected(l), List.of(), Outcome.CRASHED, reason)));
                break;
            }
            remaining = new ArrayList<>(notStarted);
        }
        return grades;
    }

    /** What one child reported, as its results channel said it; guarded by its own lock. */
    private static final class ChildRun {
        final Map<String, List<TestResult>> results = new LinkedHashMap<>();
        final Map<String, String[]> verdicts = new LinkedHashMap<>();
        final Set<String> ended = new LinkedHashSet<>();
        final ByteArrayOutputStream errorHead = new ByteArrayOutputStream();
        String phase = "";
        String current;
        long markedAt = System.nanoTime();
        boolean marked;
        long channelBytes;
        long errorBytes;
        long foreignLines;
        boolean killed;
        boolean flooded;
        int exitStatus;

        synchronized String errors() {
            return errorHead.toString(StandardCharsets.UTF_8);
        }
    }

    /** The longest line read from the results channel; the rest of a longer one is dropped (and the line then fails to parse). */
    private static final int LINE_LIMIT = 256 * 1024;

    private ChildRun runChild(List<Lesson> lessons, Path work, Sandbox.Status sandbox) {
        return runChild(lessons, work, sandbox, worker, archive(), List.of());
    }

    /**
     * The children's class-data archive ({@link ClassArchive}), made before the first child when it
     * is not there yet; empty when it is off or could not be made.
     */
    private Optional<Path> archive() {
        if (archive == null) {
            synchronized (this) {
                if (archive == null) {
                    archive = ClassArchive.wanted()
                            ? ClassArchive.prepare(ClassArchive.home(), childClassPath(), this::train)
                            : Optional.empty();
                }
            }
        }
        return archive;
    }

    /**
     * The training run for the archive: a child grades lesson 00's reference (the kata's own code,
     * so outside the sandbox, which could not write the list) and writes the classes it loaded to {@code list}.
     */
    private void train(Path list) {
        Lesson first = kata.lessons().get(0);
        Path work = null;
        try {
            work = Files.createTempDirectory("kata-grader-training-");
            Path src = work.resolve("src");
            engine.learnerFiles(first, kata.solutions()).forEach((p, text) -> FileTrees.write(src.resolve(p), text));
            tests(first);
            runChild(List.of(first), work, new Sandbox.Status(false, ""), GradeWorker.class.getName(), Optional.empty(),
                    List.of("-XX:DumpLoadedClassList=" + list));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (work != null) {
                FileTrees.deleteTree(work);
            }
        }
    }

    private ChildRun runChild(List<Lesson> lessons, Path work, Sandbox.Status sandbox, String mainClass, Optional<Path> archive,
                              List<String> flags) {
        ChildRun run = new ChildRun();
        byte[] nonce = new byte[16];
        new SecureRandom().nextBytes(nonce);
        String secret = HexFormat.of().formatHex(nonce);
        String classPath = ClassArchive.jarsFirst(childClassPath());
        boolean fenced = sandbox.active();
        List<String> java = new ArrayList<>(List.of(Sandbox.javaBinary(), "-Xmx" + options.maxHeap()));
        java.addAll(Sandbox.JVM_FLAGS);
        java.addAll(flags);
        archive.ifPresent(a -> java.addAll(List.of("-Xshare:auto",
                "-XX:SharedArchiveFile=" + (fenced ? Sandbox.INSIDE + "/" + ARCHIVE_INSIDE : a.toString()))));
        java.addAll(List.of("-cp", classPath, mainClass,
                "--kata", fenced ? Sandbox.INSIDE + "/kata" : shared().resolve("kata").toString(),
                "--tests", fenced ? Sandbox.INSIDE + "/tests" : shared().resolve("tests").toString(),
                "--submission", fenced ? Sandbox.INSIDE + "/submission" : work.toString(),
                "--timeout", options.testTimeout()));
        lessons.forEach(l -> java.add(l.number()));
        Map<Path, String> binds = new LinkedHashMap<>();
        binds.put(shared().resolve("kata"), "kata");
        binds.put(shared().resolve("tests"), "tests");
        binds.put(work, "submission");
        archive.ifPresent(a -> binds.put(a, ARCHIVE_INSIDE));
        List<String> command = fenced ? Sandbox.wrap(java, binds, classPath) : java;
        try {
            Process process = new ProcessBuilder(command).directory(work.toFile()).start();
            Thread channel = new Thread(() -> readChannel(process.getInputStream(), secret, run), "grader-results");
            Thread errors = new Thread(() -> drainErrors(process.getErrorStream(), run), "grader-errors");
            channel.setDaemon(true);
            errors.setDaemon(true);
            channel.start();
            errors.start();
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write((secret + "\n").getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                // the child is already gone; its exit status says why
            }
            while (!process.waitFor(50, TimeUnit.MILLISECONDS)) {
                boolean over;
                boolean flood;
                synchronized (run) {
                    long limit = options.lessonLimit().toNanos() + (run.marked ? 0 : Duration.ofSeconds(30).toNanos());
                    over = System.nanoTime() - run.markedAt > limit;
                    flood = run.flooded || run.errorBytes > ERROR_LIMIT;
                    run.killed |= over && !flood;
                    run.flooded |= flood;
                }
                if (over || flood) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    process.waitFor();
                }
            }
            channel.join(5000);
            errors.join(2000);
            synchronized (run) {
                run.exitStatus = process.exitValue();
            }
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("grading was interrupted", e);
        }
    }

    /** Reads the results channel as it comes, line by line; stops reading (and so flags a flood) past {@link #CHANNEL_LIMIT}. */
    private static void readChannel(InputStream in, String secret, ChildRun run) {
        byte[] buffer = new byte[8192];
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                synchronized (run) {
                    run.channelBytes += n;
                    if (run.channelBytes > CHANNEL_LIMIT) {
                        run.flooded = true;
                        return;
                    }
                }
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        accept(line.toString(StandardCharsets.UTF_8), secret, run);
                        line.reset();
                    } else if (line.size() < LINE_LIMIT) {
                        line.write(buffer[i]);
                    }
                }
            }
        } catch (IOException e) {
            // the child is gone; what came is what counts
        }
    }

    /** One line of the results channel: only lines that carry this run's secret count. */
    private static void accept(String line, String secret, ChildRun run) {
        synchronized (run) {
            if (!line.startsWith(secret + "\t")) {
                // Not the worker's: the JVM's own last words (it prints "Terminating due to …OutOfMemoryError" here) or
                // bytes learner code pushed in. Never a result; kept with the child's output, for the crash's reason.
                run.foreignLines++;
                byte[] bytes = (line.length() > 1000 ? line.substring(0, 1000) : line).concat("\n").getBytes(StandardCharsets.UTF_8);
                if (run.errorHead.size() < 16 * 1024) {
                    run.errorHead.write(bytes, 0, Math.min(bytes.length, 16 * 1024 - run.errorHead.size()));
                }
                return;
            }
            String[] f = line.substring(secret.length() + 1).split("\t", 2);
            String rest = f.length > 1 ? f[1] : "";
            switch (f[0]) {
                case "COMPILE", "START" -> {
                    run.phase = f[0];
                    run.current = rest;
                    run.markedAt = System.nanoTime();
                    run.marked = true;
                }
                case "VERDICT" -> {
                    String[] v = rest.split("\t", 3);
                    if (v.length == 3) {
                        run.verdicts.put(v[0], new String[] {v[1], ResultsFile.unescape(v[2])});
                        run.current = null;
                    }
                }
                case "ACCEPTED" -> {
                    run.current = null;
                    run.markedAt = System.nanoTime();
                }
                case "RESULT" -> {
                    try {
                        TestResult r = ResultsFile.parse(rest);
                        if (run.current != null) {
                            run.results.computeIfAbsent(run.current, k -> new ArrayList<>()).add(r);
                        }
                    } catch (RuntimeException partial) {
                        // a line cut short: the lesson will not have ended anyway
                    }
                }
                case "END" -> {
                    if (rest.equals(run.current)) {
                        run.ended.add(rest);
                    }
                    run.current = null;
                    run.markedAt = System.nanoTime();
                }
                default -> run.foreignLines++;
            }
        }
    }

    /** Keeps the first 16 KiB of what the child printed (learner output, the JVM's last words); counts the rest. */
    private static void drainErrors(InputStream in, ChildRun run) {
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                synchronized (run) {
                    run.errorBytes += n;
                    if (run.errorHead.size() < 16 * 1024) {
                        run.errorHead.write(buffer, 0, Math.min(n, 16 * 1024 - run.errorHead.size()));
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
