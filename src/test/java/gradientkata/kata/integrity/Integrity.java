package gradientkata.kata.integrity;

import gradientkata.kata.FileTrees;
import gradientkata.kata.Kata;
import gradientkata.kata.Lesson;
import gradientkata.kata.TestResult;
import gradientkata.kata.engine.Engine;
import gradientkata.kata.engine.PublicApi;
import gradientkata.kata.grading.CodeRules;
import gradientkata.kata.grading.Fingerprints;
import gradientkata.kata.integrity.WrongVersions.WrongVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The checks that prove the kata itself is sound, each a view on the {@link Engine}. Every check
 * returns the problems it found, in sentences; an empty list means the rule holds.
 */
public final class Integrity {

    /** A lesson ships at least this many wrong versions. */
    static final int MIN_WRONG_VERSIONS = 3;

    private final Kata kata;
    private final Engine engine;

    public Integrity(Kata kata) {
        this.kata = kata;
        this.engine = new Engine(kata);
    }

    /**
     * The reference solution passes every test of the lesson, and keeps to the grader's
     * {@link CodeRules}: what the reference needs, a student's solution may use too.
     */
    public List<String> referencePasses(Lesson lesson) {
        Engine.Compiled compiled = engine.compile(lesson, engine.learnerFiles(lesson, kata.solutions()));
        Engine.Run run = engine.execute(compiled);
        List<String> problems = new ArrayList<>(compileProblems(lesson, "reference solution", run));
        if (compiled.ok()) {
            CodeRules.violations(compiled).forEach(v -> problems.add("lesson " + lesson.number()
                    + ": the reference breaks the grader's code rules, so a student's solution like it would be rejected: " + v));
        }
        run.failures().forEach(r -> problems.add("lesson " + lesson.number() + ": the reference solution fails '" + r.name()
                + "' (" + r.status().label() + "): " + firstLine(r.message())));
        return problems;
    }

    /**
     * The scaffold compiles and fails every test, and so does the laziest stub (every TODO method
     * returning 0, 0.0, false or null): a lesson that starts green teaches nothing.
     */
    public List<String> scaffoldFailsEveryCheck(Lesson lesson) {
        Map<String, String> scaffold = engine.learnerFiles(lesson, kata.scaffolds());
        List<String> problems = new ArrayList<>(startsRed(lesson, "scaffold", engine.run(lesson, scaffold)));
        try {
            problems.addAll(startsRed(lesson, "lazy stub (each TODO returns a default)", engine.run(lesson, LazyStubs.of(scaffold))));
        } catch (IllegalStateException e) {
            problems.add("lesson " + lesson.number() + ": " + e.getMessage());
        }
        return problems;
    }

    /**
     * Every check fails. A table of cases (the invocations of one parameterized test) counts as one
     * check here: some of its rows may have the default value as their answer (an oracle row where
     * the true value underflows to 0.0, say), so the table must have at least one failing row.
     */
    private List<String> startsRed(Lesson lesson, String variant, Engine.Run run) {
        List<String> problems = new ArrayList<>(compileProblems(lesson, variant, run));
        Map<String, List<TestResult>> byTest = new java.util.LinkedHashMap<>();
        for (TestResult r : run.results()) {
            int row = r.id().indexOf("/[test-template-invocation:");
            byTest.computeIfAbsent(row < 0 ? r.id() : r.id().substring(0, row), k -> new ArrayList<>()).add(r);
        }
        byTest.values().stream().filter(rows -> rows.stream().allMatch(TestResult::passed)).forEach(rows -> problems.add(
                "lesson " + lesson.number() + ": the " + variant + " passes '" + rows.get(0).name()
                        + (rows.size() > 1 ? "' and every other row of its table" : "'")
                        + ": a check that passes before the learner writes anything teaches nothing"));
        return problems;
    }

    /**
     * Scaffold and solution hold the same files, those of lesson.properties, with the same public
     * signatures, and each scaffold is its solution with every TODO body replaced by the throw
     * ({@link ScaffoldShape}).
     */
    public List<String> scaffoldMatchesSolution(Lesson lesson) {
        List<String> problems = new ArrayList<>();
        Set<String> listed = new TreeSet<>(lesson.files());
        Set<String> inScaffold = FileTrees.filesIn(kata.scaffolds().resolve(lesson.packagePath()));
        Set<String> inSolution = FileTrees.filesIn(kata.solutions().resolve(lesson.packagePath()));
        if (!inScaffold.equals(listed)) {
            problems.add("lesson " + lesson.number() + ": lesson.properties lists " + listed + " but the scaffold folder holds "
                    + inScaffold);
        }
        if (!inSolution.equals(listed)) {
            problems.add("lesson " + lesson.number() + ": lesson.properties lists " + listed + " but the solutions folder holds "
                    + inSolution);
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        try {
            TreeSet<String> scaffoldApi = PublicApi.of(engine.learnerFiles(lesson, kata.scaffolds()));
            TreeSet<String> solutionApi = PublicApi.of(engine.learnerFiles(lesson, kata.solutions()));
            for (String s : scaffoldApi) {
                if (!solutionApi.contains(s)) {
                    problems.add("lesson " + lesson.number() + ": only the scaffold has " + s);
                }
            }
            for (String s : solutionApi) {
                if (!scaffoldApi.contains(s)) {
                    problems.add("lesson " + lesson.number() + ": only the solution has " + s);
                }
            }
            problems.addAll(ScaffoldShape.problems(kata, lesson));
        } catch (IllegalStateException e) {
            problems.add("lesson " + lesson.number() + ": " + e.getMessage());
        }
        return problems;
    }

    /** At least three wrong versions, each applying cleanly, compiling, and failing at least one test. */
    public List<String> wrongVersionsRejected(Lesson lesson) {
        Path file = kata.wrongVersions(lesson);
        if (!Files.isRegularFile(file)) {
            return List.of("lesson " + lesson.number() + ": no wrong versions at " + kata.show(file));
        }
        List<WrongVersion> versions;
        try {
            versions = WrongVersions.parse(FileTrees.read(file), kata.show(file));
        } catch (IllegalArgumentException e) {
            return List.of("lesson " + lesson.number() + ": " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        if (versions.size() < MIN_WRONG_VERSIONS) {
            problems.add("lesson " + lesson.number() + ": " + versions.size() + " wrong versions in " + kata.show(file)
                    + "; a lesson needs at least " + MIN_WRONG_VERSIONS + " mistakes its tests are seen to reject");
        }
        Map<String, String> reference = engine.learnerFiles(lesson, kata.solutions());
        // The tests are compiled once, and each wrong version's run stops at its first failing check:
        // one rejection is all this rule asks for.
        // Compiled apart from the tests, a version that changed a signature the tests call would fail them
        // by a linkage error; it must keep the reference's public API, as a submission must for the grader.
        Engine.Compiled tests;
        Set<String> referenceApi;
        try {
            tests = engine.compileTests(lesson);
            referenceApi = PublicApi.of(reference);
        } catch (IllegalStateException e) {
            return List.of("lesson " + lesson.number() + ": " + e.getMessage());
        }
        for (WrongVersion version : versions) {
            try {
                Engine.Compiled compiled = engine.compileWith(tests, WrongVersions.apply(version, lesson, reference));
                if (compiled.ok()) {
                    Set<String> missing = new TreeSet<>(referenceApi);
                    missing.removeAll(PublicApi.ofClasses(compiled.learnerClassBytes()));
                    if (!missing.isEmpty()) {
                        problems.add("lesson " + lesson.number() + ": wrong version '" + version.name()
                                + "' changes the public API the tests call (" + String.join(", ", missing)
                                + "), so it proves nothing");
                        continue;
                    }
                }
                Engine.Run run = engine.executeUntilFirstFailure(compiled);
                if (!run.compiled()) {
                    problems.add("lesson " + lesson.number() + ": wrong version '" + version.name()
                            + "' does not compile, so it proves nothing: " + firstLine(run.compileErrors().get(0)));
                } else if (run.failures().isEmpty()) {
                    problems.add("lesson " + lesson.number() + ": wrong version '" + version.name() + "' passes all "
                            + run.total() + " tests: the tests do not catch this mistake");
                }
            } catch (IllegalStateException e) {
                problems.add("lesson " + lesson.number() + ": " + e.getMessage());
            }
        }
        return problems;
    }

    /** The lesson has its text, its experiment and a row in both lesson tables, and the text agrees with the metadata. */
    public List<String> materialsPresent(Lesson lesson) {
        List<String> problems = new ArrayList<>();
        String where = "lesson " + lesson.number() + ": ";
        Path experiment = lesson.dir().resolve("explore.jsh");
        if (!Files.isRegularFile(experiment)) {
            problems.add(where + "no experiment script at " + kata.show(experiment));
        }
        if (!Files.isRegularFile(lesson.readme())) {
            problems.add(where + "no lesson text at " + kata.show(lesson.readme()));
        } else {
            String readme = FileTrees.read(lesson.readme());
            String heading = "# Lesson " + lesson.number() + " — " + lesson.title();
            if (!readme.lines().findFirst().orElse("").strip().equals(heading)) {
                problems.add(where + kata.show(lesson.readme()) + " should open with '" + heading + "'");
            }
            for (String section : List.of("## The idea", "## The math", "## Your task", "## Hints", "## Run it")) {
                if (readme.lines().noneMatch(l -> l.strip().equals(section))) {
                    problems.add(where + kata.show(lesson.readme()) + " has no '" + section + "' section");
                }
            }
            for (int i = 0; i < lesson.hints().size(); i++) {
                String hint = (i + 1) + ". " + lesson.hints().get(i);
                if (readme.lines().noneMatch(l -> l.strip().equals(hint))) {
                    problems.add(where + "the README's hints do not list hint." + (i + 1) + " of lesson.properties as '" + hint + "'");
                }
            }
        }
        problems.addAll(tableRow(lesson, kata.syllabus(), ""));
        problems.addAll(tableRow(lesson, kata.root().resolve("README.md"), "lessons/"));
        return problems;
    }

    /** The lesson's row in a lesson table (the syllabus, or the main README's copy of it). */
    private List<String> tableRow(Lesson lesson, Path table, String linkPrefix) {
        String row = "| [" + lesson.number() + "](" + linkPrefix + lesson.id() + "/README.md) | " + lesson.title() + " |";
        String text = Files.isRegularFile(table) ? FileTrees.read(table) : "";
        List<String> rows = text.lines().filter(l -> l.startsWith(row)).toList();
        if (rows.size() != 1) {
            return List.of("lesson " + lesson.number() + ": the lesson table in " + kata.show(table)
                    + " needs exactly one row starting '" + row + "'");
        }
        if (!rows.get(0).strip().endsWith("| " + lesson.points() + " |")) {
            return List.of("lesson " + lesson.number() + ": its row in " + kata.show(table)
                    + " should end with the lesson's points, '| " + lesson.points() + " |'");
        }
        return List.of();
    }

    /** Every learner file and every reference file belongs to a lesson, and no two lessons share a package. */
    public List<String> everyFileBelongsToALesson() {
        List<String> problems = new ArrayList<>();
        Set<String> owned = kata.lessons().stream().flatMap(l -> l.sourcePaths().stream()).collect(Collectors.toSet());
        for (Path root : List.of(kata.scaffolds(), kata.solutions())) {
            for (String path : FileTrees.filesIn(root)) {
                if (!owned.contains(path)) {
                    problems.add(kata.show(root.resolve(path)) + " belongs to no lesson: list it in a lesson.properties or remove it");
                }
            }
        }
        Set<String> packages = new TreeSet<>();
        kata.lessons().stream().filter(l -> !packages.add(l.packageName()))
                .forEach(l -> problems.add("lesson " + l.number() + " shares its package " + l.packageName() + " with another lesson"));
        for (Path table : List.of(kata.syllabus(), kata.root().resolve("README.md"))) {
            long rows = Files.isRegularFile(table) ? FileTrees.read(table).lines().filter(l -> l.startsWith("| [")).count() : 0;
            if (rows != kata.lessons().size()) {
                problems.add("the lesson table in " + kata.show(table) + " has " + rows + " rows for " + kata.lessons().size() + " lessons");
            }
        }
        return problems;
    }

    /** The fingerprints of what the kata ships are current, so a graded build can tell when it was tampered with. */
    public List<String> manifestIsCurrent() {
        return Fingerprints.differences(kata.root()).stream()
                .map(d -> Fingerprints.FILE + " is stale (" + d + "): refresh it with " + Fingerprints.REFRESH).toList();
    }

    private static List<String> compileProblems(Lesson lesson, String variant, Engine.Run run) {
        if (run.compiled()) {
            return List.of();
        }
        return List.of("lesson " + lesson.number() + ": the " + variant + " does not compile with the lesson's tests:\n  "
                + String.join("\n  ", run.compileErrors()));
    }

    private static String firstLine(String s) {
        return s.lines().findFirst().orElse("");
    }

}
