package gradientkata.kata.grading;

import gradientkata.kata.Kata;
import gradientkata.kata.Lesson;
import gradientkata.kata.TestResult;
import static org.assertj.core.api.Assertions.assertThat;

import gradientkata.kata.grading.Grade.LessonGrade;
import gradientkata.kata.grading.Grade.Outcome;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a submission can do must not change its grade or anyone else's. One class of submissions,
 * each doing one bad thing in lesson 00 (the rest of lesson 00 and 01 being the reference
 * solution), graded in one batch; each test is one expected gradebook row.
 */
@DisplayName("The class grader and its fault corpus")
class GraderFaultCorpusTest {

    private static final String WELCOME = "src/main/java/gradientkata/welcome/Welcome.java";
    private static final String ANSWER = "return Math.cos(x * x) * (2 * x);";

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
        withWelcome(in, "busy-loop", "while (x == x) { x = x + 0.0; } " + ANSWER);
        withWelcome(in, "sleep-forever", "try { Thread.sleep(Long.MAX_VALUE); } catch (InterruptedException e) { } " + ANSWER);
        withWelcome(in, "system-exit", "System.exit(0); " + ANSWER);
        withWelcome(in, "runtime-halt", "Runtime.getRuntime().halt(1); " + ANSWER);
        withWelcome(in, "out-of-memory",
                "double[][] hog = new double[100000][]; for (int i = 0; i < hog.length; i++) hog[i] = new double[1 << 20]; " + ANSWER);
        withWelcome(in, "deep-recursion", "return derivative(x + 1);");
        withWelcome(in, "output-flood",
                "for (int i = 0; i < 200000; i++) System.out.println(\"flood flood flood flood flood flood\"); " + ANSWER);
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

        Grader grader = new Grader(kata, new Grader.Options("2 s", Duration.ofSeconds(60), "128m"));
        Path out = dir.resolve("gradebook");
        grades = new ClassGrader(grader).gradeAll(in, out).stream().collect(Collectors.toMap(Grade::student, g -> g, (a, b) -> a, TreeMap::new));
        csv = Files.readString(out.resolve("gradebook.csv"));
    }

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
        "prints-fake-results", "changes-the-signature", "shadows-a-test-class", "edits-everything-but-its-code", "missing-lesson"})
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

    @Test
    @DisplayName("a lesson that outlives the hard limit is killed with its JVM, and the next lesson runs in a fresh one")
    void unstoppableLessonIsKilled() throws Exception {
        Path in = Files.createDirectories(dir.resolve("unstoppable"));
        withWelcome(in, "loops-forever", "while (x == x) { x = x + 0.0; } " + ANSWER);
        // No per-check limit to speak of: only the parent's hard limit can stop this child.
        Grader grader = new Grader(kata, new Grader.Options("600 s", Duration.ofSeconds(3), "128m"));
        Path work = Files.createDirectories(dir.resolve("unstoppable-work"));
        Grade grade = grader.grade("loops-forever", in.resolve("loops-forever"), work);
        LessonGrade welcome = grade.lessons().get(0);
        assertThat(welcome.outcome()).as("lesson 00 (%s)", welcome.reason()).isEqualTo(Outcome.TIMEOUT);
        assertThat(welcome.reason()).contains("was stopped");
        assertThat(grade.lessons().get(1).outcome()).as("lesson 01 runs in a fresh JVM after the kill")
                .isIn(Outcome.GRADED, Outcome.TIMEOUT);
    }

    @Test
    @DisplayName("a deep recursion fails that lesson's checks as errors; the run goes on")
    void deepRecursionIsAnError() {
        LessonGrade welcome = grades.get("deep-recursion").lessons().get(0);
        assertThat(welcome.checks()).isNotEmpty().allMatch(c -> c.status() == TestResult.Status.ERROR);
        assertThat(welcome.checks().get(0).message()).contains("StackOverflowError");
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

    private static void withWelcome(Path parent, String student, String body) throws IOException {
        Path root = solved(parent, student);
        String welcome = Files.readString(root.resolve(WELCOME));
        assertThat(welcome).contains(ANSWER);
        write(root, WELCOME, welcome.replace(ANSWER, body));
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
