package gradientkata.kata.engine;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles Java sources held in memory into classes held in memory. Only the libraries a
 * lesson may use are on the class path: never the kata's own compiled classes, so what runs is
 * exactly what was handed in.
 */
public final class InMemoryCompiler {

    /** One class from each library a lesson and its tests may use. */
    private static final List<String> LIBRARIES = List.of(
            "org.apache.commons.math3.analysis.differentiation.DerivativeStructure",
            "org.junit.jupiter.api.Test",
            "org.junit.jupiter.params.ParameterizedTest",
            "org.junit.platform.commons.annotation.Testable",
            "org.opentest4j.AssertionFailedError",
            "org.apiguardian.api.API",
            "org.assertj.core.api.Assertions");

    private static final String CLASS_PATH = libraryClassPath();

    /**
     * javac's file managers between compiles, one per compile at a time: each keeps the libraries'
     * jars open and indexed, which a fresh one would do again for every lesson (a tenth of a second).
     */
    private static final ConcurrentLinkedDeque<StandardJavaFileManager> IDLE_FILE_MANAGERS = new ConcurrentLinkedDeque<>();

    /**
     * @param classes the compiled classes by binary name; empty when compiling failed
     * @param origins the source file (path relative to a source root) of each compiled class
     * @param errors  javac's errors, each with its file and line
     */
    public record Result(Map<String, byte[]> classes, Map<String, String> origins, List<String> errors) {
        boolean ok() {
            return errors.isEmpty();
        }
    }

    private InMemoryCompiler() {
    }

    /** @param sources file contents keyed by path relative to a source root ("gradientkata/x/A.java") */
    public static Result compile(Map<String, String> sources) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("The kata needs a JDK, not a JRE: no Java compiler in " + System.getProperty("java.home"));
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((path, text) -> units.add(new Source(path, text)));
        StandardJavaFileManager standard = Optional.ofNullable(IDLE_FILE_MANAGERS.poll())
                .orElseGet(() -> javac.getStandardFileManager(null, null, StandardCharsets.UTF_8));
        try {
            return compile(javac, standard, units, diagnostics);
        } finally {
            IDLE_FILE_MANAGERS.push(standard);
        }
    }

    private static Result compile(JavaCompiler javac, StandardJavaFileManager standard, List<JavaFileObject> units,
                                  DiagnosticCollector<JavaFileObject> diagnostics) {
        Map<String, ByteArrayOutputStream> out = new TreeMap<>();
        Map<String, String> origins = new TreeMap<>();
        JavaFileManager memory = new ForwardingJavaFileManager<>(standard) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                       FileObject sibling) {
                if (sibling != null) {
                    origins.put(className, sibling.getName().replaceFirst("^/", ""));
                }
                return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        return out.computeIfAbsent(className, k -> new ByteArrayOutputStream());
                    }
                };
            }
        };
        List<String> options = new ArrayList<>(List.of("-classpath", CLASS_PATH, "-encoding", "UTF-8",
                "-proc:none", "-g", "-nowarn", "-implicit:none"));
        if (Runtime.version().feature() != 17) {
            // Java 17's own API, on a later JDK. On 17 itself the running JDK is that API, and --release would
            // only make javac read it again from its archive of past releases: a quarter of a lesson's compile.
            options.addAll(List.of("--release", "17"));
        }
        boolean ok = javac.getTask(null, memory, diagnostics, options, null, units).call();
        List<String> errors = diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(InMemoryCompiler::describe)
                .toList();
        if (!ok && errors.isEmpty()) {
            errors = List.of("javac failed without saying why");
        }
        Map<String, byte[]> classes = new TreeMap<>();
        if (ok) {
            out.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
        }
        return new Result(classes, ok ? origins : Map.of(), errors);
    }

    private static String describe(Diagnostic<? extends JavaFileObject> d) {
        String where = d.getSource() == null ? "" : d.getSource().getName().replaceFirst("^/", "") + ":" + d.getLineNumber() + ": ";
        return where + d.getMessage(null);
    }

    private static String libraryClassPath() {
        return String.join(File.pathSeparator, LIBRARIES.stream().flatMap(InMemoryCompiler::locationOf).distinct().toList());
    }

    private static Stream<String> locationOf(String className) {
        try {
            Class<?> c = Class.forName(className, false, InMemoryCompiler.class.getClassLoader());
            return Stream.of(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        } catch (ClassNotFoundException | URISyntaxException e) {
            throw new IllegalStateException("The kata's class path lacks " + className, e);
        }
    }

    private static final class Source extends SimpleJavaFileObject {
        private final String text;

        Source(String path, String text) {
            super(URI.create("mem:///" + path), Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
