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
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
        List<Grade> grades = new ClassGrader(new Grader(kata, Grader.Options.standard())).gradeAll(in, out);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("Graded %d submissions in %.1f s (%.2f s each). Gradebook: %s%n", grades.size(), seconds,
                seconds / Math.max(1, grades.size()), kata.show(out.resolve("gradebook.csv")));
    }

    /** Grades every submission in {@code in}, two at a time per core, and writes the gradebook into {@code out}. */
    public List<Grade> gradeAll(Path in, Path out) throws IOException, InterruptedException {
        List<Path> entries;
        try (Stream<Path> list = Files.list(in)) {
            entries = list.filter(p -> !p.getFileName().toString().startsWith(".")).sorted(Comparator.comparing(Path::toString)).toList();
        }
        Files.createDirectories(out);
        Path work = Files.createTempDirectory("kata-grading-");
        int jobs = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(jobs);
        try {
            List<Future<Grade>> futures = new ArrayList<>();
            for (Path entry : entries) {
                String student = studentName(entry);
                futures.add(pool.submit(() -> gradeOne(student, entry, work.resolve(student), out.resolve(student))));
            }
            List<Grade> grades = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    grades.add(futures.get(i).get());
                } catch (java.util.concurrent.ExecutionException e) {
                    // Never lose a row: a failure of the grader itself still gives the student a line, with the reason.
                    grades.add(failed(studentName(entries.get(i)), "the grader failed: " + e.getCause()));
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

    static String studentName(Path entry) {
        String name = entry.getFileName().toString();
        return name.toLowerCase().endsWith(".zip") ? name.substring(0, name.length() - 4) : name;
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
            out.append(',').append(Reports.num(g.points())).append(',').append(Reports.num(g.max()))
                    .append(',').append(quote(String.join("; ", notes))).append('\n');
        }
        return out.toString();
    }

    private static String firstLine(String s) {
        return s.lines().findFirst().orElse("");
    }

    private static String quote(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

}
