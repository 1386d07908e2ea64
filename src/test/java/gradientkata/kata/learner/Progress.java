package gradientkata.kata.learner;

import gradientkata.kata.Kata;
import gradientkata.kata.Lesson;
import gradientkata.kata.engine.Engine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a learner stands, judged only by running the engine: the lessons in order, up to and
 * including the first one that is not complete, the current lesson. There is no state file to
 * drift from what the checks say. A lesson's last run is reused only while its learner files are
 * exactly the text that run compiled (a lesson compiles its own files only, so nothing else can
 * change its result).
 */
final class Progress {

    private record Checked(Map<String, String> files, Engine.Run run) {
    }

    private final Kata kata;
    private final Engine engine;
    private final Path sourceRoot;
    private final Map<String, Checked> checked = new HashMap<>();
    private List<Engine.Run> runs = List.of();

    /** @param sourceRoot where the learner files are, normally {@link Kata#scaffolds()} */
    Progress(Kata kata, Engine engine, Path sourceRoot) {
        this.kata = kata;
        this.engine = engine;
        this.sourceRoot = sourceRoot;
    }

    /**
     * Catches up with the files on disk: walks the lessons in order, runs each one that has not
     * run on its files as they are now, and stops at the first lesson that is not complete.
     *
     * @return the lessons run this time, in order; empty when nothing up to the current lesson changed
     */
    List<Lesson> update() {
        List<Engine.Run> upToCurrent = new ArrayList<>();
        List<Lesson> ran = new ArrayList<>();
        for (Lesson lesson : kata.lessons()) {
            Map<String, String> files = engine.learnerFiles(lesson, sourceRoot);
            Checked last = checked.get(lesson.number());
            if (last == null || !last.files().equals(files)) {
                last = new Checked(files, engine.run(lesson, files));
                checked.put(lesson.number(), last);
                if (sourceRoot.equals(kata.scaffolds())) {
                    LessonRecords.of(kata).record(lesson, files, complete(last.run()));
                }
                ran.add(lesson);
            }
            upToCurrent.add(last.run());
            if (!complete(last.run())) {
                break;
            }
        }
        runs = List.copyOf(upToCurrent);
        return ran;
    }

    /** The runs of the lessons up to the current one, in order, as of the last {@link #update}. */
    List<Engine.Run> runs() {
        return runs;
    }

    /** The first lesson that is not complete; empty when every lesson is. */
    Optional<Lesson> current() {
        return runs.stream().filter(r -> !complete(r)).map(Engine.Run::lesson).findFirst();
    }

    /** The same verdict {@code ./mvnw test} prints, for the lessons up to the current one. */
    Verdict verdict() {
        return Verdict.of(kata, runs);
    }

    /**
     * The first lesson that is not complete, trusting {@link LessonRecords} for every lesson whose
     * files are exactly those of its recorded run and running the engine only for the others (whose
     * results it records in turn). This is what makes {@code ./kata hint} fast after any run.
     *
     * @param engine made only when a lesson has no trustworthy record
     */
    static Optional<Lesson> currentFromRecords(Kata kata, java.util.function.Supplier<Engine> engine) {
        LessonRecords records = LessonRecords.of(kata);
        Engine made = null;
        for (Lesson lesson : kata.lessons()) {
            Optional<Boolean> known = records.complete(lesson);
            boolean complete;
            if (known.isPresent()) {
                complete = known.get();
            } else {
                made = made == null ? engine.get() : made;
                Map<String, String> files = made.learnerFiles(lesson, kata.scaffolds());
                complete = complete(made.run(lesson, files));
                records.record(lesson, files, complete);
            }
            if (!complete) {
                return Optional.of(lesson);
            }
        }
        return Optional.empty();
    }

    static boolean complete(Engine.Run run) {
        return run.compiled() && run.total() > 0 && run.failures().isEmpty();
    }
}
