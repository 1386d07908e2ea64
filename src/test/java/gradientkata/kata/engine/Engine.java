package gradientkata.kata.engine;

import gradientkata.kata.Kata;
import gradientkata.kata.Lesson;
import gradientkata.kata.TestResult;
import gradientkata.kata.FileTrees;
import gradientkata.kata.TestResult.Status;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.CancellationToken;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherExecutionRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The one engine of the kata: take a lesson and a set of learner files (the scaffolds, the
 * reference, a student's submission, a deliberately wrong version), compile them with the
 * lesson's tests, run those tests in isolation, and return one result per check.
 *
 * <p>Isolation: the classes compiled here are loaded by a class loader of their own, which
 * never falls back on the kata's compiled classes; the launcher ignores every auto-registered
 * listener, filter and configuration file. The integrity checks, the grader and the watch loop
 * are all views on {@link #run}.
 */
public final class Engine {

    /**
     * How long one check may take before it counts as a timeout, in JUnit's notation ("10 s"):
     * the value Surefire reads too, from {@code src/test/resources/junit-platform.properties}.
     */
    public static final String TEST_TIMEOUT = checkTimeout();

    /**
     * One lesson run against one set of learner files.
     *
     * @param compileErrors javac's errors; when there are any, no test ran and {@code results} is empty
     */
    public record Run(Lesson lesson, List<String> compileErrors, List<TestResult> results) {

        public boolean compiled() {
            return compileErrors.isEmpty();
        }

        public long passed() {
            return results.stream().filter(TestResult::passed).count();
        }

        public int total() {
            return results.size();
        }

        public List<TestResult> failures() {
            return results.stream().filter(r -> !r.passed()).toList();
        }
    }

    private final Kata kata;
    private final String testTimeout;

    private static String checkTimeout() {
        Properties junit = new Properties();
        try (InputStream in = Engine.class.getResourceAsStream("/junit-platform.properties")) {
            if (in == null) {
                throw new IllegalStateException("junit-platform.properties is missing from the test class path");
            }
            junit.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String timeout = junit.getProperty("junit.jupiter.execution.timeout.default", "").strip();
        if (timeout.isEmpty()) {
            throw new IllegalStateException("junit-platform.properties sets no junit.jupiter.execution.timeout.default");
        }
        return timeout;
    }

    public Engine(Kata kata) {
        this(kata, TEST_TIMEOUT);
    }

    /** @param testTimeout how long one check may run, in JUnit's notation ("10 s", "500 ms") */
    public Engine(Kata kata, String testTimeout) {
        this.kata = kata;
        this.testTimeout = testTimeout;
    }

    /** The lesson's learner files as they stand under a source root (missing files are left out). */
    public Map<String, String> learnerFiles(Lesson lesson, Path sourceRoot) {
        Map<String, String> files = new TreeMap<>();
        for (String path : lesson.sourcePaths()) {
            Path file = sourceRoot.resolve(path);
            if (Files.isRegularFile(file)) {
                files.put(path, FileTrees.read(file));
            }
        }
        return files;
    }

    /** Runs the lesson's tests against the learner files found under a source root. */
    public Run run(Lesson lesson, Path sourceRoot) {
        return run(lesson, learnerFiles(lesson, sourceRoot));
    }

    /**
     * Compiles the learner files with the lesson's tests and the shared test support, then runs
     * the lesson's tests.
     *
     * @param learnerFiles contents keyed by path relative to a source root
     */
    public Run run(Lesson lesson, Map<String, String> learnerFiles) {
        return execute(compile(lesson, learnerFiles));
    }

    /**
     * A lesson compiled with its tests, ready to run here or in another JVM.
     *
     * @param classes      every compiled class, by binary name
     * @param learnerClass the names of the classes compiled from the learner's files
     * @param testClasses  the top-level test classes to run
     * @param errors       javac's errors; when there are any, nothing else is filled in
     */
    public record Compiled(Lesson lesson, Map<String, byte[]> classes, List<String> learnerClasses,
                           List<String> testClasses, List<String> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }

        /** The learner's classes alone, name to bytes: what the code rules and the public-API check read. */
        public Map<String, byte[]> learnerClassBytes() {
            Map<String, byte[]> learner = new LinkedHashMap<>();
            learnerClasses.forEach(c -> learner.put(c, classes.get(c)));
            return learner;
        }
    }

    /** The first half of {@link #run}: compile, and nothing of the learner's code runs. */
    public Compiled compile(Lesson lesson, Map<String, String> learnerFiles) {
        Map<String, String> tests = javaFilesUnder(kata.tests(), kata.tests().resolve(lesson.packagePath()));
        Map<String, String> sources = new LinkedHashMap<>(learnerFiles);
        sources.putAll(javaFilesUnder(kata.tests(), kata.testSupport()));
        sources.putAll(tests);
        InMemoryCompiler.Result compiled = InMemoryCompiler.compile(sources);
        if (!compiled.ok()) {
            return new Compiled(lesson, Map.of(), List.of(), List.of(), compiled.errors());
        }
        List<String> learnerClasses = compiled.origins().entrySet().stream()
                .filter(e -> learnerFiles.containsKey(e.getValue())).map(Map.Entry::getKey).toList();
        List<String> testClasses = tests.keySet().stream()
                .map(path -> path.substring(0, path.length() - ".java".length()).replace('/', '.')).toList();
        return new Compiled(lesson, compiled.classes(), learnerClasses, testClasses, List.of());
    }

    /**
     * The lesson's tests and the shared support code, compiled once against the reference
     * solution: a grader joins them with each submission's learner classes ({@link #compileWith})
     * instead of compiling the tests again for every student.
     */
    public Compiled compileTests(Lesson lesson) {
        Compiled reference = compile(lesson, learnerFiles(lesson, kata.solutions()));
        if (!reference.ok()) {
            throw new IllegalStateException("lesson " + lesson.number() + "'s tests do not compile with its reference: "
                    + String.join("\n", reference.errors()));
        }
        Map<String, byte[]> tests = new TreeMap<>(reference.classes());
        reference.learnerClasses().forEach(tests::remove);
        return new Compiled(lesson, tests, List.of(), reference.testClasses(), List.of());
    }

    /**
     * Compiles only the learner files, and joins their classes with tests compiled by
     * {@link #compileTests}. A learner class may not take the name of a test or support class.
     */
    public Compiled compileWith(Compiled tests, Map<String, String> learnerFiles) {
        Lesson lesson = tests.lesson();
        InMemoryCompiler.Result learner = InMemoryCompiler.compile(learnerFiles);
        if (!learner.ok()) {
            return new Compiled(lesson, Map.of(), List.of(), List.of(), learner.errors());
        }
        List<String> clashes = learner.classes().keySet().stream().filter(tests.classes()::containsKey)
                .map(n -> learner.origins().get(n) + " declares " + n + ", a name the lesson's tests use").toList();
        if (!clashes.isEmpty()) {
            return new Compiled(lesson, Map.of(), List.of(), List.of(), clashes);
        }
        Map<String, byte[]> all = new TreeMap<>(tests.classes());
        all.putAll(learner.classes());
        return new Compiled(lesson, all, List.copyOf(learner.classes().keySet()), tests.testClasses(), List.of());
    }

    /** The second half of {@link #run}: load the compiled classes in isolation and run the tests. */
    public Run execute(Compiled compiled) {
        return execute(compiled, false);
    }

    /**
     * Like {@link #execute(Compiled)}, but stops at the first check that does not pass: JUnit cancels
     * the rest, which come back as skipped or not run. Enough to see a wrong version rejected; never
     * for a grade.
     */
    public Run executeUntilFirstFailure(Compiled compiled) {
        return execute(compiled, true);
    }

    private Run execute(Compiled compiled, boolean stopAtFirstFailure) {
        Lesson lesson = compiled.lesson();
        if (!compiled.ok()) {
            return new Run(lesson, compiled.errors(), List.of());
        }
        MemoryClassLoader loader = new MemoryClassLoader(compiled.classes(), Engine.class.getClassLoader());
        List<DiscoverySelector> selectors = new ArrayList<>();
        for (String className : compiled.testClasses()) {
            try {
                selectors.add(DiscoverySelectors.selectClass(loader.loadClass(className)));
            } catch (ClassNotFoundException | LinkageError e) {
                return new Run(lesson, List.of(className + ": the test class does not load: " + e), List.of());
            }
        }
        return new Run(lesson, List.of(), launch(selectors, loader, stopAtFirstFailure));
    }

    private List<TestResult> launch(List<DiscoverySelector> selectors, ClassLoader loader, boolean stopAtFirstFailure) {
        LauncherConfig config = LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false)
                .enablePostDiscoveryFilterAutoRegistration(false)
                .enableLauncherDiscoveryListenerAutoRegistration(false)
                .enableLauncherSessionListenerAutoRegistration(false)
                .build();
        Launcher launcher = LauncherFactory.create(config);
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectors)
                .enableImplicitConfigurationParameters(false)
                .configurationParameter("junit.jupiter.execution.timeout.default", testTimeout)
                .configurationParameter("junit.jupiter.execution.timeout.thread.mode.default", "SEPARATE_THREAD")
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
                .build();
        ResultCollector collector = new ResultCollector(kata);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            CancellationToken token = CancellationToken.create();
            TestExecutionListener stopper = new TestExecutionListener() {
                @Override
                public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                    if (stopAtFirstFailure && result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                        token.cancel();
                    }
                }
            };
            launcher.execute(LauncherExecutionRequestBuilder.request(request).listeners(collector, stopper)
                    .cancellationToken(token).build());
        } finally {
            thread.setContextClassLoader(previous);
        }
        List<TestResult> results = collector.results();
        if (results.isEmpty()) {
            results = List.of(new TestResult("", "[engine]", "the lesson's tests", Status.NOT_RUN,
                    "no test was found: a lesson with no checks can never be passed or failed", "", 0));
        }
        return results;
    }

    private static Map<String, String> javaFilesUnder(Path sourceRoot, Path dir) {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                files.put(sourceRoot.relativize(file).toString().replace('\\', '/'), FileTrees.read(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }


    /**
     * Loads the classes just compiled, and no other class of the kata's. Only the kata's own
     * package is loaded from here: a learner file that declares, say, an {@code org.assertj} class
     * cannot shadow the real one.
     */
    static final class MemoryClassLoader extends ClassLoader {
        private final Map<String, byte[]> classes;

        MemoryClassLoader(Map<String, byte[]> classes, ClassLoader parent) {
            super(parent); // unnamed: a named loader would prefix every frame a learner reads ("kata-lesson//…")
            this.classes = classes;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null && classes.containsKey(name) && name.startsWith("gradientkata.")) {
                    byte[] bytes = classes.get(name);
                    c = defineClass(name, bytes, 0, bytes.length);
                } else if (c == null && name.startsWith("gradientkata.")) {
                    // Never the kata's own compiled copy: a lesson sees only what was handed in.
                    throw new ClassNotFoundException(name + " is not part of this lesson's sources");
                } else if (c == null) {
                    c = getParent().loadClass(name);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }
    }
}
