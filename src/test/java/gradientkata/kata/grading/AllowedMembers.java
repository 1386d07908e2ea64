package gradientkata.kata.grading;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The members (methods, constructors and fields, by name) that learner code may use, one table
 * grouped by class, each group with why it is safe. {@link CodeRules} refuses every member
 * reference, bootstrap method and method handle of a learner class that this table does not
 * allow, with the reason from {@link #REASONS}.
 *
 * <p>One line per class: {@code class  members}. The class is a Java name with {@code $} for
 * nested classes, or a package ending in {@code .} (every class under it, subpackages too); the
 * most specific line wins, and a nested class without a line of its own follows its outer class.
 * Members: {@code *} for all, a name (every overload, and {@code <init>} for constructors),
 * {@code -name} to take one away, {@code -*} for none (the type may be named, nothing used).
 * {@code bootstrap class names} lists the bootstrap methods javac emits; {@code everywhere -name}
 * refuses a member name on every class.
 *
 * <p>To extend it for a new lesson: add the class (or the members) the reference uses, in the
 * group it belongs to or a new group with a comment saying why nothing in it can touch files, the
 * network, processes, threads, the JVM or other code; then run the integrity checks
 * ({@code ./mvnw -o verify -Psolutions -Dlesson=NN}), which reject a reference that breaks the
 * rules, and {@code CodeRulesCorpusTest}.
 */
public final class AllowedMembers {

    static final String TABLE = """
            # Members refused on every class: threads (parallel streams and Arrays.parallel* run on the
            # common fork-join pool), and waiting on a monitor, which can block forever.
            everywhere  -parallel -parallelStream -parallelSetAll -parallelPrefix -parallelSort -wait -notify -notifyAll -finalize

            # Objects: identity, equality, hashing, printing. clone copies arrays (an array's clone is Object's).
            java.lang.Object                 <init> equals hashCode toString getClass clone
            # What a class literal is good for in lesson code: its name, assert statements, casts.
            java.lang.Class                  getName getSimpleName getTypeName desiredAssertionStatus isInstance cast isArray

            # Numbers and maths: pure functions of their arguments. The getters named after a type
            # (Integer.getInteger, Long.getLong, Boolean.getBoolean) read the JVM's system properties.
            java.lang.Math                   *
            java.lang.StrictMath             *
            java.lang.Number                 *
            java.lang.Double                 *
            java.lang.Float                  *
            java.lang.Integer                * -getInteger
            java.lang.Long                   * -getLong
            java.lang.Short                  *
            java.lang.Byte                   *
            java.lang.Boolean                * -getBoolean
            java.lang.Character              *
            java.lang.Comparable             *
            java.math.                       *

            # Strings and text: values and builders in memory.
            java.lang.String                 *
            java.lang.StringBuilder          *
            java.lang.StringBuffer           *
            java.lang.CharSequence           *
            java.util.StringJoiner           *
            java.util.Locale                 * -setDefault

            # Printing: System.out and System.err only (what learner code prints is capped and never read
            # as a result); no way to open a stream on a file. System's other members reach the
            # environment, properties, the security manager, stdin or exit the JVM.
            java.lang.System                 out err arraycopy nanoTime currentTimeMillis lineSeparator identityHashCode
            java.io.PrintStream              print println printf format flush checkError

            # The language's own classes: enums, records, iteration, try-with-resources, lambdas' targets.
            java.lang.Enum                   *
            java.lang.Record                 *
            java.lang.Iterable               *
            java.lang.AutoCloseable          *
            java.lang.Runnable               *
            java.lang.Cloneable              -*
            java.lang.Void                   *
            java.lang.Override               -*
            java.lang.Deprecated             -*
            java.lang.SuppressWarnings       -*
            java.lang.FunctionalInterface    -*
            java.lang.SafeVarargs            -*
            java.io.Serializable             -*

            # Exceptions: creating, throwing, reading their messages (printStackTrace goes to System.err).
            java.lang.Throwable              *
            java.lang.Exception              *
            java.lang.RuntimeException       *
            java.lang.Error                  *
            java.lang.AssertionError         *
            java.lang.IllegalArgumentException *
            java.lang.IllegalStateException  *
            java.lang.UnsupportedOperationException *
            java.lang.ArithmeticException    *
            java.lang.IndexOutOfBoundsException *
            java.lang.ArrayIndexOutOfBoundsException *
            java.lang.StringIndexOutOfBoundsException *
            java.lang.NegativeArraySizeException *
            java.lang.ArrayStoreException    *
            java.lang.NullPointerException   *
            java.lang.ClassCastException     *
            java.lang.NumberFormatException  *
            java.lang.CloneNotSupportedException *
            java.lang.NoSuchFieldError       *
            java.lang.IncompatibleClassChangeError *
            java.lang.MatchException         *
            java.util.NoSuchElementException *
            java.util.ConcurrentModificationException *

            # Collections in memory, their algorithms and functional interfaces; streams on one thread
            # (parallel is refused everywhere; StreamSupport can build a parallel stream from any spliterator).
            java.util.Collection             *
            java.util.List                   *
            java.util.Set                    *
            java.util.SortedSet              *
            java.util.NavigableSet           *
            java.util.Map                    *
            java.util.SortedMap              *
            java.util.NavigableMap           *
            java.util.Queue                  *
            java.util.Deque                  *
            java.util.Iterator               *
            java.util.ListIterator           *
            java.util.Spliterator            -*
            java.util.AbstractMap            *
            java.util.ArrayList              *
            java.util.LinkedList             *
            java.util.ArrayDeque             *
            java.util.PriorityQueue          *
            java.util.HashMap                *
            java.util.LinkedHashMap          *
            java.util.TreeMap                *
            java.util.EnumMap                *
            java.util.HashSet                *
            java.util.LinkedHashSet          *
            java.util.TreeSet                *
            java.util.EnumSet                *
            java.util.Collections            *
            java.util.Arrays                 *
            java.util.Objects                *
            java.util.Comparator             *
            java.util.Optional               *
            java.util.OptionalDouble         *
            java.util.OptionalInt            *
            java.util.OptionalLong           *
            java.util.DoubleSummaryStatistics *
            java.util.IntSummaryStatistics   *
            java.util.LongSummaryStatistics  *
            java.util.Random                 *
            java.util.SplittableRandom       *
            java.util.function.              *
            java.util.stream.                *
            java.util.stream.StreamSupport   -*

            # Commons Math: linear algebra, analysis (differentiation, functions, solvers), distributions,
            # random generators, statistics, special functions, complex numbers, its util package and its
            # exceptions. None of these starts a thread or touches a file (checked on 3.6.1's bytecode),
            # except: the random package's EmpiricalDistribution.load (a file or URL) and ValueServer
            # (reads a file or URL), and MatrixUtils' (de)serialisers (object streams).
            org.apache.commons.math3.Field   *
            org.apache.commons.math3.FieldElement *
            org.apache.commons.math3.RealFieldElement *
            org.apache.commons.math3.linear. * -serializeRealMatrix -deserializeRealMatrix -serializeRealVector -deserializeRealVector
            org.apache.commons.math3.analysis. *
            org.apache.commons.math3.distribution. * -load
            org.apache.commons.math3.random. * -load
            org.apache.commons.math3.random.ValueServer -*
            org.apache.commons.math3.stat.   *
            org.apache.commons.math3.special. *
            org.apache.commons.math3.complex. *
            org.apache.commons.math3.util.   *
            org.apache.commons.math3.exception. *

            # What javac emits, and nothing else from java.lang.invoke: lambdas and method references,
            # string concatenation, records' equals/hashCode/toString, switches on enums and patterns.
            # Their types may appear (in bootstrap signatures and InnerClasses), none of their members.
            bootstrap java.lang.invoke.LambdaMetafactory   metafactory altMetafactory
            bootstrap java.lang.invoke.StringConcatFactory makeConcatWithConstants
            bootstrap java.lang.runtime.ObjectMethods      bootstrap
            bootstrap java.lang.runtime.SwitchBootstraps   typeSwitch enumSwitch
            java.lang.invoke.MethodHandles   -*
            java.lang.invoke.MethodHandles$Lookup -*
            java.lang.invoke.MethodHandle    -*
            java.lang.invoke.MethodType      -*
            java.lang.invoke.CallSite        -*
            java.lang.invoke.TypeDescriptor  -*
            """;

    /**
     * Why a member or type is refused: the first line whose key starts {@code owner.member}
     * (Java names) wins; a key {@code *.name} matches that member name on any class.
     */
    static final String REASONS = """
            *.parallel              | lesson code runs on one thread (a parallel stream runs on other threads)
            *.parallelStream        | lesson code runs on one thread (a parallel stream runs on other threads)
            *.parallelSetAll        | lesson code runs on one thread (Arrays.parallel* run on other threads)
            *.parallelPrefix        | lesson code runs on one thread (Arrays.parallel* run on other threads)
            *.parallelSort          | lesson code runs on one thread (Arrays.parallel* run on other threads)
            *.wait                  | lesson code runs on one thread: waiting on a monitor can block forever
            *.notify                | lesson code runs on one thread: waiting on a monitor can block forever
            *.notifyAll             | lesson code runs on one thread: waiting on a monitor can block forever
            *.finalize              | lesson code does not drive the garbage collector
            java.lang.System.exit   | ending the JVM is not the lesson's to decide
            java.lang.System.       | lesson code does not read or change the environment
            java.lang.Integer.getInteger | lesson code does not read the JVM's system properties
            java.lang.Long.getLong  | lesson code does not read the JVM's system properties
            java.lang.Boolean.getBoolean | lesson code does not read the JVM's system properties
            java.lang.Runtime       | lesson code does not control the JVM or start processes
            java.lang.Process       | lesson code does not control the JVM or start processes
            java.lang.Thread        | lesson code runs on one thread
            java.lang.ThreadGroup   | lesson code runs on one thread
            java.lang.ThreadLocal   | lesson code runs on one thread
            java.lang.InterruptedException | lesson code runs on one thread (only threads are interrupted)
            java.util.concurrent.   | lesson code runs on one thread
            java.util.Timer         | lesson code runs on one thread
            java.util.stream.StreamSupport | lesson code runs on one thread (StreamSupport can make a parallel stream; use Collection.stream or Arrays.stream)
            java.util.Locale.setDefault | lesson code does not change the JVM's settings
            java.util.Formatter     | lesson code does not read or write files (a Formatter can write to a file; use String.format)
            java.util.Scanner       | lesson code does not read or write files
            java.util.ServiceLoader | reflection is not allowed in lesson code (a ServiceLoader loads classes by name)
            java.io.PrintStream.<init> | lesson code does not read or write files
            java.io.                | lesson code does not read or write files
            java.nio.               | lesson code does not read or write files
            java.net.               | lesson code does not open connections
            java.lang.Class.        | reflection is not allowed in lesson code
            java.lang.ClassLoader   | reflection is not allowed in lesson code
            java.lang.ModuleLayer   | reflection is not allowed in lesson code
            java.lang.Module        | reflection is not allowed in lesson code
            java.lang.StackWalker   | reflection is not allowed in lesson code
            java.lang.reflect.      | reflection is not allowed in lesson code
            java.lang.invoke.       | reflection is not allowed in lesson code (method handles and lookups reach any class, member or memory)
            java.lang.runtime.      | reflection is not allowed in lesson code (only the bootstrap methods javac emits)
            sun.                    | lesson code does not use the JDK's internals (sun.misc.Unsafe reads and writes any memory)
            jdk.                    | lesson code does not use the JDK's internals
            com.sun.                | lesson code does not use the JDK's internals
            org.apache.commons.math3.random.ValueServer | lesson code does not read or write files (ValueServer reads a file or URL)
            org.apache.commons.math3.random.EmpiricalDistribution.load | lesson code does not read or write files (load reads a file or URL)
            org.apache.commons.math3.distribution.EmpiricalDistribution.load | lesson code does not read or write files (load reads a file or URL)
            org.apache.commons.math3.linear.MatrixUtils. | lesson code does not read or write files (object streams)
            """;

    /** What the table says about one class. */
    record Entry(boolean all, Set<String> allowed, Set<String> denied) {
        boolean allows(String member) {
            return !denied.contains(member) && !denied.contains("*") && (all || allowed.contains(member));
        }
    }

    private static final Map<String, Entry> CLASSES = new HashMap<>();
    private static final Map<String, Set<String>> BOOTSTRAPS = new HashMap<>();
    private static final Set<String> EVERYWHERE_DENIED = new TreeSet<>();
    private static final Map<String, String> REASON_BY_KEY = new LinkedHashMap<>();

    static {
        for (String raw : TABLE.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            List<String> words = new ArrayList<>(List.of(line.split("\\s+")));
            String head = words.remove(0);
            if (head.equals("bootstrap")) {
                BOOTSTRAPS.put(words.remove(0).replace('.', '/'), Set.copyOf(words));
            } else if (head.equals("everywhere")) {
                words.forEach(w -> EVERYWHERE_DENIED.add(w.substring(1)));
            } else {
                Set<String> allowed = new TreeSet<>();
                Set<String> denied = new TreeSet<>();
                for (String w : words) {
                    (w.startsWith("-") ? denied : allowed).add(w.startsWith("-") ? w.substring(1) : w);
                }
                String key = head.endsWith(".") ? head.replace('.', '/') : head.replace('.', '/');
                if (CLASSES.put(key, new Entry(allowed.contains("*"), allowed, denied)) != null) {
                    throw new IllegalStateException("AllowedMembers lists " + head + " twice");
                }
            }
        }
        for (String line : REASONS.split("\n")) {
            if (!line.isBlank()) {
                REASON_BY_KEY.put(line.substring(0, line.indexOf('|')).strip(), line.substring(line.indexOf('|') + 1).strip());
            }
        }
    }

    private AllowedMembers() {
    }

    /** The table's line for a class (internal name), if any: its own, its outer class's, or its package's. */
    static Entry entry(String owner) {
        Entry own = CLASSES.get(owner);
        if (own != null) {
            return own;
        }
        int dollar = owner.indexOf('$');
        if (dollar > 0 && CLASSES.containsKey(owner.substring(0, dollar))) {
            return CLASSES.get(owner.substring(0, dollar));
        }
        for (String p = owner; p.lastIndexOf('/') > 0; ) {
            p = p.substring(0, p.lastIndexOf('/'));
            Entry pkg = CLASSES.get(p + "/");
            if (pkg != null) {
                return pkg;
            }
        }
        return null;
    }

    /** Whether a type (internal name) may be named at all by learner code. */
    static boolean typeKnown(String owner) {
        return entry(owner) != null || BOOTSTRAPS.containsKey(owner);
    }

    /** Whether learner code may use this member of this class (internal name). */
    static boolean allows(String owner, String member) {
        if (EVERYWHERE_DENIED.contains(member)) {
            return false;
        }
        Entry e = entry(owner);
        return e != null && e.allows(member);
    }

    /** Whether this is one of the bootstrap methods javac emits. */
    static boolean bootstrapAllowed(String owner, String method) {
        return BOOTSTRAPS.getOrDefault(owner, Set.of()).contains(method);
    }

    /** Why a member (or, with member "", a type) is refused. */
    static String reason(String owner, String member) {
        String dotted = owner.replace('/', '.') + "." + member;
        for (Map.Entry<String, String> r : REASON_BY_KEY.entrySet()) {
            String key = r.getKey();
            if (key.startsWith("*.") ? key.substring(2).equals(member) : dotted.startsWith(key)) {
                return r.getValue();
            }
        }
        return "not on the grader's list of what lesson code may use (numbers, maths, strings, collections, streams, "
                + "exceptions, Commons Math; see AllowedMembers)";
    }
}
