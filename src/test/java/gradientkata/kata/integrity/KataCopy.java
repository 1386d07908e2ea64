package gradientkata.kata.integrity;

import gradientkata.kata.FileTrees;
import gradientkata.kata.Kata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/** A throwaway copy of the kata's sources, to break on purpose in the harness's own tests. */
public final class KataCopy {

    private final Path root;

    private KataCopy(Path root) {
        this.root = root;
    }

    /** Copies the kata's sources, lessons, build files and README into {@code target}. */
    public static KataCopy of(Kata kata, Path target) {
        for (String top : List.of("lessons", "src", "solutions", "README.md", "pom.xml", "mvnw", "mvnw.cmd", ".mvn")) {
            FileTrees.copyTree(kata.root().resolve(top), target.resolve(top));
        }
        return new KataCopy(target);
    }

    public Kata kata() {
        return Kata.at(root);
    }

    public Path path(String relative) {
        return root.resolve(relative);
    }

    public String read(String relative) {
        return FileTrees.read(path(relative));
    }

    public void write(String relative, String text) {
        try {
            Files.createDirectories(path(relative).getParent());
            Files.writeString(path(relative), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces text that must occur in the file. */
    public void replace(String relative, String find, String replacement) {
        String text = read(relative);
        if (!text.contains(find)) {
            throw new IllegalStateException(relative + " does not contain " + find);
        }
        write(relative, text.replace(find, replacement));
    }

    public void delete(String relative) {
        try {
            Files.delete(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
