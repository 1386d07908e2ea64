package gradientkata.kata.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gradientkata.kata.engine.InMemoryCompiler;
import gradientkata.kata.integrity.WrongVersions.WrongVersion;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The integrity checks' parts")
class IntegrityPartsTest {

    @Test
    @DisplayName("a wrong version may carry a description and several edits")
    void parsesWrongVersions() {
        List<WrongVersion> versions = WrongVersions.parse("""
                # comment
                === first
                what it gets wrong
                file: A.java
                <<<
                  a();
                >>>
                  b();

                <<<
                  c();
                >>>
                  d();
                === second
                file: B.java
                <<<
                x
                >>>
                """, "w.txt");
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0).description()).isEqualTo("what it gets wrong");
        assertThat(versions.get(0).edits()).containsExactly(new WrongVersions.Edit("A.java", "  a();", "  b();"),
                new WrongVersions.Edit("A.java", "  c();", "  d();"));
        assertThat(versions.get(1).edits()).containsExactly(new WrongVersions.Edit("B.java", "x", ""));
    }

    @Test
    @DisplayName("a malformed wrong-versions file is refused with its line number")
    void refusesMalformedWrongVersions() {
        assertThatThrownBy(() -> WrongVersions.parse("=== a\n<<<\nx\n>>>\ny\n", "w.txt"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("w.txt:2").hasMessageContaining("file:");
        assertThatThrownBy(() -> WrongVersions.parse("=== a\nfile: A.java\n", "w.txt"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no <<< >>> edit");
        assertThatThrownBy(() -> WrongVersions.parse("stray\n=== a\n", "w.txt"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("w.txt:1");
    }

    @Test
    @DisplayName("the lazy stub returns the default of each method's return type, whatever the signature's layout")
    void lazyStubsReturnDefaults() {
        String scaffold = """
                package p;
                public final class A {
                    /** Returns a {@code double} (of every layer). */
                    public static double d(double... x) {
                        throw new UnsupportedOperationException("TODO lesson 09: d; not ';' here");
                    }
                    public int i(
                            int a,
                            java.util.List<Double> b) throws IllegalStateException {
                        throw new UnsupportedOperationException("TODO lesson 09: i");
                    }
                    static <T> java.util.Map<String, java.util.List<T>> m() {
                        throw new UnsupportedOperationException("TODO lesson 09: m");
                    }
                    public boolean b() { throw new UnsupportedOperationException("TODO lesson 09: b"); }
                    public void v() {
                        throw new UnsupportedOperationException("TODO lesson 09: v");
                    }
                    public double[] arr() {
                        throw new UnsupportedOperationException("TODO lesson 09: arr");
                    }
                }
                """;
        String stubbed = LazyStubs.of(Map.of("p/A.java", scaffold)).get("p/A.java");
        assertThat(stubbed).doesNotContain("UnsupportedOperationException")
                .contains("return 0.0;", "return 0;", "return null;", "return false;", "return;");
        assertThat(InMemoryCompiler.compile(Map.of("p/A.java", stubbed)).errors()).isEmpty();
    }

    @Test
    @DisplayName("the lazy stub refuses a TODO that is not a method's whole body")
    void lazyStubsRefusePartialTodos() {
        String scaffold = """
                package p;
                public final class A {
                    public static double d(double x) {
                        if (x > 0) {
                            return x;
                        }
                        throw new UnsupportedOperationException("TODO lesson 09: d");
                    }
                }
                """;
        assertThatThrownBy(() -> LazyStubs.of(Map.of("p/A.java", scaffold)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("single statement");
    }

}
