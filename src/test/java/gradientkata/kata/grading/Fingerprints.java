package gradientkata.kata.grading;

import gradientkata.kata.FileTrees;
import gradientkata.kata.Kata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What the kata shipped, as SHA-256 fingerprints of every file that can change what runs or how
 * it is scored: the build files, the tests and their resources, the reference solutions and the
 * lesson metadata. After {@code ./mvnw test} the grade reports any difference, so a single
 * submission graded in place says when it was tampered with. (The class grader does not need
 * this: it never uses anything but the learner files.)
 *
 * <p>Refresh it after changing any of those files: {@code ./mvnw -q test-compile exec:java@manifest}.
 * The integrity checks fail while it is stale.
 */
public final class Fingerprints {

    public static final String FILE = "src/test/kata-files.sha256";
    public static final String REFRESH = "./mvnw -q test-compile exec:java@manifest";

    private Fingerprints() {
    }

    public static void main(String[] args) {
        Kata kata = Kata.current();
        write(kata.root());
        System.out.println("Wrote " + FILE + " (" + fingerprints(kata.root()).size() + " files).");
    }

    static void write(Path root) {
        StringBuilder out = new StringBuilder("# What the kata shipped (see gradientkata.kata.Fingerprints). Refresh: " + REFRESH + "\n");
        fingerprints(root).forEach((path, hash) -> out.append(hash).append("  ").append(path).append('\n'));
        try {
            Files.writeString(root.resolve(FILE), out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How the tree differs from the manifest: "changed: …", "added: …", "deleted: …"; empty when it matches. */
    public static List<String> differences(Path root) {
        Path file = root.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return List.of("deleted: " + FILE);
        }
        Map<String, String> shipped = new TreeMap<>();
        for (String line : FileTrees.read(file).split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                shipped.put(line.substring(line.indexOf("  ") + 2).strip(), line.substring(0, line.indexOf("  ")));
            }
        }
        Map<String, String> now = fingerprints(root);
        List<String> differences = new ArrayList<>();
        now.forEach((path, hash) -> {
            if (!shipped.containsKey(path)) {
                differences.add("added: " + path);
            } else if (!shipped.get(path).equals(hash)) {
                differences.add("changed: " + path);
            }
        });
        shipped.keySet().stream().filter(p -> !now.containsKey(p)).forEach(p -> differences.add("deleted: " + p));
        return differences;
    }

    /** Path → SHA-256 of the content with line endings normalised (a Windows checkout is not tampering). */
    static Map<String, String> fingerprints(Path root) {
        Map<String, String> out = new TreeMap<>();
        for (String top : List.of("pom.xml", "mvnw", "mvnw.cmd", ".mvn", "src/test", "src/main/resources", "solutions", "lessons")) {
            Path start = root.resolve(top);
            if (!Files.exists(start)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(start)) {
                for (Path p : walk.filter(Files::isRegularFile).toList()) {
                    String rel = root.relativize(p).toString().replace('\\', '/');
                    boolean lessonsButNotMetadata = rel.startsWith("lessons/") && !rel.endsWith("/lesson.properties");
                    if (!rel.equals(FILE) && !lessonsButNotMetadata) {
                        out.put(rel, sha256(p));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    private static String sha256(Path p) throws IOException {
        try {
            String text = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.ISO_8859_1)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
