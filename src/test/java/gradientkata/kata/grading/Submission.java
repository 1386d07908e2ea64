package gradientkata.kata.grading;

import gradientkata.kata.Kata;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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

    /** More entries than this in a zip, or files in a folder, are not a kata. */
    static final int MAX_ENTRIES = 20_000;

    /**
     * Reads a submission, a folder or a zip file, never following a symbolic link and never touching a
     * path a zip names before that name is checked. Never throws for bad input: the problem is reported instead.
     */
    public static Submission read(Kata kata, Path path) {
        if (Files.isSymbolicLink(path)) {
            return failed("the submission " + path.getFileName() + " is a symbolic link, which the grader does not follow");
        }
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            return fromFolder(kata, path);
        }
        if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            return failed("the submission " + path.getFileName() + " is neither a folder nor a file");
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
        Map<String, Path> byName = new TreeMap<>();
        List<String> refused = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir, 40)) { // Files.walk never follows links unless asked to
            for (Path p : (Iterable<Path>) walk.limit(MAX_ENTRIES)::iterator) {
                String rel = relative(dir, p);
                if (rel.isEmpty() || Arrays.stream(rel.split("/")).anyMatch(SKIPPED_FOLDERS::contains)) {
                    continue;
                }
                if (Files.isSymbolicLink(p)) {
                    refused.add(printable(rel) + " (a symbolic link: not followed, not graded)");
                } else if (!safeName(rel)) {
                    refused.add(printable(rel) + " (a name the grader does not accept)");
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    byName.put(rel, p);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            return failed("the folder could not be read: " + e.getMessage());
        }
        return reduce(kata, byName.keySet(), refused, name -> readNoFollow(byName.get(name)));
    }

    /** A path below {@code dir} as its names joined by '/', each name as it is (a backslash stays a character of the name). */
    private static String relative(Path dir, Path p) {
        List<String> names = new ArrayList<>();
        dir.relativize(p).forEach(n -> names.add(n.toString()));
        return names.size() == 1 && names.get(0).isEmpty() ? "" : String.join("/", names);
    }

    /** The file's bytes, at most {@link #MAX_FILE}; a link (even one swapped in since the listing) is not opened. */
    private static Optional<byte[]> readNoFollow(Path file) {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes(MAX_FILE + 1);
            return bytes.length > MAX_FILE ? Optional.empty() : Optional.of(bytes);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether a relative path, as a submission names it, is one the grader may look up: '/'-separated
     * names, none empty, "." or "..", no backslash, no drive letter or colon, no control character, not
     * absolute. Checked before the name is used for anything.
     */
    static boolean safeName(String name) {
        if (name.isEmpty() || name.length() > 1000 || name.startsWith("/")) {
            return false;
        }
        for (String part : name.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                return false;
            }
        }
        return name.codePoints().noneMatch(c -> c == '\\' || c == ':' || Character.isISOControl(c));
    }

    private static String printable(String s) {
        return Reports.printable(s.length() > 200 ? s.substring(0, 200) + "…" : s);
    }

    private static Submission fromZip(Kata kata, ZipFile zip) {
        Map<String, ZipEntry> entries = new TreeMap<>();
        List<String> refused = new ArrayList<>();
        int seen = 0;
        for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements() && seen++ < MAX_ENTRIES; ) {
            ZipEntry entry = e.nextElement();
            String name = entry.getName();
            if (entry.isDirectory()) {
                continue;
            }
            if (!safeName(name)) {
                refused.add(printable(name) + " (a zip entry name that is absolute, climbs with .., or uses a drive, a backslash"
                        + " or a control character: not read)");
            } else if (Arrays.stream(name.split("/")).noneMatch(SKIPPED_FOLDERS::contains)) {
                entries.put(name, entry);
            }
        }
        return reduce(kata, entries.keySet(), refused, name -> {
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

    /** Keeps the learner files; lists every other file that differs from the kata, and every name refused. */
    private static Submission reduce(Kata kata, Set<String> names, List<String> refused, Reader reader) {
        if (names.isEmpty()) {
            return new Submission(Map.of(), List.copyOf(refused), "the submission is empty"
                    + (refused.isEmpty() ? "" : " (but for what the grader refused to read)"));
        }
        Optional<String> root = names.stream().filter(n -> n.contains(SOURCES + "gradientkata/"))
                .map(n -> n.substring(0, n.indexOf(SOURCES + "gradientkata/")))
                .min((a, b) -> Integer.compare(a.length(), b.length()));
        if (root.isEmpty()) {
            return new Submission(Map.of(), List.copyOf(refused), "no learner files: nothing under " + SOURCES + "gradientkata/");
        }
        Set<String> learner = learnerPaths(kata);
        Map<String, String> files = new TreeMap<>();
        List<String> ignored = new ArrayList<>(refused);
        for (String name : names) {
            if (!name.startsWith(root.get())) {
                ignored.add(printable(name) + " (outside the kata's folder)");
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
            // rel passed safeName: it stays below the kata's root, and no link of the kata's is followed.
            Path pristine = kata.root().resolve(rel);
            if (!Files.isRegularFile(pristine, LinkOption.NOFOLLOW_LINKS)) {
                ignored.add(printable(rel) + " (not part of the kata)");
            } else if (bytes.isEmpty() || !Arrays.equals(bytes.get(), readAll(pristine))) {
                ignored.add(printable(rel) + " (differs from the kata)");
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
        return readNoFollow(p).orElse(new byte[0]);
    }
}
