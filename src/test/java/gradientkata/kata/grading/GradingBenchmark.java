package gradientkata.kata.grading;

import gradientkata.kata.FileTrees;
import gradientkata.kata.Kata;
import gradientkata.kata.Lesson;
import gradientkata.kata.engine.Engine;
import gradientkata.kata.integrity.WrongVersions;
import gradientkata.kata.grading.Grade.LessonGrade;
import gradientkata.kata.integrity.WrongVersions.WrongVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./mvnw -q test-compile exec:java@benchmark-grading [-Dcount=30]}: generates a class of
 * submissions (per lesson, the reference, the scaffold or one of the wrong versions), grades it
 * with the class grader, then runs {@code ./mvnw -o -q test} once per submission in a copy of the
 * kata, and prints the seconds per submission of each, their ratio, and whether the scores agree.
 * {@code -Dbenchmark.maven=false} times the class grader alone; {@code -Dbenchmark.through=05} gives
 * the submissions the files of lessons 00 to 05 only (the kata's size when the grader's speed target
 * was set), so the later lessons are graded as missing and cost nothing; {@code -Dkata.classArchive=off}
 * grades without the children's class-data archive ({@link ClassArchive}). Everything it made is
 * deleted at the end, unless {@code -Dbenchmark.keep=true}.
 */
public final class GradingBenchmark {

    private static final Pattern LESSON_POINTS = Pattern.compile(
            "\\{\"lesson\":\"(\\d\\d)\",\"title\":\"(?:[^\"\\\\]|\\\\.)*\",\"outcome\":\"[^\"]*\",\"reason\":\"(?:[^\"\\\\]|\\\\.)*\",\"points\":([\\d.]+)");

    private static final Pattern CHECK_STATUS = Pattern.compile(
            "\\{\"lesson\":\"\\d\\d\",\"id\":\"((?:[^\"\\\\]|\\\\.)*)\",\"name\":\"(?:[^\"\\\\]|\\\\.)*\",\"status\":\"([^\"]*)\"");

    private GradingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("kata-benchmark-");
        boolean agree;
        try {
            agree = run(dir);
        } finally {
            if (System.getProperty("benchmark.keep", "false").equals("true")) {
                System.out.println("The submissions, gradebook and copies of the kata are kept in " + dir);
            } else {
                FileTrees.deleteTree(dir); // a copy of the kata per submission: hundreds of MB (-Dbenchmark.keep=true keeps them)
            }
        }
        if (!agree) {
            System.exit(1);
        }
    }

    /** Runs the benchmark in {@code dir}; false when the two ways of grading disagree. */
    private static boolean run(Path dir) throws Exception {
        Kata kata = Kata.current();
        int count = Integer.parseInt(System.getProperty("count", "30"));
        Path submissions = Files.createDirectories(dir.resolve("submissions"));
        String through = System.getProperty("benchmark.through", "99");
        System.out.printf("Generating %d submissions in %s%s …%n", count, submissions,
                through.equals("99") ? "" : " (the files of lessons 00 to " + through + " only)");
        generate(kata, submissions, count, through);

        long start = System.nanoTime();
        List<Grade> grades = new ClassGrader(new Grader(kata, Grader.Options.standard())).gradeAll(submissions, dir.resolve("gradebook"));
        double graderSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("Class grader: %.1f s for %d submissions (%.2f s each), %s%n", graderSeconds, count, graderSeconds / count,
                ClassGrader.summary(Sandbox.probe(Sandbox.Mode.fromProperty())));
        if (System.getProperty("benchmark.maven", "true").equals("false")) {
            return true; // -Dbenchmark.maven=false: the class grader alone
        }

        Map<String, Map<String, String>> mavenPoints = new TreeMap<>();
        double mavenSeconds = 0;
        int i = 0;
        for (Grade grade : grades) {
            Path copy = dir.resolve("maven-" + (i++));
            long t = System.nanoTime();
            Path gradeJson = mavenTest(kata, submissions.resolve(grade.student()), copy);
            mavenSeconds += (System.nanoTime() - t) / 1e9;
            mavenPoints.put(grade.student(), points(gradeJson));
            System.out.printf("  ./mvnw -o -q test, submission %d of %d: %.1f s%n", i, grades.size(), (System.nanoTime() - t) / 1e9);
        }

        List<String> mismatches = new ArrayList<>();
        for (Grade grade : grades) {
            for (LessonGrade l : grade.lessons()) {
                String ours = Reports.num(l.points());
                String theirs = mavenPoints.get(grade.student()).getOrDefault(l.lesson().number(), "?");
                if (!ours.equals(theirs)) {
                    mismatches.add(grade.student() + " lesson " + l.lesson().number() + ": grader " + ours + ", Maven " + theirs);
                }
            }
        }
        double perGrader = graderSeconds / count;
        double perMaven = mavenSeconds / count;
        System.out.println();
        System.out.printf("| way of grading %d submissions | seconds per submission |%n|---|---|%n", count);
        System.out.printf("| class grader (child JVM per submission, %d at a time) | %.2f |%n", Runtime.getRuntime().availableProcessors(), perGrader);
        System.out.printf("| ./mvnw -o -q test once per submission | %.2f |%n", perMaven);
        System.out.printf("%nThe class grader is %.1f× faster; scores %s.%n", perMaven / perGrader,
                mismatches.isEmpty() ? "identical for every submission and lesson" : "DIFFER:\n  " + String.join("\n  ", mismatches));
        return mismatches.isEmpty();
    }

    /** Per lesson: the reference, the scaffold, or one of its wrong versions, cycling so that every kind occurs. */
    static void generate(Kata kata, Path out, int count) throws IOException {
        generate(kata, out, count, "99");
    }

    /** As above, with files only for the lessons numbered up to {@code through} (two digits). */
    static void generate(Kata kata, Path out, int count, String through) throws IOException {
        Engine engine = new Engine(kata);
        for (int s = 0; s < count; s++) {
            Path root = out.resolve(String.format("student-%02d", s + 1));
            for (int li = 0; li < kata.lessons().size(); li++) {
                Lesson lesson = kata.lessons().get(li);
                if (lesson.number().compareTo(through) > 0) {
                    continue;
                }
                Map<String, String> reference = engine.learnerFiles(lesson, kata.solutions());
                List<WrongVersion> wrong = WrongVersions.parse(FileTrees.read(kata.wrongVersions(lesson)), lesson.id());
                int pick = (s + li) % (2 + wrong.size());
                Map<String, String> files = pick == 0 ? reference
                        : pick == 1 ? engine.learnerFiles(lesson, kata.scaffolds())
                        : WrongVersions.apply(wrong.get(pick - 2), lesson, reference);
                for (Map.Entry<String, String> f : files.entrySet()) {
                    Path target = root.resolve("src/main/java").resolve(f.getKey());
                    Files.createDirectories(target.getParent());
                    Files.writeString(target, f.getValue(), StandardCharsets.UTF_8);
                }
            }
        }
    }

    /**
     * Grades one submission the learner's way: a copy of the kata with the submission's
     * {@code src/main/java}, then {@code ./mvnw -o -q test} in it (output in {@code maven.log}).
     *
     * @return the canonical record that run wrote, {@code target/kata/grade.json} of the copy
     */
    static Path mavenTest(Kata kata, Path submission, Path copy) throws IOException, InterruptedException {
        return mavenTest(kata, submission, copy, null);
    }

    /** As above, with {@code MAVEN_OPTS} set for the Maven JVM ({@code null}: left as it is). */
    static Path mavenTest(Kata kata, Path submission, Path copy, String mavenOpts) throws IOException, InterruptedException {
        for (String top : List.of("pom.xml", "mvnw", "mvnw.cmd", ".mvn", "lessons", "src/test", "solutions")) {
            FileTrees.copyTree(kata.root().resolve(top), copy.resolve(top));
        }
        FileTrees.copyTree(submission.resolve("src/main/java"), copy.resolve("src/main/java"));
        ProcessBuilder builder = new ProcessBuilder(copy.resolve("mvnw").toString(), "-o", "-q", "test").directory(copy.toFile())
                .redirectErrorStream(true).redirectOutput(copy.resolve("maven.log").toFile());
        if (mavenOpts != null) {
            builder.environment().put("MAVEN_OPTS", mavenOpts);
        }
        Process p = builder.start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        return copy.resolve("target/kata/grade.json");
    }

    /** Lesson number → points, as a canonical record ({@code grade.json}) states them. */
    static Map<String, String> points(Path gradeJson) throws IOException {
        return pairs(gradeJson, LESSON_POINTS);
    }

    /** Check id → status label, as a canonical record ({@code grade.json}) states them. */
    static Map<String, String> statuses(Path gradeJson) throws IOException {
        return pairs(gradeJson, CHECK_STATUS);
    }

    /** Group 1 → group 2 of every match in the file, in file order; empty when there is no file. */
    private static Map<String, String> pairs(Path file, Pattern pattern) throws IOException {
        Map<String, String> pairs = new LinkedHashMap<>();
        if (Files.isRegularFile(file)) {
            Matcher m = pattern.matcher(Files.readString(file));
            while (m.find()) {
                pairs.put(m.group(1), m.group(2));
            }
        }
        return pairs;
    }
}
