package gradientkata.kata.grading;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The operating system's fence around the grader's child JVM. On Linux with bubblewrap
 * ({@code bwrap}) the child runs with no network, in a PID namespace of its own that dies with
 * the grader, with a read-only view of the JDK, the system libraries, the class path's jars, the
 * harness's own classes and the one folder the parent prepared for this submission; its working
 * folder and {@code /tmp} are empty, private and small; {@code prlimit} caps its processes, file
 * size, open files and address space. Nothing else of the machine is visible: not the kata's tree,
 * not other submissions, not the gradebook, not the grader's user's files.
 *
 * <p>Where bubblewrap is missing or cannot run (macOS, Windows, a kernel without user
 * namespaces), {@link #probe} says why, and the grader runs the child without it: the bytecode
 * rules ({@link CodeRules}) and the child's time, memory and output limits are then all that
 * contain learner code, and every report says so.
 */
public final class Sandbox {

    /** Where the parent's prepared folders appear inside the sandbox. */
    static final String INSIDE = "/grading";
    /** The child's working folder and home inside the sandbox. */
    static final String WORK = "/learner";
    /** The address-space cap: a JVM with a 512 MB heap, C1 and javac reserves about 1.2 GiB; this leaves room. */
    static final long ADDRESS_SPACE = 3L << 30;
    /** Processes and threads of the sandbox's user (a JVM needs about 30; JUnit adds one per timed check). */
    static final int PROCESSES = 256;
    /** The largest file learner code may write in its private folders, and the size of each of those folders. */
    static final long FILE_SIZE = 16L << 20;
    static final int OPEN_FILES = 512;
    /**
     * The child JVM's settings besides its heap: small reservations for code, classes and metaspace, so
     * that it fits the address-space cap (left to itself a JVM reserves 1 GiB for class metadata alone).
     */
    static final List<String> JVM_FLAGS = List.of("-Xss4m", "-XX:+ExitOnOutOfMemoryError", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=64m", "-XX:CompressedClassSpaceSize=128m",
            "-XX:MaxMetaspaceSize=256m", "-Djava.awt.headless=true");

    /**
     * Whether this machine can fence the child, and if not, why.
     *
     * @param active true when children run under bubblewrap
     * @param note   the sentence every report carries: what contained learner code
     */
    public record Status(boolean active, String note) {
    }

    /** How the grader is told to use the sandbox: "auto" (when it works), "off" (never). */
    public enum Mode {
        AUTO, OFF;

        static Mode fromProperty() {
            return "off".equalsIgnoreCase(System.getProperty("kata.sandbox", "auto").strip()) ? OFF : AUTO;
        }
    }

    static final String WITH = "learner code ran in an OS sandbox (bubblewrap: no network, no view of other files,"
            + " its own processes, capped processes, file size and memory) on top of the bytecode rules";
    static final String WITHOUT = "NO OS SANDBOX: learner code was contained by the bytecode rules and the time, memory"
            + " and output limits alone";

    private static final Map<String, Status> PROBED = new ConcurrentHashMap<>();

    private Sandbox() {
    }

    /** Whether bubblewrap can run a JVM here, tried once per JVM and mode (a real JVM start, about 0.3 s). */
    public static Status probe(Mode mode) {
        if (mode == Mode.OFF) {
            return new Status(false, WITHOUT + " (the sandbox was turned off with -Dkata.sandbox=off)");
        }
        return PROBED.computeIfAbsent("auto", k -> tryIt());
    }

    private static Status tryIt() {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            return new Status(false, WITHOUT + " (bubblewrap needs Linux; this is " + System.getProperty("os.name") + ")");
        }
        Path bwrap = onPath("bwrap");
        Path prlimit = onPath("prlimit");
        if (bwrap == null || prlimit == null) {
            return new Status(false, WITHOUT + " (" + (bwrap == null ? "bwrap" : "prlimit")
                    + " is not installed: install the package bubblewrap" + (prlimit == null ? " and util-linux" : "") + ")");
        }
        List<String> java = new ArrayList<>(List.of(javaBinary(), "-Xmx512m"));
        java.addAll(JVM_FLAGS);
        java.add("-version");
        List<String> command = wrap(java, Map.of(), "");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readNBytes(4096);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Status(false, WITHOUT + " (bubblewrap did not start a JVM within 30 s)");
            }
            if (p.exitValue() != 0) {
                String why = new String(out, StandardCharsets.UTF_8).strip().lines().findFirst().orElse("");
                return new Status(false, WITHOUT + " (bubblewrap cannot run here: " + why + ")");
            }
        } catch (IOException e) {
            return new Status(false, WITHOUT + " (bubblewrap cannot run here: " + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Status(false, WITHOUT + " (interrupted while trying bubblewrap)");
        }
        return new Status(true, WITH);
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * The command that runs {@code inner} under bubblewrap and prlimit.
     *
     * @param binds     host folder → folder inside {@link #INSIDE}, all read-only
     * @param classPath the child's class path: its jars are shown read-only; of its folders only the
     *                  harness's own package ({@code gradientkata/kata}), its time limit and the oracle
     *                  tables are shown, never compiled lessons or solutions
     */
    static List<String> wrap(List<String> inner, Map<Path, String> binds, String classPath) {
        List<String> c = new ArrayList<>(List.of(onPath("bwrap").toString(), "--unshare-all", "--die-with-parent",
                "--new-session", "--cap-drop", "ALL", "--clearenv", "--setenv", "PATH", "/usr/bin:/bin",
                "--setenv", "HOME", WORK, "--setenv", "LANG", "C.UTF-8", "--setenv", "MALLOC_ARENA_MAX", "2"));
        // The system: /usr, and the top-level links or folders a merged or split /usr needs.
        c.addAll(List.of("--ro-bind", "/usr", "/usr"));
        for (String top : List.of("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")) {
            Path p = Path.of(top);
            if (Files.isSymbolicLink(p)) {
                try {
                    c.addAll(List.of("--symlink", Files.readSymbolicLink(p).toString(), top));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else if (Files.isDirectory(p)) {
                c.addAll(List.of("--ro-bind", top, top));
            }
        }
        // The JDK, and what its links point at outside /usr (Debian keeps conf/ under /etc).
        Set<String> shown = new LinkedHashSet<>();
        Path javaHome = realPath(Path.of(System.getProperty("java.home")));
        if (!javaHome.startsWith("/usr/")) {
            shown.add(javaHome.toString());
        }
        try (Stream<Path> walk = Files.walk(javaHome)) {
            for (Path link : walk.filter(Files::isSymbolicLink).toList()) {
                Path target = realPath(link);
                if (Files.exists(target) && !target.startsWith("/usr/") && !target.startsWith(javaHome)) {
                    shown.add(target.toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The class path: jars as they are; of folders, the harness's classes only, the per-check
        // time limit the engine reads (junit-platform.properties) and the lessons' oracle tables
        // (oracle/, read by the lesson tests as resources).
        for (String entry : classPath.isEmpty() ? new String[0] : classPath.split(File.pathSeparator)) {
            Path p = Path.of(entry).toAbsolutePath();
            if (Files.isRegularFile(p)) {
                shown.add(p.toString());
            } else if (Files.isDirectory(p.resolve("gradientkata/kata"), LinkOption.NOFOLLOW_LINKS)) {
                shown.add(p.resolve("gradientkata/kata").toString());
                if (Files.isRegularFile(p.resolve("junit-platform.properties"), LinkOption.NOFOLLOW_LINKS)) {
                    shown.add(p.resolve("junit-platform.properties").toString());
                }
                if (Files.isDirectory(p.resolve("oracle"), LinkOption.NOFOLLOW_LINKS)) {
                    shown.add(p.resolve("oracle").toString());
                }
            }
        }
        // Private, empty and small: /tmp and the working folder. Mounted first, so that a class path under /tmp still shows.
        c.addAll(List.of("--proc", "/proc", "--dev", "/dev",
                "--size", Long.toString(FILE_SIZE), "--tmpfs", "/tmp",
                "--size", Long.toString(FILE_SIZE), "--tmpfs", WORK));
        shown.forEach(s -> c.addAll(List.of("--ro-bind", s, s)));
        binds.forEach((host, inside) -> c.addAll(List.of("--ro-bind", host.toString(), INSIDE + "/" + inside)));
        c.addAll(List.of("--remount-ro", "/", "--chdir", WORK)); // the folders made for mount points are not writable either
        c.addAll(List.of("--", onPath("prlimit").toString(), "--as=" + ADDRESS_SPACE, "--nproc=" + PROCESSES,
                "--fsize=" + FILE_SIZE, "--nofile=" + OPEN_FILES, "--core=0", "--"));
        c.addAll(inner);
        return c;
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    private static Path onPath(String name) {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin", "/usr/local/bin")) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
