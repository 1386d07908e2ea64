package gradientkata.kata.grading;

import gradientkata.kata.FileTrees;
import gradientkata.kata.Kata;
import gradientkata.kata.Lesson;
import gradientkata.kata.TestResult;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gradientkata.kata.grading.Grade.LessonGrade;
import gradientkata.kata.grading.Grade.Outcome;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a submission can do must not change its grade or anyone else's. One class of submissions,
 * each doing one bad thing in lesson 00 (the rest of lesson 00 and 01 being the reference
 * solution), graded in one batch; each test is one expected gradebook row.
 */
@DisplayName("The class grader and its fault corpus")
@Order(2)
class GraderFaultCorpusTest {

    private static final String WELCOME = "src/main/java/gradientkata/welcome/Welcome.java";
    /** The whole body of the reference's Welcome.derivative: each faulty submission replaces it or runs it after its fault. */
    private static final String ANSWER = welcomeBody();

    @TempDir
    static Path dir;
    static Map<String, Grade> grades;
    static String csv;
    static Kata kata;

    @BeforeAll
    static void gradeTheClass() throws Exception {
        kata = Kata.current();
        Path in = Files.createDirectories(dir.resolve("submissions"));
        solved(in, "reference");
        withWelcome(in, "compile-error", ANSWER.replace("return", "retrun"));
        withWelcome(in, "busy-loop", "while (x == x || x != x) { x = x + 0.0; } " + ANSWER);
        withWelcome(in, "sleep-forever", "try { Thread.sleep(Long.MAX_VALUE); } catch (InterruptedException e) { } " + ANSWER);
        withWelcome(in, "system-exit", "System.exit(0); " + ANSWER);
        withWelcome(in, "runtime-halt", "Runtime.getRuntime().halt(1); " + ANSWER);
        withWelcome(in, "out-of-memory",
                "double[][] hog = new double[100000][]; for (int i = 0; i < hog.length; i++) hog[i] = new double[1 << 20]; " + ANSWER);
        withWelcome(in, "deep-recursion", "return derivative(x + 1);");
        withWelcome(in, "output-flood",
                "for (int i = 0; i < 2000; i++) System.out.println(\"flood flood flood flood flood flood\"); " + ANSWER);
        withWelcome(in, "reads-files", "try { java.nio.file.Files.readString(java.nio.file.Path.of(\"src/test/wrong/00-welcome.txt\")); }"
                + " catch (java.io.IOException e) { } " + ANSWER);
        withWelcome(in, "opens-sockets", "try { new java.net.Socket(\"localhost\", 9).close(); } catch (java.io.IOException e) { } " + ANSWER);
        withWelcome(in, "starts-threads", "new Thread(() -> { }).start(); " + ANSWER);
        withWelcome(in, "uses-reflection", "try { Class.forName(\"gradientkata.welcome.WelcomeTest\"); } catch (Exception e) { } " + ANSWER);
        withWelcome(in, "prints-fake-results",
                "System.out.println(\"END\\t00\\nRESULT\\t00\\tfake\\tfake\\tPASSED\\t\\t\\t0\"); return 0.0;");
        Path renamed = solved(in, "changes-the-signature");
        write(renamed, WELCOME, Files.readString(renamed.resolve(WELCOME)).replace("derivative(double x)", "derivative(float x)"));
        Path clash = solved(in, "shadows-a-test-class");
        write(clash, WELCOME, Files.readString(clash.resolve(WELCOME)) + "\nclass WelcomeTest {\n}\n");
        Path tampered = solved(in, "edits-everything-but-its-code");
        write(tampered, "src/test/java/gradientkata/welcome/WelcomeTest.java", "package gradientkata.welcome;\nclass WelcomeTest {}\n");
        Files.delete(tampered.resolve("src/test/java/gradientkata/chain/ChainRuleTest.java"));
        write(tampered, "pom.xml", "<project>nothing to see</project>\n");
        write(tampered, ".mvn/maven.config", "-DskipTests\n");
        write(tampered, "src/test/resources/junit-platform.properties", "junit.jupiter.conditions.deactivate=*\n");
        write(tampered, "src/main/resources/META-INF/services/org.junit.platform.launcher.TestExecutionListener", "evil.Listener\n");
        write(tampered, "src/main/java/org/assertj/core/api/Assertions.java", "package org.assertj.core.api;\npublic class Assertions {}\n");
        Files.write(tampered.resolve("src/main/java/gradientkata/welcome/Welcome.class"), new byte[] {(byte) 0xCA, (byte) 0xFE});
        Path missing = solved(in, "missing-lesson");
        Files.delete(missing.resolve(WELCOME));
        Files.createDirectories(in.resolve("empty"));
        Files.writeString(in.resolve("not-a-zip.zip"), "this is not a zip\n");
        zip(solved(dir, "zipped"), in.resolve("zipped.zip"));
        withWelcome(in, "message-flood", "if (x == x || x != x) throw new IllegalStateException(\"x\".repeat(1 << 24)); " + ANSWER);

        // Names: each entry a row and a folder of its own, whatever it is called.
        solved(in, "newline\nin-name");
        solved(in, ".dot-name");
        solved(in, "x");
        zip(withWelcome(dir, "x-zipped", ANSWER.replace("return", "retrun")), in.resolve("x.zip"));
        solved(in, "gradebook.csv");
        solved(in, "=HYPERLINK(\"evil\")");
        solved(in, "+1");
        solved(in, "-2");
        solved(in, "@SUM(A1)");

        // Links and zip names: nothing outside the submission is read.
        Path linked = Files.createDirectories(in.resolve("links-to-solutions/src/main/java/gradientkata"));
        Files.createDirectories(linked.resolve("welcome"));
        Files.createSymbolicLink(linked.resolve("welcome/Welcome.java"), kata.solutions().resolve("gradientkata/welcome/Welcome.java"));
        Files.createSymbolicLink(linked.resolve("chain"), kata.solutions().resolve("gradientkata/chain"));
        Files.createSymbolicLink(in.resolve("linked-submission"), solved(dir, "link-target"));
        Files.writeString(dir.resolve("outside-secret.txt"), "not the grader's to read\n");
        zipSlip(solved(dir, "zip-slip-source"), in.resolve("zip-slip.zip"));

        kataBefore = Fingerprints.fingerprints(kata.root());
        Grader grader = new Grader(kata, new Grader.Options("2 s", Duration.ofSeconds(60), "256m"));
        out = dir.resolve("gradebook");
        grades = new ClassGrader(grader).gradeAll(in, out).stream().collect(Collectors.toMap(Grade::student, g -> g, (a, b) -> a, TreeMap::new));
        csv = Files.readString(out.resolve("gradebook.csv"));
        sandbox = grader.sandbox();
    }

    static Path out;
    static Map<String, String> kataBefore;
    static Sandbox.Status sandbox;

    @ParameterizedTest(name = "{0}: lesson 00 is {1} with {2} points")
    @CsvSource(delimiter = '|', textBlock = """
            reference                     | graded        | 5 | ''
            zipped                        | graded        | 5 | ''
            compile-error                 | compile error | 0 | Welcome.java:
            busy-loop                     | graded        | 0 | ''
            sleep-forever                 | rejected      | 0 | java.lang.Thread
            system-exit                   | rejected      | 0 | System.exit
            runtime-halt                  | rejected      | 0 | java.lang.Runtime
            out-of-memory                 | crashed       | 0 | ran out of memory
            deep-recursion                | graded        | 0 | ''
            output-flood                  | graded        | 5 | ''
            reads-files                   | rejected      | 0 | files
            opens-sockets                 | rejected      | 0 | connections
            starts-threads                | rejected      | 0 | one thread
            uses-reflection               | rejected      | 0 | reflection
            prints-fake-results           | graded        | 0 | ''
            changes-the-signature         | compile error | 0 | changed or removed
            shadows-a-test-class          | compile error | 0 | a name the lesson's tests use
            edits-everything-but-its-code | graded        | 5 | ''
            missing-lesson                | missing       | 0 | none of the lesson's files
            empty                         | missing       | 0 | empty
            not-a-zip                     | missing       | 0 | not a zip file
            message-flood                 | graded        | 0 | ''
            .dot-name                     | graded        | 5 | ''
            x                             | graded        | 5 | ''
            x.zip                         | compile error | 0 | Welcome.java:
            gradebook.csv                 | graded        | 5 | ''
            links-to-solutions            | missing       | 0 | the submission is empty (but for what the grader refused to read)
            linked-submission             | missing       | 0 | symbolic link
            zip-slip                      | missing       | 0 | none of the lesson's files
            """)
    @DisplayName("each submission's lesson 00 row, whatever it did")
    void lessonZeroRow(String student, String outcome, double points, String reason) {
        Grade grade = grades.get(student);
        assertThat(grade).as("every submission gets a row; %s has none", student).isNotNull();
        LessonGrade welcome = grade.lessons().get(0);
        assertThat(welcome.outcome().label()).as("%s: lesson 00's outcome (reason: %s)", student, welcome.reason()).isEqualTo(outcome);
        assertThat(welcome.points()).as("%s: lesson 00's points", student).isEqualTo(points);
        assertThat(welcome.reason()).as("%s: why lesson 00 was not graded normally", student).contains(reason);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"reference", "zipped", "compile-error", "busy-loop", "sleep-forever", "system-exit", "runtime-halt",
        "out-of-memory", "deep-recursion", "output-flood", "reads-files", "opens-sockets", "starts-threads", "uses-reflection",
        "prints-fake-results", "changes-the-signature", "shadows-a-test-class", "edits-everything-but-its-code", "missing-lesson",
        "message-flood", ".dot-name", "x", "x.zip", "gradebook.csv", "zip-slip"})
    @DisplayName("whatever lesson 00 did, lesson 01 is still graded in full, and lessons not handed in score zero")
    void otherLessonsUnaffected(String student) {
        List<LessonGrade> lessons = grades.get(student).lessons();
        LessonGrade chain = lessons.get(1);
        assertThat(chain.outcome()).as("%s: lesson 01 (%s)", student, chain.reason()).isEqualTo(Outcome.GRADED);
        assertThat(chain.points()).as("%s: lesson 01's points", student).isEqualTo(chain.max());
        lessons.stream().skip(2).forEach(l -> assertThat(l.outcome()).as("%s: lesson %s", student, l.lesson().number())
                .isEqualTo(Outcome.MISSING));
    }

    @Test
    @DisplayName("an empty folder and a file that is not a zip still get a row of zeros with the reason")
    void brokenSubmissionsGetRowsOfZeros() {
        for (String student : List.of("empty", "not-a-zip")) {
            assertThat(grades.get(student).points()).as(student).isZero();
            assertThat(grades.get(student).lessons()).as(student).allMatch(l -> l.outcome() == Outcome.MISSING);
        }
        assertThat(csv.lines().count()).as("a header and one row per submission").isEqualTo(1 + grades.size());
        assertThat(csv).contains("\"not-a-zip\",0,0").contains("not a zip file");
    }

    @Test
    @DisplayName("edited tests, build files, resources, shadow classes and class files are ignored, and listed as ignored")
    void tamperingIsIgnoredAndListed() {
        List<String> ignored = grades.get("edits-everything-but-its-code").ignored();
        assertThat(ignored).anyMatch(i -> i.startsWith("src/test/java/gradientkata/welcome/WelcomeTest.java (differs"))
                .anyMatch(i -> i.startsWith("pom.xml (differs"))
                .anyMatch(i -> i.startsWith(".mvn/maven.config (")) // the kata ships one (the quiet screen): "differs"
                .anyMatch(i -> i.startsWith("src/test/resources/junit-platform.properties (")) // shipped since the time limit moved there: "differs"
                .anyMatch(i -> i.startsWith("src/main/resources/META-INF/services/"))
                .anyMatch(i -> i.startsWith("src/main/java/org/assertj/core/api/Assertions.java (not part"))
                .anyMatch(i -> i.startsWith("src/main/java/gradientkata/welcome/Welcome.class (not part"));
        assertThat(grades.get("edits-everything-but-its-code").points()).isEqualTo(15.0);
        assertThat(grades.get("reference").ignored()).isEmpty();
    }

    @Test
    @DisplayName("a busy loop costs each check its time limit, and the checks count as timeouts")
    void busyLoopTimesOut() {
        LessonGrade welcome = grades.get("busy-loop").lessons().get(0);
        assertThat(welcome.checks()).isNotEmpty().allMatch(c -> c.status() == TestResult.Status.TIMEOUT);
    }

    /** Nested conditionals as arguments of a generic method: javac's work doubles with each level; 12 levels is minutes. */
    static String genericBomb() {
        String inner = "1.0";
        for (int i = 0; i < 12; i++) {
            inner = "id(b ? " + inner + " : id(1.0))";
        }
        return "static <T> T id(T t) { return t; }\n    static Object bomb(boolean b) { return " + inner + "; }\n";
    }

    @Test
    @DisplayName("a compile that never ends and a lesson that outlives the hard limit are both stopped at the lesson limit;"
            + " the next lesson runs in a fresh JVM")
    void hardLimitsStopCompilingAndRunning() throws Exception {
        Path in = Files.createDirectories(dir.resolve("unstoppable"));
        withWelcome(in, "loops-forever", "while (x == x || x != x) { x = x + 0.0; } " + ANSWER);
        Path bomb = solved(in, "generic-bomb");
        String welcome = Files.readString(bomb.resolve(WELCOME));
        write(bomb, WELCOME, welcome.substring(0, welcome.lastIndexOf('}')) + genericBomb() + "}\n");
        assertThat(Files.size(bomb.resolve(WELCOME))).as("the bomb is small").isLessThan(4096);
        // No per-check limit to speak of: only the parent's hard limit can stop these children. The limit leaves
        // lesson 01 (a compile and its checks in a fresh JVM) room while other test classes share the machine.
        Grader grader = new Grader(kata, new Grader.Options("600 s", Duration.ofSeconds(20), "128m"));
        Path book = dir.resolve("unstoppable-gradebook");
        Map<String, Grade> limited = new ClassGrader(grader).gradeAll(in, book).stream()
                .collect(Collectors.toMap(Grade::student, g -> g));
        String rows = Files.readString(book.resolve("gradebook.csv"));

        LessonGrade loops = limited.get("loops-forever").lessons().get(0);
        assertThat(loops.outcome()).as("lesson 00 (%s)", loops.reason()).isEqualTo(Outcome.TIMEOUT);
        assertThat(loops.reason()).isEqualTo("the lesson ran longer than 20 s and was stopped");
        LessonGrade bombed = limited.get("generic-bomb").lessons().get(0);
        assertThat(bombed.outcome()).as("lesson 00 (%s)", bombed.reason()).isEqualTo(Outcome.TIMEOUT);
        assertThat(bombed.reason()).isEqualTo("compiling the lesson took longer than 20 s (the compile limit) and was stopped");
        assertThat(rows).contains("\"generic-bomb\",0,10,").contains("\"loops-forever\",0,");
        for (Grade g : limited.values()) {
            assertThat(g.lessons().get(1).outcome()).as("%s: lesson 01 runs in a fresh JVM after the kill", g.student())
                    .isIn(Outcome.GRADED, Outcome.TIMEOUT);
        }
        assertThat(limited.get("generic-bomb").lessons().get(1).outcome()).isEqualTo(Outcome.GRADED);
    }

    @Test
    @DisplayName("a deep recursion fails that lesson's checks as errors; the run goes on")
    void deepRecursionIsAnError() {
        LessonGrade welcome = grades.get("deep-recursion").lessons().get(0);
        // a check that expects an IllegalArgumentException reports the StackOverflowError as a failure, not an error
        assertThat(welcome.checks()).isNotEmpty().noneMatch(c -> c.status() == TestResult.Status.PASSED)
                .anyMatch(c -> c.status() == TestResult.Status.ERROR);
        assertThat(welcome.checks()).allMatch(c -> c.message().contains("StackOverflowError"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            reference                        | reference                    | "reference",5,10,
            newline in a name                | newline⏎in-name              | "newline\\nin-name",5,10,
            a name starting with a dot       | .dot-name                    | ".dot-name",5,10,
            a folder x                       | x                            | "x",5,10,
            a zip x.zip beside the folder x  | x.zip                        | "x.zip",0,10,
            a student named gradebook.csv    | gradebook.csv                | "gradebook.csv",5,10,
            a formula                        | `=HYPERLINK("evil")`         | "'=HYPERLINK(""evil"")",5,10,
            a plus                           | +1                           | "'+1",5,10,
            a minus                          | -2                           | "'-2",5,10,
            an at sign                       | @SUM(A1)                     | "'@SUM(A1)",5,10,
            links to the kata's solutions    | links-to-solutions           | "links-to-solutions",0,0,
            a link as the submission         | linked-submission            | "linked-submission",0,0,
            zip entries climbing out         | zip-slip                     | "zip-slip",0,10,
            """)
    @DisplayName("every entry is one gradebook row of its own, its name shown as it is, never as a formula or a second line")
    void gradebookRow(String what, String name, String rowStart) {
        String student = name.replace("⏎", "\n");
        List<String> rows = csv.lines().filter(l -> l.startsWith(rowStart)).toList();
        assertThat(rows).as("%s: exactly one gradebook row starts with %s; the gradebook is%n%s", what, rowStart, csv).hasSize(1);
        assertThat(grades).as("%s: a grade for %s", what, student).containsKey(student);
    }

    @Test
    @DisplayName("the gradebook is one header and one line per entry, and each student's reports are in a folder of their own")
    void foldersAndRows() throws IOException {
        assertThat(csv.lines().count()).as("a header and one line per submission").isEqualTo(1 + grades.size());
        assertThat(Files.isRegularFile(out.resolve("gradebook.csv"))).isTrue();
        for (String folder : List.of("x", "x.zip", "_gradebook.csv", "_.dot-name", "newline_in-name", "_HYPERLINK__evil__",
                "_1", "-2", "_SUM_A1_", "reference")) {
            assertThat(out.resolve(folder).resolve("grade.json")).as("the reports of one student in %s", folder).isRegularFile();
        }
        try (Stream<Path> list = Files.list(out)) {
            assertThat(list.filter(Files::isDirectory).count()).as("one report folder per student").isEqualTo(grades.size());
        }
        assertThat(Files.readString(out.resolve("x.zip/grade.json"))).contains("\"student\":\"x.zip\"");
        assertThat(Files.readString(out.resolve("x/grade.json"))).contains("\"student\":\"x\"");
    }

    @Test
    @DisplayName("links are not followed and zip names that climb out are not read: both are listed as refused")
    void linksAndZipNamesAreRefused() {
        assertThat(grades.get("links-to-solutions").ignored())
                .anyMatch(i -> i.startsWith("src/main/java/gradientkata/welcome/Welcome.java (a symbolic link"))
                .anyMatch(i -> i.startsWith("src/main/java/gradientkata/chain (a symbolic link"));
        assertThat(grades.get("links-to-solutions").points()).isZero();
        List<String> slip = grades.get("zip-slip").ignored();
        for (String name : List.of("../outside-secret.txt", "my-kata/../../outside-secret.txt", "/etc/passwd", "C:/Windows/win.ini",
                "my-kata\\src\\main\\java\\gradientkata\\welcome\\Welcome.java")) {
            assertThat(slip).as("the zip entry %s", name).anyMatch(i -> i.startsWith(name + " (a zip entry name") && i.endsWith("not read)"));
        }
    }

    @Test
    @DisplayName("a 16 MiB message from each of lesson 00's checks reaches the report cut to a few thousand characters")
    void messageFloodIsTruncated() {
        LessonGrade welcome = grades.get("message-flood").lessons().get(0);
        assertThat(welcome.checks()).isNotEmpty()
                .allMatch(c -> c.status() == TestResult.Status.ERROR || c.status() == TestResult.Status.FAILED);
        assertThat(welcome.checks()).allMatch(c -> c.message().length() < Grade.MESSAGE_LIMIT + 100);
    }

    @Test
    @DisplayName("grading the class changed nothing of the kata's tree, and every report says what contained learner code")
    void nothingOutsideChanged() {
        assertThat(Fingerprints.fingerprints(kata.root())).as("the kata's fingerprints after grading").isEqualTo(kataBefore);
        assertThat(grades.values()).allMatch(g -> g.sandbox().equals(sandbox.note()));
        assertThat(csv.contains("graded without the OS sandbox")).as("the gradebook's notes say when there was no sandbox")
                .isEqualTo(!sandbox.active());
    }

    /**
     * Learner code that got past the bytecode rules, as a child of its own: reads, writes, connects
     * and starts a process, and says for each whether it worked.
     */
    public static final class Escape {
        public static void main(String[] args) {
            Path kataFile = Path.of(args[0]);
            Path report = Path.of(args[1]);
            int port = Integer.parseInt(args[2]);
            String marker = args[3];
            attempt("read-kata", () -> Files.readString(kataFile));
            attempt("write-kata", () -> Files.writeString(kataFile.resolveSibling(marker), "escaped"));
            attempt("read-report", () -> Files.readString(report));
            attempt("write-report", () -> Files.writeString(report, "forged"));
            attempt("read-passwd", () -> Files.readString(Path.of("/etc/passwd")));
            attempt("read-maven-settings", () -> Files.list(Path.of(System.getProperty("user.home"), ".m2")).count());
            attempt("connect", () -> {
                new java.net.Socket("127.0.0.1", port).close();
                return null;
            });
            attempt("write-tmp", () -> Files.writeString(Path.of("/tmp", marker), "inside only"));
            attempt("process", () -> new ProcessBuilder("/bin/sh", "-c", "echo > /tmp/" + marker + "-sh").start().waitFor() == 0 ? 1 : null);
            attempt("big-file", () -> Files.write(Path.of("big-file"), new byte[32 << 20]));
            try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
                System.out.println("processes " + procs.filter(p -> p.getFileName().toString().matches("\\d+")).count());
            } catch (IOException e) {
                System.out.println("processes unknown");
            }
        }

        private static void attempt(String what, java.util.concurrent.Callable<?> action) {
            try {
                System.out.println(what + (action.call() == null && what.equals("process") ? " blocked" : " ALLOWED"));
            } catch (Throwable e) {
                System.out.println(what + " blocked (" + e.getClass().getSimpleName() + ")");
            }
        }
    }

    /** The real child, with bytes pushed into its results pipe the way learner code could: lines without the run's secret. */
    public static final class Forger {
        public static void main(String[] args) throws Exception {
            java.io.OutputStream pipe = new java.io.FileOutputStream("/proc/self/fd/1");
            pipe.write("COMPILE\t00\nACCEPTED\t00\nSTART\t00\nEND\t00\n0123456789abcdef0123456789abcdef\tEND\t00\n"
                    .getBytes(StandardCharsets.UTF_8));
            pipe.flush();
            GradeWorker.main(args);
        }
    }

    /** The real child, after 64 MiB pushed into its results pipe. */
    public static final class Flooder {
        public static void main(String[] args) throws Exception {
            java.io.OutputStream pipe = new java.io.FileOutputStream("/proc/self/fd/1");
            byte[] junk = new byte[1 << 20];
            java.util.Arrays.fill(junk, (byte) 'x');
            for (int i = 0; i < 64; i++) {
                pipe.write(junk);
            }
            GradeWorker.main(args);
        }
    }

    @Test
    @DisplayName("learner code that got past the bytecode rules still cannot read or write the kata, other reports, /etc,"
            + " the network or the real /tmp inside the OS sandbox")
    void sandboxContainsWhatTheRulesMissed() throws Exception {
        if (!sandbox.active()) {
            assertThat(System.getenv("KATA_REQUIRE_SANDBOX")).as("CI has bubblewrap, so the sandbox must work: %s", sandbox.note()).isNull();
            Assumptions.abort("no OS sandbox on this machine, so nothing to test here: " + sandbox.note());
        }
        String marker = "kata-escape-" + System.nanoTime();
        Path report = out.resolve("reference/grade.json");
        String reportBefore = Files.readString(report);
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(300);
            String classPath = Grader.childClassPath();
            List<String> java = List.of(Sandbox.javaBinary(), "-Xmx64m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classPath,
                    Escape.class.getName(), kata.root().resolve("pom.xml").toString(), report.toString(),
                    Integer.toString(server.getLocalPort()), marker);
            Process p = new ProcessBuilder(Sandbox.wrap(java, Map.of(), classPath)).redirectErrorStream(true).start();
            String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            // A kata under /tmp (a clone made there) sits, inside the sandbox, in the sandbox's private /tmp: writing
            // beside it then succeeds but reaches nothing outside; that the host's kata folder got no file is checked below.
            boolean kataInPrivateTmp = kata.root().toAbsolutePath().startsWith("/tmp");
            assertThat(said).as("what the escape attempts said").contains(kataInPrivateTmp ? "write-kata" : "write-kata blocked");
            assertThat(said).as("what the escape attempts said").contains("read-kata blocked", "read-report blocked",
                    "write-report blocked", "read-passwd blocked", "read-maven-settings blocked", "connect blocked", "big-file blocked",
                    "write-tmp ALLOWED", "process ALLOWED");
            Matcher processes = Pattern.compile("processes (\\d+)").matcher(said);
            assertThat(processes.find()).as(said).isTrue();
            assertThat(Integer.parseInt(processes.group(1))).as("processes the sandbox sees: its own only").isLessThan(5);
            assertThatThrownBy(server::accept).as("no connection reached the grader's machine").isInstanceOf(SocketTimeoutException.class);
        }
        assertThat(Path.of("/tmp", marker)).as("the sandbox's /tmp is its own").doesNotExist();
        assertThat(Path.of("/tmp", marker + "-sh")).as("the sandbox's /tmp is its own").doesNotExist();
        assertThat(kata.root().resolve(marker)).doesNotExist();
        assertThat(Files.readString(report)).as("another student's report").isEqualTo(reportBefore);
        assertThat(Fingerprints.fingerprints(kata.root())).isEqualTo(kataBefore);
    }

    @Test
    @DisplayName("bytes pushed into the results pipe without the run's secret are dropped, and 64 MiB of them stop the child")
    void resultsChannelCannotBeForged() throws Exception {
        Path in = Files.createDirectories(dir.resolve("forger"));
        Path student = withWelcome(in, "forges", ANSWER.replace("return", "retrun"));
        Grader forged = new Grader(kata, new Grader.Options("2 s", Duration.ofSeconds(60), "128m"));
        forged.worker = Forger.class.getName();
        Grade grade = forged.grade("forges", student, Files.createDirectories(dir.resolve("forger-work")));
        assertThat(grade.lessons().get(0).outcome()).as("lesson 00 did not compile, whatever the pipe said: %s",
                grade.lessons().get(0).reason()).isEqualTo(Outcome.COMPILE_ERROR);
        assertThat(grade.lessons().get(1).outcome()).as("lesson 01").isEqualTo(Outcome.GRADED);
        assertThat(grade.points()).isEqualTo(10.0);

        Grader flooded = new Grader(kata, new Grader.Options("2 s", Duration.ofSeconds(60), "128m"));
        flooded.worker = Flooder.class.getName();
        Grade drowned = flooded.grade("floods", student, Files.createDirectories(dir.resolve("flooder-work")));
        assertThat(drowned.lessons().subList(0, 2)).allSatisfy(l -> {
            assertThat(l.outcome()).isEqualTo(Outcome.CRASHED);
            assertThat(l.reason()).startsWith("the child JVM flooded the grader's results channel");
        });
        assertThat(drowned.points()).isZero();
    }

    private static Path solved(Path parent, String student) throws IOException {
        Path root = parent.resolve(student);
        for (Lesson lesson : List.of(kata.lesson("00").orElseThrow(), kata.lesson("01").orElseThrow())) {
            for (String path : lesson.sourcePaths()) {
                write(root, "src/main/java/" + path, Files.readString(kata.solutions().resolve(path)));
            }
        }
        for (String shipped : List.of("pom.xml", "src/test/java/gradientkata/welcome/WelcomeTest.java",
                "src/test/java/gradientkata/chain/ChainRuleTest.java")) {
            write(root, shipped, Files.readString(kata.root().resolve(shipped)));
        }
        return root;
    }

    static String welcomeBody() {
        String solution = FileTrees.read(Kata.current().root().resolve("solutions/gradientkata/welcome/Welcome.java"));
        int start = solution.indexOf('\n', solution.indexOf("public static double derivative(double x) {")) + 1;
        return solution.substring(start, solution.indexOf("\n    }\n", start)).strip();
    }

    private static Path withWelcome(Path parent, String student, String body) throws IOException {
        Path root = solved(parent, student);
        String welcome = Files.readString(root.resolve(WELCOME));
        assertThat(welcome).contains(ANSWER);
        write(root, WELCOME, welcome.replace(ANSWER, body));
        return root;
    }

    /** Lesson 01 under sound names; lesson 00 only under names that climb out, are absolute or use a drive or backslashes. */
    private static void zipSlip(Path folder, Path zipFile) throws IOException {
        try (OutputStream file = Files.newOutputStream(zipFile); ZipOutputStream zip = new ZipOutputStream(file)) {
            for (String path : kata.lesson("01").orElseThrow().sourcePaths()) {
                entry(zip, "my-kata/src/main/java/" + path, Files.readString(folder.resolve("src/main/java/" + path)));
            }
            String welcome = Files.readString(folder.resolve(WELCOME));
            entry(zip, "../outside-secret.txt", "x");
            entry(zip, "my-kata/../../outside-secret.txt", "x");
            entry(zip, "/etc/passwd", "x");
            entry(zip, "C:/Windows/win.ini", "x");
            entry(zip, "my-kata\\src\\main\\java\\gradientkata\\welcome\\Welcome.java", welcome);
            entry(zip, "my-kata/src/main/java/../java/gradientkata/welcome/Welcome.java", welcome);
        }
    }

    private static void entry(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private static void write(Path root, String relative, String text) throws IOException {
        Files.createDirectories(root.resolve(relative).getParent());
        Files.writeString(root.resolve(relative), text, StandardCharsets.UTF_8);
    }

    private static void zip(Path folder, Path zipFile) throws IOException {
        try (OutputStream file = Files.newOutputStream(zipFile); ZipOutputStream zip = new ZipOutputStream(file);
             Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                zip.putNextEntry(new ZipEntry("my-kata/" + folder.relativize(p).toString().replace('\\', '/')));
                zip.write(Files.readAllBytes(p));
                zip.closeEntry();
            }
        }
    }
}
