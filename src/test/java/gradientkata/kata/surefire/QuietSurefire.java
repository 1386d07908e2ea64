package gradientkata.kata.surefire;

import java.util.List;

/**
 * Keeps Surefire's console lines off the learner's screen in {@code ./mvnw test}, so that the
 * verdict is the whole story. Runs in Maven's JVM (exec-maven-plugin, phase
 * {@code process-test-classes}, just before Surefire), in the learner's build only: {@code -Psolutions},
 * {@code -Pkata} and {@code -Dkata.loud=true} skip it, and an IDE never runs it.
 *
 * <p>How it works: Maven 3.9 logs through its slf4j simple logger, and gives each mojo a logger named
 * after the mojo's class ({@code org.apache.maven.plugin.surefire.SurefireMojo} for {@code surefire:test}).
 * The simple logger fixes a logger's level when the logger is created, from the system property
 * {@code org.slf4j.simpleLogger.log.NAME}; Maven creates a mojo's logger only when that mojo
 * runs. Setting the property here, after the test classes are compiled and before Surefire starts,
 * therefore silences Surefire's "Tests run", "Results" and per-failure lines for this one build,
 * and leaves every logger already created (Maven's own errors, javac's) as it was. Surefire still
 * writes every detail to {@code target/surefire-reports/}; the verdict that follows reads the results
 * the {@link SurefireRecorder} wrote, and {@link AfterTests} writes {@code target/kata/grade.md}.
 * A Surefire failure that stops the build (a crashed test JVM) still reaches the screen, through
 * Maven's own error report.
 */
public final class QuietSurefire {

    /** The loggers of {@code surefire:test}: the mojo's, and the one that announces the JUnit provider. */
    static final List<String> LOGGERS = List.of(
            "org.apache.maven.plugin.surefire.SurefireMojo",
            "org.apache.maven.surefire.providerapi.ProviderDetector");

    private QuietSurefire() {
    }

    public static void main(String[] args) {
        for (String logger : LOGGERS) {
            System.setProperty("org.slf4j.simpleLogger.log." + logger, "off");
        }
    }
}
