package gradientkata.kata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/** A throwaway copy of the kata's sources, to break on purpose in the harness's own tests. */
final class KataCopy {

    private final Path root;

    private KataCopy(Path root) {
        this.root = root;
    }

    /** Copies the kata's sources, lessons, build files and README into {@code target}. */
    static KataCopy of(Kata kata, Path target) {
        for (String top : List.of("lessons", "src", "solutions", "README.md", "pom.xml", "mvnw", "mvnw.cmd", ".mvn")) {
            copyTree(kata.root().resolve(top), target.resolve(top));
        }
        return new KataCopy(target);
    }

    Kata kata() {
        return Kata.at(root);
    }

    Path path(String relative) {
        return root.resolve(relative);
    }

    String read(String relative) {
        return Engine.read(path(relative));
    }

    void write(String relative, String text) {
        try {
            Files.createDirectories(path(relative).getParent());
            Files.writeString(path(relative), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces text that must occur in the file. */
    void replace(String relative, String find, String replacement) {
        String text = read(relative);
        if (!text.contains(find)) {
            throw new IllegalStateException(relative + " does not contain " + find);
        }
        write(relative, text.replace(find, replacement));
    }

    void delete(String relative) {
        try {
            Files.delete(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a file or a folder (with everything below it); a missing one is skipped. */
    static void copyTree(Path from, Path to) {
        if (!Files.exists(from)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.createDirectories(dest.getParent());
                    Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
