package gradientkata.kata.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gradientkata.kata.FileTrees;
import gradientkata.kata.Kata;
import gradientkata.kata.integrity.MutationGate.Entry;
import gradientkata.kata.integrity.MutationGate.Key;
import gradientkata.kata.integrity.MutationGate.Mutant;
import gradientkata.kata.integrity.MutationGate.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mutation gate, seen to fail on an unlisted survivor and on a stale entry, and to pass otherwise. */
@DisplayName("The mutation gate fails on every unlisted survivor and every stale entry")
class MutationGateTest {

    private static final Key BOUNDARY = new Key("gradientkata.chain.ChainRule", "depthBelow", 120,
            "ConditionalsBoundaryMutator", "changed conditional boundary");
    private static final Key MATH = new Key("gradientkata.chain.ChainRule", "product", 27,
            "MathMutator", "Replaced double multiplication with division");
    private static final Key OTHER_LESSON = new Key("gradientkata.residual.ResidualNet", "norm", 40,
            "MathMutator", "Replaced double addition with subtraction");

    private static final String LIST = """
            # a comment
            gradientkata.chain.ChainRule | depthBelow | 120 | ConditionalsBoundaryMutator | changed conditional boundary → the tie cannot happen

            gradientkata.residual.ResidualNet | norm | 40 | MathMutator | Replaced double addition with subtraction -> another lesson's reason
            """;

    private static Mutant survived(Key key) {
        return new Mutant(key, "SURVIVED", false);
    }

    private static Mutant killed(Key key) {
        return new Mutant(key, "KILLED", true);
    }

    @Test
    @DisplayName("every survivor listed and every listed mutant surviving: the gate passes and counts them")
    void passesWhenTheListMatches() {
        Outcome outcome = MutationGate.compare(List.of(survived(BOUNDARY), killed(MATH)),
                MutationGate.readList(LIST), MutationGate.inScope("gradientkata.chain.*"));
        assertThat(outcome.passes()).as(outcome.summary()).isTrue();
        assertThat(outcome.summary()).isEqualTo("2 mutants: 1 killed (50.0%), 1 listed as equivalent, 0 unlisted survivors, 0 stale entries");
    }

    @Test
    @DisplayName("a survivor whose line was removed from the list fails the gate, and the message names it ready to list")
    void failsOnAnUnlistedSurvivor() {
        String withoutTheLine = LIST.lines().filter(l -> !l.contains("depthBelow")).reduce("", (a, b) -> a + b + "\n");
        Outcome outcome = MutationGate.compare(List.of(survived(BOUNDARY), killed(MATH)),
                MutationGate.readList(withoutTheLine), MutationGate.inScope("gradientkata.*"));
        assertThat(outcome.passes()).isFalse();
        assertThat(outcome.unlisted()).extracting(Mutant::key).containsExactly(BOUNDARY);
        assertThat(MutationGate.explain(outcome, Path.of("list.txt")))
                .contains("[SURVIVED] gradientkata.chain.ChainRule | depthBelow | 120 | ConditionalsBoundaryMutator | changed conditional boundary → ?");
    }

    @Test
    @DisplayName("a mutant never covered by any check is a survivor too")
    void failsOnNoCoverage() {
        Outcome outcome = MutationGate.compare(List.of(new Mutant(MATH, "NO_COVERAGE", false)), List.of(), n -> true);
        assertThat(outcome.unlisted()).extracting(Mutant::status).containsExactly("NO_COVERAGE");
    }

    @Test
    @DisplayName("a listed mutant that is now killed is a stale entry and fails the gate")
    void failsOnAStaleEntry() {
        Outcome outcome = MutationGate.compare(List.of(killed(BOUNDARY)), MutationGate.readList(LIST),
                MutationGate.inScope("gradientkata.chain.*"));
        assertThat(outcome.passes()).isFalse();
        assertThat(outcome.stale()).extracting(Entry::key).containsExactly(BOUNDARY);
        assertThat(MutationGate.explain(outcome, Path.of("list.txt"))).contains("line 2: " + BOUNDARY);
    }

    @Test
    @DisplayName("two surviving mutants with the same five fields need two lines")
    void duplicatesNeedOneLineEach() {
        Outcome outcome = MutationGate.compare(List.of(survived(BOUNDARY), survived(BOUNDARY)),
                MutationGate.readList(LIST), MutationGate.inScope("gradientkata.chain.*"));
        assertThat(outcome.unlisted()).extracting(Mutant::key).containsExactly(BOUNDARY);
    }

    @Test
    @DisplayName("entries of classes outside the run are neither used nor stale; inside they are")
    void scopeDecidesWhatIsChecked() {
        assertThat(MutationGate.compare(List.of(), MutationGate.readList(LIST), MutationGate.inScope("gradientkata.welcome.*")).passes()).isTrue();
        assertThat(MutationGate.compare(List.of(survived(BOUNDARY)), MutationGate.readList(LIST), MutationGate.inScope("gradientkata.*"))
                .stale()).extracting(Entry::key).containsExactly(OTHER_LESSON);
    }

    @Test
    @DisplayName("a line without a reason, or with fewer fields, stops the build instead of being ignored")
    void malformedLinesAreRejected() {
        assertThatThrownBy(() -> MutationGate.readList("gradientkata.chain.ChainRule | product | 27 | MathMutator | x →  "))
                .hasMessageContaining("line 1");
        assertThatThrownBy(() -> MutationGate.readList("gradientkata.chain.ChainRule | product | MathMutator | x → reason"))
                .hasMessageContaining("line 1");
    }

    @Test
    @DisplayName("PIT's XML report is read field by field, with the mutator's short name")
    void readsPitsReport(@TempDir Path dir) throws Exception {
        Path xml = dir.resolve("mutations.xml");
        Files.writeString(xml, """
                <?xml version="1.0" encoding="UTF-8"?>
                <mutations partial="false">
                <mutation detected='false' status='SURVIVED' numberOfTestsRun='3'><sourceFile>ChainRule.java</sourceFile>\
                <mutatedClass>gradientkata.chain.ChainRule</mutatedClass><mutatedMethod>depthBelow</mutatedMethod>\
                <methodDescription>(DD)I</methodDescription><lineNumber>120</lineNumber>\
                <mutator>org.pitest.mutationtest.engine.gregor.mutators.ConditionalsBoundaryMutator</mutator>\
                <indexes><index>40</index></indexes><blocks><block>5</block></blocks><killingTest/>\
                <description>changed conditional boundary</description></mutation>
                </mutations>
                """);
        assertThat(MutationGate.readReport(xml)).containsExactly(survived(BOUNDARY));
    }

    @Test
    @DisplayName("the checked-in list parses, and every entry gives a reason")
    void theCheckedInListParses() {
        Path list = Kata.current().root().resolve("src/test/pit-equivalent-mutants.txt");
        assertThat(list).isRegularFile();
        assertThat(MutationGate.readList(FileTrees.read(list))).allSatisfy(e -> assertThat(e.reason()).isNotBlank());
    }
}
