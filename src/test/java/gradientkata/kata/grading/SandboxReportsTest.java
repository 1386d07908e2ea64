package gradientkata.kata.grading;

import static org.assertj.core.api.Assertions.assertThat;

import gradientkata.kata.Kata;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the grader's reports and summary say about containment, and the names it accepts, without running a child. */
@DisplayName("The grader's word on its sandbox, and the names it accepts")
class SandboxReportsTest {

    @Test
    @DisplayName("without the OS sandbox, the summary line, grade.md, grade.json, results.json and the gradebook's notes all say so")
    void everyReportSaysWhenThereIsNoSandbox() {
        Sandbox.Status off = Sandbox.probe(Sandbox.Mode.OFF);
        assertThat(off.active()).isFalse();
        assertThat(off.note()).startsWith("NO OS SANDBOX").contains("-Dkata.sandbox=off");
        Grade grade = new Grade("someone", List.of(), List.of(), off.note());
        assertThat(ClassGrader.summary(off)).as("the summary line").startsWith("NO OS SANDBOX");
        assertThat(Reports.markdown(grade)).as("grade.md").contains("Containment: NO OS SANDBOX");
        assertThat(Reports.canonical(grade)).as("grade.json").contains("\"sandbox\":\"NO OS SANDBOX");
        assertThat(Reports.gradescope(grade)).as("results.json").contains("Containment: NO OS SANDBOX");
        ClassGrader grader = new ClassGrader(new Grader(Kata.current(), Grader.Options.standard()));
        assertThat(grader.csv(List.of(grade))).as("gradebook.csv").contains("graded without the OS sandbox");

        Grade fenced = new Grade("someone", List.of(), List.of(), Sandbox.WITH);
        assertThat(ClassGrader.summary(new Sandbox.Status(true, Sandbox.WITH))).isEqualTo("in the OS sandbox (bubblewrap)");
        assertThat(grader.csv(List.of(fenced))).doesNotContain("without the OS sandbox");
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            my-kata/src/main/java/gradientkata/welcome/Welcome.java | true
            src/main/java/a.java                                    | true
            ../outside.txt                                          | false
            a/../../outside.txt                                     | false
            /etc/passwd                                             | false
            C:/Windows/win.ini                                      | false
            a\\\\b.java                                             | false
            a//b.java                                               | false
            ./a.java                                                | false
            a/                                                      | false
            """)
    @DisplayName("a zip entry's name is looked up only when it stays below the submission")
    void safeNames(String name, boolean safe) {
        assertThat(Submission.safeName(name)).as(name).isEqualTo(safe);
    }

    @Test
    @DisplayName("report folders: safe characters only, no dot first, never gradebook.csv, never two alike")
    void folderNames() {
        assertThat(ClassGrader.folderNames(List.of("x", "x.zip", "X", "gradebook.csv", ".hidden", "a/b", "new\nline", "", "=1+1", "con")))
                .containsExactly("x", "x.zip", "X-2", "_gradebook.csv", "_.hidden", "a_b", "new_line", "_", "_1_1", "_con");
        assertThat(ClassGrader.studentNames(List.of(Path.of("x"), Path.of("x.zip"), Path.of("y.zip"))))
                .containsExactly("x", "x.zip", "y");
    }
}
