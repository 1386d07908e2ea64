package gradientkata.kata;

/**
 * What happened to one check (one test, one parameterized case, or a container that failed
 * before its tests could run).
 *
 * @param lesson  the lesson's number, or "" for a test outside every lesson
 * @param id      JUnit's unique id: stable across runs, the key a grade is scored on
 * @param name    the sentence a learner reads: display names from the class down, joined by " › "
 * @param status  the outcome
 * @param message the failure's message, as the test wrote it ("" when it passed)
 * @param trace   the exception type and the frames of the kata's own code ("" when it passed)
 * @param millis  how long it took
 */
public record TestResult(String lesson, String id, String name, Status status, String message,
                         String trace, long millis) {

    public enum Status {
        PASSED, FAILED, ERROR, TIMEOUT, SKIPPED, NOT_RUN, CRASHED;

        public String label() {
            return name().toLowerCase().replace('_', ' ');
        }
    }

    public boolean passed() {
        return status == Status.PASSED;
    }

    /** Whether the check failed only because the learner has not started (a TODO stub threw). */
    public boolean todo() {
        return trace.startsWith(UnsupportedOperationException.class.getName()) && message.startsWith("TODO");
    }
}
