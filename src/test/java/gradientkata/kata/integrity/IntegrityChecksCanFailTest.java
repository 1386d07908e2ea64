package gradientkata.kata.integrity;

import gradientkata.kata.Kata;
import gradientkata.kata.Lesson;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each integrity check, seen to fail once when its rule is broken: a check that cannot fail
 * proves nothing. Every test breaks one rule in a copy of the kata (lesson 00, the smallest) and
 * expects the matching check to name the problem.
 */
@DisplayName("Each integrity check fails when its rule is broken")
class IntegrityChecksCanFailTest {

    private static final String SCAFFOLD = "src/main/java/gradientkata/welcome/Welcome.java";
    private static final String SOLUTION = "solutions/gradientkata/welcome/Welcome.java";
    private static final String TESTS = "src/test/java/gradientkata/welcome/WelcomeTest.java";
    private static final String WRONG = "src/test/wrong/00-welcome.txt";
    private static final String ANSWER = "return cosine * (2 * x);";

    @TempDir
    Path dir;
    private KataCopy copy;

    @BeforeEach
    void copyTheKata() {
        copy = KataCopy.of(Kata.current(), dir);
    }

    private Lesson welcome() {
        return copy.kata().lesson("00").orElseThrow();
    }

    private Integrity integrity() {
        return new Integrity(copy.kata());
    }

    @Test
    @DisplayName("the copy itself is sound, so each problem below comes from the one rule broken")
    void theUntouchedCopyIsSound() {
        Integrity integrity = integrity();
        assertThat(integrity.referencePasses(welcome())).isEmpty();
        assertThat(integrity.scaffoldFailsEveryCheck(welcome())).isEmpty();
        assertThat(integrity.scaffoldMatchesSolution(welcome())).isEmpty();
        assertThat(integrity.wrongVersionsRejected(welcome())).isEmpty();
        assertThat(integrity.materialsPresent(welcome())).isEmpty();
        assertThat(integrity.everyFileBelongsToALesson()).isEmpty();
        assertThat(integrity.manifestIsCurrent()).isEmpty();
    }

    @Test
    @DisplayName("a test changed without refreshing the fingerprints is caught, and so is an added resource")
    void staleManifest() {
        copy.replace(TESTS, "class WelcomeTest {", "class WelcomeTest {\n    // changed\n");
        copy.write("src/test/resources/junit-platform.properties", "junit.jupiter.conditions.deactivate=*\n");
        copy.write("src/test/resources/META-INF/services/org.junit.jupiter.api.extension.Extension", "p.Always\n");
        assertThat(integrity().manifestIsCurrent())
                .anyMatch(p -> p.contains("changed: " + TESTS))
                .anyMatch(p -> p.contains("changed: src/test/resources/junit-platform.properties"))
                .anyMatch(p -> p.contains("added: src/test/resources/META-INF/services/org.junit.jupiter.api.extension.Extension"));
    }

    @Test
    @DisplayName("a reference solution with a bug is caught")
    void buggyReference() {
        copy.replace(SOLUTION, ANSWER, "return cosine;");
        assertThat(integrity().referencePasses(welcome())).anyMatch(p -> p.contains("the reference solution fails"));
    }

    @Test
    @DisplayName("a reference that uses what the grader forbids (here, a file) is caught")
    void referenceBreakingTheCodeRules() {
        copy.replace(SOLUTION, ANSWER, "new java.io.File(\"x\").exists();\n        " + ANSWER);
        assertThat(integrity().referencePasses(welcome())).anyMatch(p -> p.contains("code rules") && p.contains("java.io.File"));
    }

    @Test
    @DisplayName("a scaffold whose Javadoc drifted from its solution's is caught, and the scaffolds command mends it")
    void scaffoldDriftingFromItsSolution() {
        String scaffold = copy.read(SCAFFOLD);
        copy.write(SCAFFOLD, scaffold.replaceFirst("\\*/", "* A sentence only the scaffold has.\n     */"));
        assertThat(integrity().scaffoldMatchesSolution(welcome()))
                .anyMatch(p -> p.contains(SCAFFOLD.substring("src/main/java/".length())) && p.contains("A sentence only the scaffold has"));
        assertThat(ScaffoldShape.expected(copy.read(SOLUTION), copy.read(SCAFFOLD))).isEqualTo(scaffold);
    }

    @Test
    @DisplayName("a solution's private helper may stand alone, but a changed helper the scaffold shares is caught")
    void privateHelpersOfTheReference() {
        String solution = """
                package p;

                /** A. */
                public final class A {

                    /** Doubles x. */
                    public static double twice(double x) {
                        return check(x) * 2;
                    }

                    /** Shared. */
                    static String name() {
                        return "a";
                    }

                    // only the reference needs this
                    private static double check(double x) {
                        return x;
                    }
                }
                """;
        String scaffold = """
                package p;

                /** A. */
                public final class A {

                    /** Doubles x. */
                    public static double twice(double x) {
                        throw new UnsupportedOperationException("TODO lesson 99: double x");
                    }

                    /** Shared. */
                    static String name() {
                        return "a";
                    }
                }
                """;
        assertThat(ScaffoldShape.expected(solution, scaffold)).isEqualTo(scaffold);
        String drifted = scaffold.replace("return \"a\";", "return \"b\";");
        assertThat(ScaffoldShape.expected(solution, drifted)).isNotEqualTo(drifted);
    }

    @Test
    @DisplayName("a scaffold that already holds the answer is caught")
    void scaffoldThatStartsGreen() {
        copy.write(SCAFFOLD, copy.read(SOLUTION));
        assertThat(integrity().scaffoldFailsEveryCheck(welcome())).anyMatch(p -> p.contains("the scaffold passes"));
    }

    @Test
    @DisplayName("a test that a stub returning 0.0 passes is caught")
    void testPassedByALazyStub() {
        copy.replace(TESTS, "class WelcomeTest {", """
                class WelcomeTest {

                    @Test
                    void vanishesAtZero() {
                        org.assertj.core.api.Assertions.assertThat(Welcome.derivative(0.0)).isZero();
                    }
                """);
        assertThat(integrity().scaffoldFailsEveryCheck(welcome()))
                .anyMatch(p -> p.contains("the lazy stub") && p.contains("vanishesAtZero"))
                .noneMatch(p -> p.contains("the scaffold passes"));
    }

    @Test
    @DisplayName("a TODO that the lazy stub cannot replace is caught")
    void todoThatIsNotAWholeMethodBody() {
        copy.replace(SCAFFOLD, "        throw new UnsupportedOperationException(",
                "        if (x > 0) return 1.0;\n        throw new UnsupportedOperationException(");
        assertThat(integrity().scaffoldFailsEveryCheck(welcome())).anyMatch(p -> p.contains("single statement"));
    }

    @Test
    @DisplayName("a public method that only the solution has is caught")
    void signaturesThatDiffer() {
        copy.replace(SOLUTION, "    private Welcome() {", "    public static double extra(int n) {\n        return n;\n    }\n\n    private Welcome() {");
        assertThat(integrity().scaffoldMatchesSolution(welcome()))
                .anyMatch(p -> p.contains("only the solution has") && p.contains("extra(int)"));
    }

    @Test
    @DisplayName("a file that only the solution has is caught")
    void filesThatDiffer() {
        copy.write("solutions/gradientkata/welcome/Extra.java", "package gradientkata.welcome;\nclass Extra {}\n");
        assertThat(integrity().scaffoldMatchesSolution(welcome())).anyMatch(p -> p.contains("solutions folder holds"));
        assertThat(integrity().everyFileBelongsToALesson()).anyMatch(p -> p.contains("Extra.java belongs to no lesson"));
    }

    @Test
    @DisplayName("a wrong version the tests do not reject is caught")
    void harmlessWrongVersion() {
        copy.write(WRONG, copy.read(WRONG) + "\n=== same-answer-other-order\nfile: Welcome.java\n<<<\n        " + ANSWER
                + "\n>>>\n        return (2 * x) * cosine;\n");
        assertThat(integrity().wrongVersionsRejected(welcome()))
                .anyMatch(p -> p.contains("'same-answer-other-order' passes all"));
    }

    @Test
    @DisplayName("a wrong version that no longer applies to the reference, or does not compile, is caught")
    void staleOrBrokenWrongVersion() {
        copy.write(WRONG, copy.read(WRONG)
                + "\n=== stale\nfile: Welcome.java\n<<<\n        return x;\n>>>\n        return 0;\n"
                + "\n=== broken\nfile: Welcome.java\n<<<\n        " + ANSWER + "\n>>>\n        return cos(x);\n");
        List<String> problems = integrity().wrongVersionsRejected(welcome());
        assertThat(problems).anyMatch(p -> p.contains("'stale' does not apply"));
        assertThat(problems).anyMatch(p -> p.contains("'broken' does not compile"));
    }

    @Test
    @DisplayName("a wrong version that changes a signature the tests call is caught, not counted as rejected")
    void wrongVersionChangingTheApi() {
        copy.write(WRONG, copy.read(WRONG) + "\n=== float-argument\nfile: Welcome.java\n<<<\n"
                + "    public static double derivative(double x) {\n>>>\n    public static double derivative(float x) {\n");
        assertThat(integrity().wrongVersionsRejected(welcome()))
                .anyMatch(p -> p.contains("'float-argument' changes the public API the tests call"));
    }

    @Test
    @DisplayName("fewer than three wrong versions is caught")
    void tooFewWrongVersions() {
        copy.write(WRONG, "=== only-one\nfile: Welcome.java\n<<<\n        " + ANSWER + "\n>>>\n        return 0.0;\n");
        assertThat(integrity().wrongVersionsRejected(welcome())).anyMatch(p -> p.contains("at least 3"));
    }

    @Test
    @DisplayName("a missing experiment, a README that drifted from lesson.properties, and a missing syllabus row are caught")
    void missingMaterials() {
        copy.delete("lessons/00-welcome/explore.jsh");
        copy.replace("lessons/00-welcome/README.md", "# Lesson 00 — Welcome: the loop", "# Lesson 00 — Hello");
        copy.replace("lessons/00-welcome/README.md", "2. Math.cos", "2. Use Math.cos");
        copy.replace("lessons/README.md", "| [00](00-welcome/README.md)", "| [0](00-welcome/README.md)");
        List<String> problems = integrity().materialsPresent(welcome());
        assertThat(problems).anyMatch(p -> p.contains("no experiment script"));
        assertThat(problems).anyMatch(p -> p.contains("should open with"));
        assertThat(problems).anyMatch(p -> p.contains("hint.2"));
        assertThat(problems).anyMatch(p -> p.contains("lessons/README.md needs exactly one row"));
    }
}
