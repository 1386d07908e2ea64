package gradientkata.kata.surefire;

import gradientkata.kata.Kata;
import gradientkata.kata.Lesson;
import java.util.Optional;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.PostDiscoveryFilter;

/**
 * {@code ./mvnw test -Dlesson=01}: keeps the tests of lesson 01 and drops every other test.
 * Registered through {@code META-INF/services}; without {@code -Dkata.lesson} it keeps everything.
 * An unknown lesson number keeps nothing, and the verdict says which numbers exist.
 */
public final class LessonFilter implements PostDiscoveryFilter {

    private final String wanted = System.getProperty("kata.lesson", "").strip();
    private final Optional<Lesson> lesson = wanted.isEmpty() ? Optional.empty() : Kata.current().lesson(wanted);

    @Override
    public FilterResult apply(TestDescriptor descriptor) {
        if (wanted.isEmpty()) {
            return FilterResult.included("all lessons");
        }
        Optional<String> className = descriptor.getSource().flatMap(LessonFilter::className);
        boolean keep = className.isPresent() && lesson.isPresent() && lesson.get().owns(className.get());
        return FilterResult.includedIf(keep, () -> "lesson " + wanted, () -> "not lesson " + wanted);
    }

    private static Optional<String> className(TestSource source) {
        if (source instanceof MethodSource m) {
            return Optional.of(m.getClassName());
        }
        if (source instanceof ClassSource c) {
            return Optional.of(c.getClassName());
        }
        return Optional.empty();
    }
}
