package gradientkata.kata.grading;

import gradientkata.kata.Kata;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * What a student handed in, a folder or a zip, reduced to what is graded: the learner files.
 * Everything else it carries (tests, build files, resources, compiled classes) is listed as
 * ignored when it differs from the kata, and never used.
 *
 * @param learnerFiles the learner files found, keyed by path relative to {@code src/main/java}
 * @param ignored      files that were not graded, each with why it is worth mentioning
 * @param problem      why nothing could be graded ("" when something can be)
 */
public record Submission(Map<String, String> learnerFiles, List<String> ignored, String problem) {

    /** A learner file larger than this is not a kata solution. */
    static final int MAX_FILE = 512 * 1024;
    private static final int MAX_LISTED = 50;
    private static final String SOURCES = "src/main/java/";
    private static final Set<String> SKIPPED_FOLDERS = Set.of(".git", "target", ".idea", ".vscode", ".jbang", "node_modules");

    /** Reads a submission, a folder or a zip file. Never throws for bad input: the problem is reported instead. */
    public static Submission read(Kata kata, Path path) {
        if (Files.isDirectory(path)) {
            return fromFolder(kata, path);
        }
        if (!Files.isRegularFile(path)) {
            return failed("the submission " + path.getFileName() + " does not exist");
        }
        try (ZipFile zip = new ZipFile(path.toFile())) {
            return fromZip(kata, zip);
        } catch (ZipException e) {
            return failed(path.getFileName() + " is not a zip file (" + e.getMessage() + ")");
        } catch (IOException e) {
            return failed(path.getFileName() + " could not be read: " + e.getMessage());
        }
    }

    private static Submission failed(String problem) {
        return new Submission(Map.of(), List.of(), problem);
    }

    private static Set<String> learnerPaths(Kata kata) {
        return kata.lessons().stream().flatMap(l -> l.sourcePaths().stream()).collect(Collectors.toSet());
    }

    private static Submission fromFolder(Kata kata, Path dir) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> dir.relativize(p).toString().replace('\\', '/').split("/").length < 40)
                    .filter(p -> Arrays.stream(dir.relativize(p).toString().replace('\\', '/').split("/"))
                            .noneMatch(SKIPPED_FOLDERS::contains))
                    .toList();
        } catch (IOException e) {
            return failed("the folder could not be read: " + e.getMessage());
        }
        Map<String, Path> byName = new TreeMap<>();
        files.forEach(f -> byName.put(dir.relativize(f).toString().replace('\\', '/'), f));
        return reduce(kata, byName.keySet(), name -> {
            try {
                return Files.size(byName.get(name)) > MAX_FILE ? Optional.empty() : Optional.of(Files.readAllBytes(byName.get(name)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static Submission fromZip(Kata kata, ZipFile zip) {
        Map<String, ZipEntry> entries = new TreeMap<>();
        for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
            ZipEntry entry = e.nextElement();
            String name = entry.getName().replace('\\', '/');
            if (!entry.isDirectory() && Arrays.stream(name.split("/")).noneMatch(SKIPPED_FOLDERS::contains)) {
                entries.put(name, entry);
            }
        }
        return reduce(kata, entries.keySet(), name -> {
            try (InputStream in = zip.getInputStream(entries.get(name))) {
                byte[] bytes = in.readNBytes(MAX_FILE + 1);
                return bytes.length > MAX_FILE ? Optional.empty() : Optional.of(bytes);
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }

    private interface Reader {
        Optional<byte[]> read(String name);
    }

    /** Keeps the learner files; lists every other file that differs from the kata. */
    private static Submission reduce(Kata kata, Set<String> names, Reader reader) {
        if (names.isEmpty()) {
            return failed("the submission is empty");
        }
        Optional<String> root = names.stream().filter(n -> n.contains(SOURCES + "gradientkata/"))
                .map(n -> n.substring(0, n.indexOf(SOURCES + "gradientkata/")))
                .min((a, b) -> Integer.compare(a.length(), b.length()));
        if (root.isEmpty()) {
            return failed("no learner files: nothing under " + SOURCES + "gradientkata/");
        }
        Set<String> learner = learnerPaths(kata);
        Map<String, String> files = new TreeMap<>();
        List<String> ignored = new ArrayList<>();
        for (String name : names) {
            if (!name.startsWith(root.get())) {
                ignored.add(name + " (outside the kata's folder)");
                continue;
            }
            String rel = name.substring(root.get().length());
            Optional<byte[]> bytes = reader.read(name);
            if (rel.startsWith(SOURCES) && learner.contains(rel.substring(SOURCES.length()))) {
                if (bytes.isEmpty()) {
                    ignored.add(rel + " (larger than " + MAX_FILE / 1024 + " KiB: not graded)");
                } else {
                    files.put(rel.substring(SOURCES.length()), new String(bytes.get(), StandardCharsets.UTF_8));
                }
                continue;
            }
            Path pristine = kata.root().resolve(rel);
            if (!Files.isRegularFile(pristine)) {
                ignored.add(rel + " (not part of the kata)");
            } else if (bytes.isEmpty() || !Arrays.equals(bytes.get(), readAll(pristine))) {
                ignored.add(rel + " (differs from the kata)");
            }
        }
        if (ignored.size() > MAX_LISTED) {
            int more = ignored.size() - MAX_LISTED;
            ignored = new ArrayList<>(ignored.subList(0, MAX_LISTED));
            ignored.add("… and " + more + " more");
        }
        return new Submission(files, List.copyOf(ignored), files.isEmpty() ? "no learner files of any lesson" : "");
    }

    private static byte[] readAll(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
