package gradientkata.kata.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import gradientkata.kata.Kata;
import gradientkata.kata.Lesson;
import gradientkata.kata.ResultsFile;
import gradientkata.kata.TestResult;
import gradientkata.kata.grading.Grade.CheckGrade;
import gradientkata.kata.grading.Grade.LessonGrade;
import gradientkata.kata.grading.Grade.Outcome;
import gradientkata.kata.integrity.KataCopy;
import gradientkata.kata.surefire.AfterTests;
import gradientkata.support.Entries;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, classes 5 and 6: {@code ./mvnw test} does not take the learner's tree at its word, and
 * no check asks a learner object to judge itself.
 */
@DisplayName("Trust: what a grade in place rests on, and who judges learner objects")
@Order(Integer.MAX_VALUE - 2)
class TrustCorpusTest {

    private static final String NOT_TRUSTED = "this grade is not to be trusted";

    @Nested
    @DisplayName("./mvnw test lists what in the learner's tree the grade should not rest on")
    class InPlace {

        @TempDir
        Path dir;

        private KataCopy copy() {
            return KataCopy.of(Kata.current(), dir.resolve("kata"));
        }

        /** All of the shipped checks, claimed passed: what a forged run records. */
        private List<TestResult> allPassed(Kata kata) {
            return ExpectedChecks.shipped(kata.root()).values().stream().flatMap(List::stream).toList();
        }

        @Test
        @DisplayName("the kata as shipped: nothing is listed, and the shipped list of checks is used")
        void cleanTree() throws IOException {
            KataCopy copy = copy();
            Kata kata = copy.kata();
            assertThat(ExpectedChecks.shipped(kata.root())).as("the checked-in list matches its fingerprint")
                    .containsOnlyKeys(kata.lessons().stream().map(Lesson::number).toArray(String[]::new));
            Grade grade = new Grader(kata, Grader.Options.standard(), kata.root())
                    .gradeInPlace("learner", allPassed(kata), copy.path("target/classes"), "");
            assertThat(grade.ignored()).isEmpty();
            assertThat(grade.points()).isEqualTo(grade.max());
        }

        @Test
        @DisplayName("the checked-in list of expected checks is what the reference passes today (else: " + Fingerprints.REFRESH + ")")
        void shippedChecksAreCurrent() {
            Kata kata = Kata.current();
            Map<String, List<TestResult>> shipped = ExpectedChecks.shipped(kata.root());
            for (Lesson lesson : kata.lessons()) {
                assertThat(shipped.getOrDefault(lesson.number(), List.of()))
                        .as("lesson %s in %s; refresh with %s", lesson.number(), ExpectedChecks.FILE, Fingerprints.REFRESH)
                        .containsExactlyElementsOf(ExpectedChecks.fromReference(kata, lesson));
            }
        }

        @Test
        @DisplayName("this very build's classes hold nothing outside the lessons' packages, and no test class without a source")
        void thisBuildIsClean() throws URISyntaxException {
            Path testClasses = Path.of(TrustCorpusTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Kata kata = Kata.current();
            assertThat(TreeAudit.notGraded(kata, testClasses.resolveSibling("classes"), testClasses)).isEmpty();
        }

        @Test
        @DisplayName("a class shadowing JUnit, an extra package, a lesson's subpackage and a learner class named like a test are listed")
        void sourcesAndClassesOutsideTheLessons() throws IOException {
            KataCopy copy = copy();
            copy.write("src/main/java/org/junit/platform/engine/TestExecutionResult.java",
                    "package org.junit.platform.engine;\npublic class TestExecutionResult { }\n");
            copy.write("target/classes/org/junit/platform/engine/TestExecutionResult.class", "\u00ca\u00fe");
            copy.write("src/main/java/gradientkata/helpers/Util.java", "package gradientkata.helpers;\nclass Util { }\n");
            copy.write("src/main/java/gradientkata/welcome/deep/Deep.java", "package gradientkata.welcome.deep;\nclass Deep { }\n");
            copy.write("src/main/java/gradientkata/welcome/WelcomeTest.java", "package gradientkata.welcome;\nclass WelcomeTest { }\n");
            copy.write("target/test-classes/gradientkata/welcome/FakeTest.class", "\u00ca\u00fe");
            copy.write("target/test-classes/junit-platform.properties", "junit.jupiter.conditions.deactivate=*\n");
            // Maven never compiles or loads these: not listed.
            copy.write("src/main/java/gradientkata/welcome/.DS_Store", "\u0000");
            copy.write("src/main/java/notes.txt", "my notes\n");
            Kata kata = copy.kata();
            Grade grade = new Grader(kata, Grader.Options.standard(), kata.root())
                    .gradeInPlace("learner", allPassed(kata), copy.path("target/classes"), "");
            String outside = " (outside the lessons' packages: code there can stand in for the test framework or the harness; "
                    + NOT_TRUSTED + ")";
            String noSource = " (a compiled class without a source in the tree: it did not come from this build; " + NOT_TRUSTED + ")";
            assertThat(grade.ignored()).containsExactlyInAnyOrder(
                    "src/main/java/gradientkata/helpers/Util.java" + outside,
                    "src/main/java/gradientkata/welcome/WelcomeTest.java (has the name of one of the kata's test classes; "
                            + NOT_TRUSTED + ")",
                    "src/main/java/gradientkata/welcome/deep/Deep.java" + outside,
                    "src/main/java/org/junit/platform/engine/TestExecutionResult.java" + outside,
                    "target/classes/org/junit/platform/engine/TestExecutionResult.class" + outside,
                    "target/test-classes/gradientkata/welcome/FakeTest.class" + noSource,
                    "target/test-classes/junit-platform.properties (not the copy of its source under src/test/resources: "
                            + "it did not come from this build; " + NOT_TRUSTED + ")");
            Path reports = Files.createDirectories(dir.resolve("reports"));
            Reports.write(grade, reports);
            assertThat(Files.readString(reports.resolve("grade.md"))).contains("## Not graded")
                    .contains("src/main/java/org/junit/platform/engine/TestExecutionResult.java" + outside);
        }

        @Test
        @DisplayName("a trimmed list of expected checks is not used: the reference runs instead, and the change is listed")
        void trimmedExpectedChecks() throws IOException {
            KataCopy copy = copy();
            Kata kata = copy.kata();
            Lesson welcome = kata.lesson("00").orElseThrow();
            int all = ExpectedChecks.shipped(kata.root()).get("00").size();
            assertThat(all).as("lesson 00's shipped checks").isGreaterThan(1);
            String kept = copy.read(ExpectedChecks.FILE).lines().filter(l -> l.startsWith("00\t")).findFirst().orElseThrow();
            copy.write(ExpectedChecks.FILE, kept + "\n");
            // The old way in: a trimmed cache under target/kata/expected. It is no longer read at all.
            copy.write("target/kata/expected/" + welcome.id() + "-0.tsv", kept + "\n");
            Grader grader = new Grader(kata, Grader.Options.standard(), kata.root());
            assertThat(grader.expected(welcome)).as("lesson 00's expected checks after trimming the list").hasSize(all);
            Grade grade = grader.gradeInPlace("learner", List.of(ResultsFile.parse(kept)), copy.path("target/classes"), "00");
            assertThat(grade.lessons().get(0).checks()).hasSize(all);
            assertThat(grade.ignored()).containsExactly("changed: " + ExpectedChecks.FILE + " (differs from what the kata shipped: "
                    + NOT_TRUSTED + ")");
        }

        @Test
        @DisplayName("results left in target/kata by an earlier run (or committed) are not graded, and say so")
        void staleResults() throws IOException {
            KataCopy copy = copy();
            Kata kata = copy.kata();
            Path results = copy.path("target/kata/last-run.tsv");
            ResultsFile.write(results, allPassed(kata));
            long buildStart = System.currentTimeMillis();
            Files.setLastModifiedTime(results, FileTime.fromMillis(buildStart - 60_000));
            Grade grade = AfterTests.grade(kata, "learner", results, copy.path("target/classes"), "", buildStart);
            assertThat(grade.points()).isZero();
            assertThat(grade.lessons()).allMatch(l -> l.outcome() == Outcome.NOT_RUN);
            assertThat(grade.ignored()).containsExactly("target/kata/last-run.tsv (older than this build: results its tests did "
                    + "not write are not graded)");
            Files.setLastModifiedTime(results, FileTime.fromMillis(buildStart + 1000));
            Grade fresh = AfterTests.grade(kata, "learner", results, copy.path("target/classes"), "", buildStart);
            assertThat(fresh.points()).as("the same results, written by this build").isEqualTo(fresh.max());
            assertThat(fresh.ignored()).isEmpty();
        }
    }

    @Nested
    @DisplayName("checks compare learner results by their entries, never with the learner object's equals")
    class LearnerEquals {

        /** A vector that claims to equal everything. */
        static final class Liar extends ArrayRealVector {
            private static final long serialVersionUID = 1L;

            Liar(int dimension) {
                super(dimension);
            }

            @Override
            public boolean equals(Object other) {
                return true;
            }

            @Override
            public int hashCode() {
                return 0;
            }
        }

        @Test
        @DisplayName("a vector whose equals is always true passes isEqualTo, and fails the entries check")
        void theHelperDoesNotAskTheObject() {
            RealVector liar = new Liar(2);
            RealVector expected = new ArrayRealVector(new double[] {3, -1});
            assertThat((Object) liar).as("what an isEqualTo on a learner vector would let through").isEqualTo(expected);
            Throwable caught = catchThrowable(() -> Entries.assertSameEntries(liar, expected, "x₁", "Why it matters."));
            assertThat(caught).isInstanceOf(AssertionError.class).hasMessage("x₁ should be [3.0, -1.0] but is [0.0, 0.0]. Why it matters.");
        }

        @Test
        @DisplayName("lesson 05 graded with ResidualNet.forward returning such vectors: the check by hand fails")
        void lessonFiveRejectsAVectorThatEqualsEverything(@TempDir Path dir) throws IOException {
            Kata kata = Kata.current();
            Lesson residual = kata.lesson("05").orElseThrow();
            Path submission = dir.resolve("liar");
            for (String path : residual.sourcePaths()) {
                String text = Files.readString(kata.solutions().resolve(path));
                if (path.endsWith("ResidualNet.java")) {
                    String honest = "            states.add(state);\n";
                    assertThat(text).contains(honest);
                    text = text.replace(honest, "            states.add(new org.apache.commons.math3.linear.ArrayRealVector(state.getDimension()) {\n"
                            + "                @Override public boolean equals(Object other) { return true; }\n"
                            + "                @Override public int hashCode() { return 0; }\n"
                            + "            });\n");
                }
                Path file = submission.resolve("src/main/java").resolve(path);
                Files.createDirectories(file.getParent());
                Files.writeString(file, text, StandardCharsets.UTF_8);
            }
            Grader grader = new Grader(kata, new Grader.Options("10 s", Duration.ofSeconds(120), "256m"));
            Grade grade = grader.grade("liar", submission, Files.createDirectories(dir.resolve("work")));
            LessonGrade lesson = grade.lessons().stream().filter(l -> l.lesson().number().equals("05")).findFirst().orElseThrow();
            assertThat(lesson.outcome()).as("lesson 05 (%s)", lesson.reason()).isEqualTo(Outcome.GRADED);
            assertThat(lesson.points()).isLessThan(lesson.max());
            CheckGrade byHand = lesson.checks().stream().filter(c -> c.name().contains("(1, 1) goes to (3, −1)")).findFirst().orElseThrow();
            assertThat(byHand.status()).isEqualTo(TestResult.Status.FAILED);
            assertThat(byHand.message()).isEqualTo("the states x₀, x₁, x₂ of the plain net x ← W·x: x1 should be [3.0, -1.0] but is "
                    + "[0.0, 0.0]. A plain block replaces x by F(W·x); forward returns the input followed by every block's output.");
        }
    }
}
