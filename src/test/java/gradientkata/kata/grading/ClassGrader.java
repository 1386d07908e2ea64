package gradientkata.kata.grading;

import gradientkata.kata.FileTrees;
import gradientkata.kata.Kata;
import gradientkata.kata.Lesson;
import gradientkata.kata.grading.Grade.LessonGrade;
import gradientkata.kata.grading.Grade.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Grades a whole class in one command:
 * {@code ./mvnw -q test-compile exec:java@grade -Dsubmissions=DIR [-Dgradebook=DIR]}.
 * Every entry of {@code DIR} (a folder or a zip) is one student's submission. Writes
 * {@code gradebook.csv} (one row per submission, one column per lesson, the total) and each
 * student's reports ({@link Reports}) into the gradebook folder. Every submission gets a row,
 * whatever it holds.
 */
public final class ClassGrader {

    private final Grader grader;

    public ClassGrader(Grader grader) {
        this.grader = grader;
    }

    /**
     * {@code ./kata grade DIR} or {@code -Dsubmissions=DIR}: grades every entry of DIR and writes the
     * gradebook into {@code -Dgradebook} (default {@code target/gradebook}).
     */
    public static void main(String[] args) throws Exception {
        String submissions = System.getProperty("submissions", "");
        if (submissions.isBlank()) {
            System.err.println("Say which folder holds the submissions: ./kata grade path/to/folder"
                    + " (or -Dsubmissions=path/to/folder)");
            System.exit(2);
        }
        Path in = Path.of(submissions).toAbsolutePath();
        if (!Files.isDirectory(in)) {
            System.err.println("No such folder: " + in);
            System.exit(2);
        }
        Kata kata = Kata.current();
        Path out = Path.of(System.getProperty("gradebook", kata.root().resolve("target/gradebook").toString())).toAbsolutePath();
        long start = System.nanoTime();
        Grader grader = new Grader(kata, Grader.Options.standard());
        List<Grade> grades = new ClassGrader(grader).gradeAll(in, out);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("Graded %d submissions in %.1f s (%.2f s each), %s. Gradebook: %s%n", grades.size(), seconds,
                seconds / Math.max(1, grades.size()), summary(grader.sandbox()), kata.show(out.resolve("gradebook.csv")));
    }

    /** The summary line's word on containment: the sandbox, or plainly that there was none and why. */
    static String summary(Sandbox.Status sandbox) {
        return sandbox.active() ? "in the OS sandbox (bubblewrap)" : sandbox.note();
    }

    /**
     * Grades every entry in {@code in} (names starting with a dot too), one per core at a time, and writes
     * the gradebook into {@code out}: each student's reports in a folder of their own, named after them but
     * made safe ({@link #folderNames}), and {@code gradebook.csv}.
     */
    public List<Grade> gradeAll(Path in, Path out) throws IOException, InterruptedException {
        List<Path> entries;
        try (Stream<Path> list = Files.list(in)) {
            entries = list.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        }
        List<String> students = studentNames(entries);
        List<String> folders = folderNames(students);
        Files.createDirectories(out);
        Path work = Files.createTempDirectory("kata-grading-");
        int jobs = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(jobs);
        try {
            List<Future<Grade>> futures = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                String student = students.get(i);
                Path entry = entries.get(i);
                Path scratch = work.resolve(String.format("%05d", i));
                Path reports = out.resolve(folders.get(i));
                futures.add(pool.submit(() -> gradeOne(student, entry, scratch, reports)));
            }
            List<Grade> grades = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    grades.add(futures.get(i).get());
                } catch (java.util.concurrent.ExecutionException e) {
                    // Never lose a row: a failure of the grader itself still gives the student a line, with the reason.
                    grades.add(failed(students.get(i), "the grader failed: " + e.getCause()));
                }
            }
            Files.writeString(out.resolve("gradebook.csv"), csv(grades), StandardCharsets.UTF_8);
            return grades;
        } finally {
            pool.shutdownNow();
            FileTrees.deleteTree(work);
        }
    }

    private Grade gradeOne(String student, Path entry, Path work, Path reports) throws IOException {
        Files.createDirectories(work);
        Grade grade = grader.grade(student, entry, work);
        Reports.write(grade, reports);
        return grade;
    }

    private Grade failed(String student, String reason) {
        List<LessonGrade> lessons = grader.kata().lessons().stream()
                .map(l -> Grade.score(l, grader.expected(l), List.of(), Outcome.CRASHED, reason)).toList();
        return new Grade(student, lessons, List.of());
    }

    /**
     * Each entry's student: its name, without ".zip" unless another entry already has that name
     * ({@code x} and {@code x.zip} stay two students).
     */
    static List<String> studentNames(List<Path> entries) {
        Set<String> names = new HashSet<>();
        entries.forEach(e -> names.add(e.getFileName().toString()));
        List<String> students = new ArrayList<>();
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            String bare = name.toLowerCase(Locale.ROOT).endsWith(".zip") ? name.substring(0, name.length() - 4) : name;
            students.add(bare.isEmpty() || names.contains(bare) ? name : bare);
        }
        return students;
    }

    /** Names a report folder may not take: the gradebook itself, and names Windows keeps for devices. */
    private static final Pattern RESERVED = Pattern.compile("(?i)gradebook\\.csv|(con|prn|aux|nul|com[0-9]|lpt[0-9])(\\..*)?");

    /**
     * One report folder per student, in the same order: letters, digits, '.', '-' and '_' kept, anything
     * else (control characters, slashes, spaces, quotes) turned into '_'; never starting with a dot, never
     * a reserved name, at most 80 characters, and never the same as another's (ignoring case, for file
     * systems that do): a clash gets "-2", "-3"…
     */
    static List<String> folderNames(List<String> students) {
        Set<String> taken = new HashSet<>();
        List<String> folders = new ArrayList<>();
        for (String student : students) {
            StringBuilder safe = new StringBuilder();
            student.codePoints().limit(80).forEach(c -> {
                if (Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_') {
                    safe.appendCodePoint(c);
                } else {
                    safe.append('_');
                }
            });
            String base = safe.toString();
            if (base.isEmpty() || base.startsWith(".") || RESERVED.matcher(base).matches()) {
                base = "_" + base;
            }
            String folder = base;
            for (int n = 2; !taken.add(folder.toLowerCase(Locale.ROOT)); n++) {
                folder = base + "-" + n;
            }
            folders.add(folder);
        }
        return folders;
    }

    /** One row per submission: points per lesson, the total, and the reasons for any lesson not graded normally. */
    String csv(List<Grade> grades) {
        StringBuilder out = new StringBuilder("student");
        for (Lesson l : grader.kata().lessons()) {
            out.append(',').append(quote(l.number() + " " + l.title() + " (" + l.points() + ")"));
        }
        out.append(",total,max,notes\n");
        for (Grade g : grades) {
            out.append(quote(g.student()));
            g.lessons().forEach(l -> out.append(',').append(Reports.num(l.points())));
            List<String> notes = new ArrayList<>();
            g.lessons().stream().filter(l -> l.outcome() != Outcome.GRADED)
                    .forEach(l -> notes.add(l.lesson().number() + ": " + l.outcome().label() + " (" + firstLine(l.reason()) + ")"));
            if (!g.ignored().isEmpty()) {
                notes.add(g.ignored().size() + " file(s) ignored");
            }
            if (!g.sandbox().isEmpty() && !g.sandbox().equals(Sandbox.WITH)) {
                notes.add("graded without the OS sandbox");
            }
            out.append(',').append(Reports.num(g.points())).append(',').append(Reports.num(g.max()))
                    .append(',').append(quote(String.join("; ", notes))).append('\n');
        }
        return out.toString();
    }

    private static String firstLine(String s) {
        return s.lines().findFirst().orElse("");
    }

    /**
     * A CSV cell: quoted, control characters shown as escapes, and a leading '=', '+', '-', '@', tab or
     * carriage return defused with a "'" so that no spreadsheet reads a formula into a name.
     */
    static String quote(String s) {
        String text = Reports.printable(s);
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }

}
