package gradientkata.kata.integrity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The mutation gate: after PIT has mutated the reference solutions and run the lessons' checks
 * against every mutant, every mutant must be killed, or listed in
 * {@code src/test/pit-equivalent-mutants.txt} with the reason why no check can tell it from the
 * reference. The build fails on a surviving (or never covered) mutant that is not listed, and on
 * a listed mutant that no longer survives (a stale entry hides nothing but misleads the reader).
 *
 * <p>One line of the list names one mutant, as the report shows it, then its reason:
 * <pre>class | method | line | mutator | description → reason</pre>
 * for example {@code gradientkata.chain.ChainRule | product | 27 | MathMutator | Replaced double
 * multiplication with division → …}. The mutator is PIT's short name. Two mutants that agree on
 * all five need two lines. Blank lines and lines starting with {@code #} are ignored. Entries for
 * classes outside the run ({@code -Dpit.classes}) are not checked.
 *
 * <p>Run by {@code ./mvnw verify -Psolutions} (exec-maven-plugin, after PIT), reading the system
 * properties {@code pit.report}, {@code pit.equivalents} and {@code pit.classes}.
 */
public final class MutationGate {

    /** One mutant as the gate compares it: the five fields a list line names. */
    public record Key(String className, String method, int line, String mutator, String description) {
        @Override
        public String toString() {
            return className + " | " + method + " | " + line + " | " + mutator + " | " + description;
        }
    }

    /** One mutant from PIT's report. */
    public record Mutant(Key key, String status, boolean detected) {
    }

    /** One line of the list: a mutant and why it is equivalent. */
    public record Entry(Key key, String reason, int lineOfFile) {
    }

    /** What the comparison found. */
    public record Outcome(int mutants, int killed, int listed, List<Mutant> unlisted, List<Entry> stale) {
        public boolean passes() {
            return unlisted.isEmpty() && stale.isEmpty();
        }

        public String summary() {
            return String.format(Locale.ROOT, "%d mutants: %d killed (%.1f%%), %d listed as equivalent, %d unlisted survivors, %d stale entries",
                    mutants, killed, mutants == 0 ? 100.0 : 100.0 * killed / mutants, listed, unlisted.size(), stale.size());
        }
    }

    /** A gate that did not pass: the build stops with this message. */
    public static final class MutantsSurvived extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MutantsSurvived(String message) {
            super(message);
        }
    }

    private static final Pattern ARROW = Pattern.compile("\\s*(?:→|->)\\s*");

    private MutationGate() {
    }

    public static void main(String[] args) {
        Path report = Path.of(System.getProperty("pit.report", "target/solutions/pit-reports/mutations.xml"));
        Path equivalents = Path.of(System.getProperty("pit.equivalents", "src/test/pit-equivalent-mutants.txt"));
        String scope = System.getProperty("pit.classes", "gradientkata.*");
        if (!Files.isRegularFile(report)) {
            throw new MutantsSurvived("no PIT report at " + report + ": run ./mvnw verify -Psolutions");
        }
        Outcome outcome = compare(readReport(report), readList(read(equivalents)), inScope(scope));
        System.out.println("[mutation gate] " + outcome.summary());
        if (!outcome.passes()) {
            throw new MutantsSurvived(explain(outcome, equivalents));
        }
    }

    /** The comparison itself: every undetected mutant in scope must be listed, every listed one in scope must survive. */
    public static Outcome compare(List<Mutant> mutants, List<Entry> list, Predicate<String> inScope) {
        Map<Key, List<Entry>> remaining = new HashMap<>();
        for (Entry e : list) {
            if (inScope.test(e.key().className())) {
                remaining.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(e);
            }
        }
        List<Mutant> unlisted = new ArrayList<>();
        int killed = 0;
        int listed = 0;
        for (Mutant m : mutants) {
            if (m.detected()) {
                killed++;
                continue;
            }
            List<Entry> entries = remaining.get(m.key());
            if (entries != null && !entries.isEmpty()) {
                entries.remove(0);
                listed++;
            } else {
                unlisted.add(m);
            }
        }
        List<Entry> stale = remaining.values().stream().flatMap(List::stream)
                .sorted((a, b) -> Integer.compare(a.lineOfFile(), b.lineOfFile())).toList();
        return new Outcome(mutants.size(), killed, listed, List.copyOf(unlisted), stale);
    }

    /** The message a failed gate prints: each unlisted survivor as a line ready to be listed, and each stale entry. */
    public static String explain(Outcome outcome, Path equivalents) {
        StringBuilder s = new StringBuilder("The mutation gate failed: " + outcome.summary() + ".\n");
        if (!outcome.unlisted().isEmpty()) {
            s.append("These mutants survived the lessons' checks. Add a check that kills each one, or, only if no\n")
                    .append("check can tell it from the reference, list it in ").append(equivalents.getFileName())
                    .append(" with the reason:\n");
            for (Mutant m : outcome.unlisted()) {
                s.append("  [").append(m.status()).append("] ").append(m.key()).append(" → ?\n");
            }
        }
        if (!outcome.stale().isEmpty()) {
            s.append("These listed mutants no longer survive (killed now, or the line moved): remove or update them:\n");
            for (Entry e : outcome.stale()) {
                s.append("  line ").append(e.lineOfFile()).append(": ").append(e.key()).append('\n');
            }
        }
        return s.toString();
    }

    /** Which classes the run mutated: PIT's globs (comma-separated, {@code *} for any characters). */
    public static Predicate<String> inScope(String globs) {
        List<Pattern> patterns = Arrays.stream(globs.split(",")).map(String::strip).filter(g -> !g.isEmpty())
                .map(g -> Pattern.compile(Arrays.stream(g.split("\\*", -1)).map(Pattern::quote)
                        .reduce((a, b) -> a + ".*" + b).orElse(""))).toList();
        return name -> patterns.stream().anyMatch(p -> p.matcher(name).matches());
    }

    /** Parses the list; a line that is not "class | method | line | mutator | description → reason" stops the build. */
    public static List<Entry> readList(String text) {
        List<Entry> entries = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] keyAndReason = ARROW.split(line, 2);
            String[] fields = keyAndReason[0].split("\\s*\\|\\s*", -1);
            if (keyAndReason.length != 2 || keyAndReason[1].isBlank() || fields.length != 5 || !fields[2].matches("\\d+")) {
                throw new MutantsSurvived("line " + (i + 1) + " of the equivalent-mutant list is not "
                        + "\"class | method | line | mutator | description → reason\": " + line);
            }
            Key key = new Key(fields[0], fields[1], Integer.parseInt(fields[2]), fields[3], fields[4]);
            entries.add(new Entry(key, keyAndReason[1].strip(), i + 1));
        }
        return entries;
    }

    /** Reads PIT's mutations.xml. */
    public static List<Mutant> readReport(Path xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = factory.newDocumentBuilder().parse(xml.toFile());
            NodeList nodes = doc.getElementsByTagName("mutation");
            List<Mutant> mutants = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                Element m = (Element) nodes.item(i);
                String mutator = text(m, "mutator");
                Key key = new Key(text(m, "mutatedClass"), text(m, "mutatedMethod"), Integer.parseInt(text(m, "lineNumber")),
                        mutator.substring(mutator.lastIndexOf('.') + 1), text(m, "description"));
                mutants.add(new Mutant(key, m.getAttribute("status"), Boolean.parseBoolean(m.getAttribute("detected"))));
            }
            return mutants;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the PIT report " + xml + ": " + e, e);
        }
    }

    private static String text(Element parent, String tag) {
        NodeList list = parent.getElementsByTagName(tag);
        return list.getLength() == 0 ? "" : list.item(0).getTextContent().strip();
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
