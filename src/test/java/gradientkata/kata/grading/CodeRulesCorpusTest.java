package gradientkata.kata.grading;

import static org.assertj.core.api.Assertions.assertThat;

import gradientkata.kata.Kata;
import gradientkata.kata.Lesson;
import gradientkata.kata.engine.Engine;
import gradientkata.kata.grading.Grade.LessonGrade;
import gradientkata.kata.grading.Grade.Outcome;
import gradientkata.kata.integrity.WrongVersions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The allow list of members ({@link CodeRules}, {@link AllowedMembers}), attacked as a student
 * with the grader's source at hand would: each submission below hands in lesson 00 doing one thing
 * the package rules used to let through, and must come back rejected with the exact reason (so the
 * case passes only because that rule fires: the code compiles, and a reason names the member).
 * The other direction matters as much: every reference solution, every wrong version and every
 * alternative solution in {@code src/test/alternatives/} (correct code written the way students
 * write it) keeps to the rules.
 */
@DisplayName("The grader's code rules: members, bootstrap methods and method handles")
@Order(4)
class CodeRulesCorpusTest {

    private static final String WELCOME = "src/main/java/gradientkata/welcome/Welcome.java";
    /** The whole body of the reference's Welcome.derivative: each attack runs before it. */
    private static final String ANSWER = GraderFaultCorpusTest.welcomeBody();

    /** Student name → what lesson 00's derivative does before answering, and classes appended to Welcome.java. */
    private static final Map<String, String[]> ATTACKS = new LinkedHashMap<>();

    static {
        attack("lookup-find-class", "try { java.lang.invoke.MethodHandles.lookup().findClass(\"gradientkata.welcome.WelcomeTest\"); }"
                + " catch (Exception e) { }");
        attack("lookup-find-virtual", "try { java.lang.invoke.MethodHandles.publicLookup().findVirtual(Object.class, \"toString\","
                + " java.lang.invoke.MethodType.methodType(String.class)); } catch (Exception e) { }");
        attack("lookup-find-constructor", "try { java.lang.invoke.MethodHandles.publicLookup().findConstructor(StringBuilder.class,"
                + " java.lang.invoke.MethodType.methodType(void.class)); } catch (Exception e) { }");
        attack("private-lookup-unsafe", "try { java.lang.invoke.MethodHandles.privateLookupIn(sun.misc.Unsafe.class, null); }"
                + " catch (Exception e) { }");
        attack("unsafe-directly", "sun.misc.Unsafe.getUnsafe();");
        attack("class-for-name", "try { Class.forName(\"java.lang.ProcessBuilder\"); } catch (Exception e) { }");
        attack("formatter-file", "try { new java.util.Formatter(\"kata-pwned.txt\"); } catch (Exception e) { }");
        attack("value-server", "new org.apache.commons.math3.random.ValueServer();");
        attack("empirical-load", "try { new org.apache.commons.math3.random.EmpiricalDistribution().load((java.net.URL) null); }"
                + " catch (Exception e) { }");
        attack("arrays-parallel-set-all", "java.util.Arrays.parallelSetAll(new double[4], i -> x);");
        attack("arrays-parallel-sort", "java.util.Arrays.parallelSort(new double[4]);");
        attack("stream-support-parallel",
                "java.util.stream.StreamSupport.stream(java.util.List.of(x).spliterator(), true).count();");
        attack("parallel-stream", "java.util.List.of(x).parallelStream().count();");
        attack("stream-parallel", "java.util.stream.DoubleStream.of(x).parallel().sum();");
        attack("method-reference-smuggling", "java.util.function.Supplier<Runtime> r = Runtime::getRuntime;");
        attack("constructor-reference-smuggling", "java.util.function.Function<Runnable, Thread> t = Thread::new;");
        attack("lambda-body", "Runnable r = () -> System.exit(3);");
        attack("thread-subclass", "new Worker().start();", "class Worker extends Thread { @Override public void run() { } }");
        attack("classloader-subclass", "new Loader();", "class Loader extends ClassLoader { }");
        attack("inherited-parallel-stream", "new Bag().parallelStream().count();",
                "class Bag extends java.util.ArrayList<Double> { }");
        attack("declares-a-finalizer", "new Finalizing();", "class Finalizing { @Override protected void finalize() { } }");
        attack("waits-forever", "Object lock = new Object(); synchronized (lock) { try { lock.wait(); } catch (InterruptedException e) { } }");
        attack("reads-the-environment", "System.getenv(\"HOME\");");
        attack("reads-stdin", "try { System.in.read(); } catch (Exception e) { }");
        attack("reads-system-properties", "Integer.getInteger(\"kata.points\");");
        attack("closes-stdout", "System.out.close();");
        attack("executor", "java.util.concurrent.ForkJoinPool.commonPool().submit(() -> { });");
    }

    private static void attack(String student, String before, String... extraClasses) {
        ATTACKS.put(student, new String[] {before, String.join("\n", extraClasses)});
    }

    @TempDir
    static Path dir;
    static Map<String, Grade> grades;
    static List<String> rows;
    static Kata kata;

    @BeforeAll
    static void gradeTheAttacks() throws Exception {
        kata = Kata.current();
        Path in = Files.createDirectories(dir.resolve("submissions"));
        String reference = Files.readString(kata.solutions().resolve("gradientkata/welcome/Welcome.java"));
        assertThat(reference).contains(ANSWER);
        for (Map.Entry<String, String[]> a : ATTACKS.entrySet()) {
            String text = reference.replace(ANSWER, a.getValue()[0] + " " + ANSWER) + "\n" + a.getValue()[1] + "\n";
            Path file = in.resolve(a.getKey()).resolve(WELCOME);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        }
        Grader grader = new Grader(kata, new Grader.Options("2 s", Duration.ofSeconds(60), "128m"));
        Path out = dir.resolve("gradebook");
        grades = new ClassGrader(grader).gradeAll(in, out).stream()
                .collect(Collectors.toMap(Grade::student, g -> g, (a, b) -> a, TreeMap::new));
        rows = Files.readAllLines(out.resolve("gradebook.csv"), StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            lookup-find-class | gradientkata.welcome.Welcome.derivative calls java.lang.invoke.MethodHandles$Lookup.findClass: reflection is not allowed in lesson code (method handles and lookups reach any class, member or memory); gradientkata.welcome.Welcome.derivative calls java.lang.invoke.MethodHandles.lookup: reflection is not allowed in lesson code (method handles and lookups reach any class, member or memory)
            lookup-find-virtual | gradientkata.welcome.Welcome.derivative calls java.lang.invoke.MethodHandles$Lookup.findVirtual: reflection is not allowed in lesson code (method handles and lookups reach any class, member or memory); gradientkata.welcome.Welcome.derivative calls java.lang.invoke.MethodHandles.publicLookup: reflection is not allowed in lesson code (method handles and lookups reach any class, member or memory); gradientkata.welcome.Welcome.derivative calls java.lang.invoke.MethodType.methodType: reflection is not allowed in lesson code (method handles and lookups reach any class, member or memory)
            lookup-find-constructor | gradientkata.welcome.Welcome.derivative calls java.lang.invoke.MethodHandles$Lookup.findConstructor: reflection is not allowed in lesson code (method handles and lookups reach any class, member or memory); gradientkata.welcome.Welcome.derivative calls java.lang.invoke.MethodHandles.publicLookup: reflection is not allowed in lesson code (method handles and lookups reach any class, member or memory); gradientkata.welcome.Welcome.derivative calls java.lang.invoke.MethodType.methodType: reflection is not allowed in lesson code (method handles and lookups reach any class, member or memory)
            private-lookup-unsafe | gradientkata.welcome.Welcome.derivative calls java.lang.invoke.MethodHandles.privateLookupIn: reflection is not allowed in lesson code (method handles and lookups reach any class, member or memory); gradientkata.welcome.Welcome.derivative uses sun.misc.Unsafe: lesson code does not use the JDK's internals (sun.misc.Unsafe reads and writes any memory)
            unsafe-directly | gradientkata.welcome.Welcome.derivative calls sun.misc.Unsafe.getUnsafe: lesson code does not use the JDK's internals (sun.misc.Unsafe reads and writes any memory)
            class-for-name | gradientkata.welcome.Welcome.derivative calls java.lang.Class.forName: reflection is not allowed in lesson code
            formatter-file | gradientkata.welcome.Welcome.derivative creates java.util.Formatter.<init>: lesson code does not read or write files (a Formatter can write to a file; use String.format)
            value-server | gradientkata.welcome.Welcome.derivative creates org.apache.commons.math3.random.ValueServer.<init>: lesson code does not read or write files (ValueServer reads a file or URL)
            empirical-load | gradientkata.welcome.Welcome.derivative calls org.apache.commons.math3.random.EmpiricalDistribution.load: lesson code does not read or write files (load reads a file or URL); gradientkata.welcome.Welcome.derivative uses java.net.URL: lesson code does not open connections
            arrays-parallel-set-all | gradientkata.welcome.Welcome.derivative calls java.util.Arrays.parallelSetAll: lesson code runs on one thread (Arrays.parallel* run on other threads)
            arrays-parallel-sort | gradientkata.welcome.Welcome.derivative calls java.util.Arrays.parallelSort: lesson code runs on one thread (Arrays.parallel* run on other threads)
            stream-support-parallel | gradientkata.welcome.Welcome.derivative calls java.util.stream.StreamSupport.stream: lesson code runs on one thread (StreamSupport can make a parallel stream; use Collection.stream or Arrays.stream)
            parallel-stream | gradientkata.welcome.Welcome.derivative calls java.util.List.parallelStream: lesson code runs on one thread (a parallel stream runs on other threads)
            stream-parallel | gradientkata.welcome.Welcome.derivative calls java.util.stream.DoubleStream.parallel: lesson code runs on one thread (a parallel stream runs on other threads)
            method-reference-smuggling | gradientkata.welcome.Welcome.derivative makes a method handle to java.lang.Runtime.getRuntime: lesson code does not control the JVM or start processes
            constructor-reference-smuggling | gradientkata.welcome.Welcome.derivative makes a method handle to java.lang.Thread.<init>: lesson code runs on one thread
            lambda-body | gradientkata.welcome.Welcome.derivative (a lambda in it) calls java.lang.System.exit: ending the JVM is not the lesson's to decide
            thread-subclass | gradientkata.welcome.Welcome.derivative calls gradientkata.welcome.Worker.start: lesson code runs on one thread; gradientkata.welcome.Worker extends java.lang.Thread: lesson code runs on one thread; gradientkata.welcome.Worker.<init> creates java.lang.Thread.<init>: lesson code runs on one thread
            classloader-subclass | gradientkata.welcome.Loader extends java.lang.ClassLoader: reflection is not allowed in lesson code; gradientkata.welcome.Loader.<init> creates java.lang.ClassLoader.<init>: reflection is not allowed in lesson code
            inherited-parallel-stream | gradientkata.welcome.Welcome.derivative calls gradientkata.welcome.Bag.parallelStream: lesson code runs on one thread (a parallel stream runs on other threads)
            declares-a-finalizer | gradientkata.welcome.Finalizing declares finalize: lesson code runs on one thread (the JVM runs finalizers on a thread of its own)
            waits-forever | gradientkata.welcome.Welcome.derivative calls java.lang.Object.wait: lesson code runs on one thread: waiting on a monitor can block forever; gradientkata.welcome.Welcome.derivative uses java.lang.InterruptedException: lesson code runs on one thread (only threads are interrupted)
            reads-the-environment | gradientkata.welcome.Welcome.derivative calls java.lang.System.getenv: lesson code does not read or change the environment
            reads-stdin | gradientkata.welcome.Welcome.derivative calls java.io.InputStream.read: lesson code does not read or write files; gradientkata.welcome.Welcome.derivative uses java.lang.System.in: lesson code does not read or change the environment
            reads-system-properties | gradientkata.welcome.Welcome.derivative calls java.lang.Integer.getInteger: lesson code does not read the JVM's system properties
            closes-stdout | gradientkata.welcome.Welcome.derivative calls java.io.PrintStream.close: lesson code does not read or write files
            executor | gradientkata.welcome.Welcome.derivative calls java.util.concurrent.ForkJoinPool.commonPool: lesson code runs on one thread; gradientkata.welcome.Welcome.derivative calls java.util.concurrent.ForkJoinPool.submit: lesson code runs on one thread
            """)
    @DisplayName("each attack on the code rules is rejected before it runs, with the class, method, member and why")
    void attackIsRejected(String student, String reason) {
        Grade grade = grades.get(student);
        assertThat(grade).as("every submission gets a row; %s has none", student).isNotNull();
        LessonGrade welcome = grade.lessons().get(0);
        assertThat(welcome.outcome()).as("%s: lesson 00 (%s)", student, welcome.reason()).isEqualTo(Outcome.REJECTED);
        assertThat(welcome.points()).isZero();
        assertThat(welcome.reason()).isEqualTo("not run, because the code " + reason);
        String row = rows.stream().filter(r -> r.startsWith("\"" + student + "\",")).findFirst().orElseThrow();
        String zeros = ",0".repeat(kata.lessons().size());
        int max = kata.lessons().stream().mapToInt(Lesson::points).sum();
        assertThat(row).as("the gradebook row of %s", student)
                .startsWith("\"" + student + "\"" + zeros + ",0," + max + ",\"00: rejected (not run, because the code " + reason + ")");
    }

    @Test
    @DisplayName("a bootstrap method javac does not emit is refused, even behind a lambda (bytecode patched after compiling)")
    void foreignBootstrapMethodIsRefused() {
        Lesson welcome = kata.lesson("00").orElseThrow();
        String source = "package gradientkata.welcome;\npublic final class Welcome {\n"
                + "    public static double derivative(double x) {\n"
                + "        java.util.function.DoubleUnaryOperator f = y -> Math.cos(y * y) * (2 * y);\n"
                + "        return f.applyAsDouble(x);\n    }\n}\n";
        var compiled = gradientkata.kata.engine.InMemoryCompiler.compile(Map.of("gradientkata/welcome/Welcome.java", source));
        assertThat(compiled.errors()).isEmpty();
        byte[] bytes = compiled.classes().get("gradientkata.welcome.Welcome");
        Engine.Compiled asCompiled = new Engine.Compiled(welcome, Map.of("gradientkata.welcome.Welcome", bytes),
                List.of("gradientkata.welcome.Welcome"), List.of(), List.of());
        assertThat(CodeRules.violations(asCompiled)).as("the lambda as javac emits it").isEmpty();
        // Same length, so the constant pool stays valid: the bootstrap method is now one javac never emits.
        byte[] patched = replaceAll(bytes, "metafactory", "metafactorz");
        Engine.Compiled smuggled = new Engine.Compiled(welcome, Map.of("gradientkata.welcome.Welcome", patched),
                List.of("gradientkata.welcome.Welcome"), List.of(), List.of());
        assertThat(CodeRules.violations(smuggled)).containsExactly("gradientkata.welcome.Welcome.derivative uses the bootstrap "
                + "method java.lang.invoke.LambdaMetafactory.metafactorz: lesson code may only use the bootstrap methods javac "
                + "emits (lambdas, string concatenation, records, switches)");
        byte[] handle = replaceAll(bytes, "java/lang/Math", "java/lang/Mat9");
        Engine.Compiled otherTarget = new Engine.Compiled(welcome, Map.of("gradientkata.welcome.Welcome", handle),
                List.of("gradientkata.welcome.Welcome"), List.of(), List.of());
        assertThat(CodeRules.violations(otherTarget)).containsExactly("gradientkata.welcome.Welcome.derivative (a lambda in it) "
                + "calls java.lang.Mat9.cos: not on the grader's list of what lesson code may use (numbers, maths, strings, "
                + "collections, streams, exceptions, Commons Math; see AllowedMembers)");
    }

    private static byte[] replaceAll(byte[] bytes, String from, String to) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        assertThat(text).contains(from);
        return text.replace(from, to).getBytes(StandardCharsets.ISO_8859_1);
    }

    static Stream<Named<Lesson>> lessons() {
        return Kata.current().lessons().stream().map(l -> Named.of(l.id(), l));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lessons")
    @DisplayName("the reference, every wrong version and every alternative solution keep to the code rules")
    void referenceWrongVersionsAndAlternativesKeepTheRules(Lesson lesson) throws IOException {
        Engine engine = new Engine(kata);
        Map<String, String> reference = engine.learnerFiles(lesson, kata.solutions());
        Map<String, Map<String, String>> versions = new LinkedHashMap<>();
        versions.put("the reference", reference);
        Path wrong = kata.wrongVersions(lesson);
        if (Files.isRegularFile(wrong)) {
            for (var v : WrongVersions.parse(Files.readString(wrong), kata.show(wrong))) {
                versions.put("wrong version " + v.name(), WrongVersions.apply(v, lesson, reference));
            }
        }
        for (var v : alternatives(lesson)) {
            versions.put("alternative " + v.name(), WrongVersions.apply(v, lesson, reference));
        }
        List<String> problems = new ArrayList<>();
        Engine.Compiled tests = engine.compileTests(lesson); // once: the rules look at the learner classes only
        versions.forEach((name, files) -> {
            Engine.Compiled compiled = engine.compileWith(tests, files);
            if (!compiled.ok()) {
                problems.add(name + " does not compile: " + compiled.errors());
            } else {
                CodeRules.violations(compiled).forEach(v -> problems.add(name + ": " + v));
            }
        });
        assertThat(problems).as("lesson %s: what the code rules refuse in code a student could write", lesson.number()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lessons")
    @DisplayName("every alternative solution is correct: it passes every check of its lesson")
    void alternativesPass(Lesson lesson) throws IOException {
        Engine engine = new Engine(kata);
        Map<String, String> reference = engine.learnerFiles(lesson, kata.solutions());
        List<String> problems = new ArrayList<>();
        for (var v : alternatives(lesson)) {
            Engine.Run run = engine.run(lesson, WrongVersions.apply(v, lesson, reference));
            if (!run.compiled() || run.results().isEmpty()) {
                problems.add(v.name() + " does not compile or runs no check");
            }
            run.failures().forEach(f -> problems.add(v.name() + " fails '" + f.name() + "': " + f.message()));
        }
        assertThat(problems).as("lesson %s's alternative solutions", lesson.number()).isEmpty();
    }

    /** The alternative solutions of a lesson: {@code src/test/alternatives/NN-slug.txt}, in the wrong versions' format. */
    static List<WrongVersions.WrongVersion> alternatives(Lesson lesson) throws IOException {
        Path file = Kata.current().root().resolve("src/test/alternatives").resolve(lesson.id() + ".txt");
        return Files.isRegularFile(file) ? WrongVersions.parse(Files.readString(file), file.toString()) : List.of();
    }

    @Test
    @DisplayName("every attack above has its expected row")
    void everyAttackIsListed() {
        assertThat(grades.keySet()).containsExactlyInAnyOrderElementsOf(ATTACKS.keySet());
    }
}
