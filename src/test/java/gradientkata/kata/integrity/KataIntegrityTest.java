package gradientkata.kata.integrity;

import gradientkata.kata.Kata;
import gradientkata.kata.Lesson;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The kata's promises about itself, checked on every lesson. Runs with {@code -Psolutions}.
 * {@link IntegrityChecksCanFailTest} shows that each of these checks does fail when its rule is broken.
 */
@DisplayName("Integrity of the kata")
@Order(1) // under -Psolutions the longest test classes come first and last in the order (pom.xml says why)
class KataIntegrityTest {

    private static final Kata KATA = Kata.current();
    private static final Integrity INTEGRITY = new Integrity(KATA);

    static Stream<Named<Lesson>> lessons() {
        return KATA.lessons().stream().map(l -> Named.of(l.id(), l));
    }

    @Test
    @DisplayName("the kata has lessons, numbered from 00 without gaps")
    void lessonsAreNumberedWithoutGaps() {
        List<String> numbers = KATA.lessons().stream().map(Lesson::number).toList();
        assertThat(numbers).as("lesson numbers under lessons/").isNotEmpty();
        for (int i = 0; i < numbers.size(); i++) {
            assertThat(numbers.get(i)).as("lesson %d of %s", i, numbers).isEqualTo(String.format("%02d", i));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lessons")
    @DisplayName("the reference solution passes every test and keeps to the grader's code rules")
    void referencePasses(Lesson lesson) {
        assertNoProblems(INTEGRITY.referencePasses(lesson));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lessons")
    @DisplayName("the scaffold, and a stub returning defaults, compile and fail every test")
    void scaffoldFailsEveryCheck(Lesson lesson) {
        assertNoProblems(INTEGRITY.scaffoldFailsEveryCheck(lesson));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lessons")
    @DisplayName("each scaffold is its solution with every TODO body replaced by one throw: same files, signatures, Javadoc and helpers")
    void scaffoldMatchesSolution(Lesson lesson) {
        assertNoProblems(INTEGRITY.scaffoldMatchesSolution(lesson));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lessons")
    @DisplayName("at least three wrong versions, and the tests reject every one")
    void wrongVersionsRejected(Lesson lesson) {
        assertNoProblems(INTEGRITY.wrongVersionsRejected(lesson));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lessons")
    @DisplayName("a README that agrees with lesson.properties, an experiment, and a syllabus row")
    void materialsPresent(Lesson lesson) {
        assertNoProblems(INTEGRITY.materialsPresent(lesson));
    }

    @Test
    @DisplayName("every learner file and reference file belongs to exactly one lesson")
    void everyFileBelongsToALesson() {
        assertNoProblems(INTEGRITY.everyFileBelongsToALesson());
    }

    @Test
    @DisplayName("the fingerprints of what the kata ships are current")
    void manifestIsCurrent() {
        assertNoProblems(INTEGRITY.manifestIsCurrent());
    }

    static void assertNoProblems(List<String> problems) {
        assertThat(problems).withFailMessage("The kata breaks its own rules:%n- %s", String.join("\n- ", problems)).isEmpty();
    }
}
