package gradientkata.kata.grading;

import gradientkata.kata.engine.Engine;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What learner code may use, checked on its bytecode before any of it runs: the members that
 * {@link AllowedMembers} lists (numbers, maths, strings, collections, streams on one thread,
 * exceptions, Commons Math's maths), the bootstrap methods javac emits for lambdas, string
 * concatenation, records and switches, and the lesson's own learner classes. Everything else is
 * refused, each time with the class, the method, the member and why.
 *
 * <p>What is checked, per learner class: its superclass and interfaces (a class that extends
 * {@code Thread} inherits {@code start}); that it declares no {@code finalize} (finalizers run on
 * the JVM's own thread); every field and method reference in its constant pool,
 * with the methods whose code uses it (a reference to a learner class's member that the class
 * inherits is checked against the supertype it comes from); every class constant (types named in
 * {@code new}, casts, {@code instanceof}, class literals); every {@code invokedynamic}'s bootstrap
 * method and the method handles among its arguments (a lambda's body or a method reference can
 * name any method); every method handle, method type and dynamic constant; and the types in its
 * own fields' and methods' signatures.
 */
public final class CodeRules {

    private CodeRules() {
    }

    /**
     * The reasons the learner classes of a compiled lesson may not run; empty when they may.
     */
    public static List<String> violations(Engine.Compiled compiled) {
        Set<String> problems = new TreeSet<>();
        String own = compiled.lesson().packageName().replace('.', '/') + "/";
        Map<String, ClassFile> learner = new HashMap<>();
        for (String name : compiled.learnerClasses()) {
            String internal = name.replace('.', '/');
            if (!internal.startsWith(own) || internal.substring(own.length()).contains("/")) {
                problems.add(name + " is outside the lesson's package " + compiled.lesson().packageName());
                continue;
            }
            try {
                learner.put(internal, ClassFile.parse(compiled.classes().get(name)));
            } catch (IOException | RuntimeException e) {
                problems.add(name + " is not a class file the grader can read: " + e);
            }
        }
        learner.forEach((name, cf) -> new Checker(cf, learner, own, problems).check());
        return new ArrayList<>(problems);
    }

    /** The checks of one learner class. */
    private static final class Checker {
        private final ClassFile cf;
        private final Map<String, ClassFile> learner;
        private final String own;
        private final Set<String> problems;
        /** Types refused for being named, reported only when no member of theirs is (one reason per thing done). */
        private final Map<String, String> typeProblems = new java.util.TreeMap<>();
        private final Set<String> refusedOwners = new TreeSet<>();

        Checker(ClassFile cf, Map<String, ClassFile> learner, String own, Set<String> problems) {
            this.cf = cf;
            this.learner = learner;
            this.own = own;
            this.problems = problems;
        }

        private String shown() {
            return cf.name.replace('/', '.');
        }

        void check() {
            if (!cf.superName.isEmpty()) {
                supertype(cf.superName, "extends");
            }
            cf.interfaces.forEach(i -> supertype(i, "implements"));
            if (cf.declared.contains("finalize")) {
                problems.add(shown() + " declares finalize: lesson code runs on one thread (the JVM runs finalizers on a thread "
                        + "of its own)");
            }
            cf.ownDescriptors.forEach((where, descriptor) -> descriptorTypes(where, descriptor));
            Set<Integer> ownersOfMembers = new TreeSet<>();
            Set<Integer> handled = new TreeSet<>();
            for (int i = 1; i < cf.tags.length; i++) {
                if (cf.tags[i] == ClassFile.FIELD || cf.tags[i] == ClassFile.METHOD || cf.tags[i] == ClassFile.INTERFACE_METHOD) {
                    ownersOfMembers.add(cf.first[i]);
                } else if (cf.tags[i] == ClassFile.METHOD_HANDLE) {
                    handled.add(cf.first[i]);
                }
            }
            for (int i = 1; i < cf.tags.length; i++) {
                switch (cf.tags[i]) {
                    case ClassFile.CLASS -> {
                        if (cf.codeRefs.contains(i) || !ownersOfMembers.contains(i)) {
                            typeProblem(where(i), elementType(cf.className(i)));
                        }
                    }
                    case ClassFile.FIELD, ClassFile.METHOD, ClassFile.INTERFACE_METHOD -> {
                        if (handled.contains(i) && !cf.codeRefs.contains(i)) {
                            continue; // only a method handle names it: checked as one below
                        }
                        String owner = ownerOf(cf.className(cf.first[i]));
                        String member = cf.utf8(cf.first[cf.second[i]]);
                        if (!memberAllowed(owner, member)) {
                            String verb = cf.tags[i] == ClassFile.FIELD ? " uses " : member.equals("<init>") ? " creates " : " calls ";
                            problems.add(where(i) + verb + showMember(owner, member) + ": " + memberReason(owner, member));
                            refusedOwners.add(owner);
                        }
                    }
                    case ClassFile.METHOD_HANDLE -> methodHandle(i);
                    case ClassFile.METHOD_TYPE -> descriptorTypes(where(i), cf.utf8(cf.first[i]));
                    case ClassFile.DYNAMIC -> problems.add(where(i) + " uses a dynamic constant: javac does not emit one for lesson "
                            + "code, and its bootstrap method could run anything");
                    default -> { }
                }
            }
            typeProblems.forEach((type, problem) -> {
                if (!refusedOwners.contains(type)) {
                    problems.add(problem);
                }
            });
        }

        private void supertype(String type, String verb) {
            if (isLearner(type)) {
                return;
            }
            if (AllowedMembers.entry(type) == null || AllowedMembers.entry(type).denied().contains("*")) {
                problems.add(shown() + " " + verb + " " + type.replace('/', '.') + ": " + typeReason(type));
                refusedOwners.add(type);
            }
        }

        /** A method handle is either one of the bootstrap methods javac emits, or stands for a member that must be allowed. */
        private void methodHandle(int i) {
            int ref = cf.first[i];
            String owner = ownerOf(cf.className(cf.first[ref]));
            String member = cf.utf8(cf.first[cf.second[ref]]);
            boolean bootstrap = cf.bootstrapHandles.contains(i);
            boolean argument = cf.argumentHandles.contains(i) || !bootstrap;
            if (bootstrap && !AllowedMembers.bootstrapAllowed(owner, member)) {
                problems.add(where(i) + " uses the bootstrap method " + showMember(owner, member)
                        + ": lesson code may only use the bootstrap methods javac emits (lambdas, string concatenation, records, switches)");
            }
            if (argument && !memberAllowed(owner, member)) {
                problems.add(where(i) + " makes a method handle to " + showMember(owner, member) + ": " + memberReason(owner, member));
                refusedOwners.add(owner);
            }
        }

        private void descriptorTypes(String where, String descriptor) {
            for (int at = 0; at < descriptor.length(); at++) {
                if (descriptor.charAt(at) == 'L') {
                    int end = descriptor.indexOf(';', at);
                    if (end < 0) {
                        return;
                    }
                    typeProblem(where, descriptor.substring(at + 1, end));
                    at = end;
                }
            }
        }

        private void typeProblem(String where, String type) {
            if (!typeAllowed(type)) {
                typeProblems.putIfAbsent(type, where + " uses " + type.replace('/', '.') + ": " + typeReason(type));
            }
        }

        private boolean typeAllowed(String type) {
            return type.length() <= 1 || isLearner(type) || AllowedMembers.typeKnown(type);
        }

        private boolean isLearner(String type) {
            return learner.containsKey(type);
        }

        private String typeReason(String type) {
            if (type.startsWith(own) && !type.substring(own.length()).contains("/")) {
                return "lesson code uses its own lesson's classes, not the tests' classes";
            }
            return AllowedMembers.reason(type, "");
        }

        /**
         * Whether a member may be used: a learner class's own member, or one it inherits from an
         * allowed supertype and the table allows there; otherwise what the table says.
         */
        private boolean memberAllowed(String owner, String member) {
            if (!isLearner(owner)) {
                return !owner.startsWith(own) && AllowedMembers.allows(owner, member);
            }
            return inherits(owner, member, new LinkedHashSet<>());
        }

        private boolean inherits(String type, String member, Set<String> seen) {
            if (!seen.add(type)) {
                return false;
            }
            ClassFile c = learner.get(type);
            if (c == null) {
                return AllowedMembers.allows(type, member);
            }
            if (c.declared.contains(member)) {
                return true;
            }
            List<String> supers = new ArrayList<>(c.interfaces);
            if (!c.superName.isEmpty()) {
                supers.add(0, c.superName);
            }
            return supers.stream().anyMatch(s -> inherits(s, member, seen));
        }

        private String memberReason(String owner, String member) {
            if (owner.startsWith(own) && !owner.substring(own.length()).contains("/") && !isLearner(owner)) {
                return "lesson code uses its own lesson's classes, not the tests' classes";
            }
            String origin = isLearner(owner) ? inheritedFrom(owner, member) : owner;
            return AllowedMembers.reason(origin, member);
        }

        /** The first non-learner supertype of a learner class (for the reason of an inherited member). */
        private String inheritedFrom(String owner, String member) {
            ClassFile c = learner.get(owner);
            while (c != null && !c.superName.isEmpty() && learner.containsKey(c.superName)) {
                c = learner.get(c.superName);
            }
            return c == null || c.superName.isEmpty() ? owner : c.superName;
        }

        private String showMember(String owner, String member) {
            return owner.replace('/', '.') + "." + member;
        }

        /** "gradientkata.x.Y.method" for each method whose code uses constant {@code i}, or the class alone. */
        private String where(int i) {
            Set<String> methods = cf.usedIn.getOrDefault(i, Set.of());
            if (methods.isEmpty()) {
                return shown();
            }
            List<String> shownMethods = methods.stream().map(m -> shown() + "." + m).toList();
            return String.join(", ", shownMethods);
        }
    }

    /** The class a member reference names; an array's members (clone, equals…) are Object's. */
    private static String ownerOf(String name) {
        return name.startsWith("[") ? "java/lang/Object" : name;
    }

    private static String elementType(String name) {
        String n = name.replaceFirst("^\\[+", "");
        return n.startsWith("L") && n.endsWith(";") ? n.substring(1, n.length() - 1) : n;
    }

    /** The parts of a class file the rules read. */
    private static final class ClassFile {
        static final int UTF8 = 1;
        static final int CLASS = 7;
        static final int FIELD = 9;
        static final int METHOD = 10;
        static final int INTERFACE_METHOD = 11;
        static final int NAME_AND_TYPE = 12;
        static final int METHOD_HANDLE = 15;
        static final int METHOD_TYPE = 16;
        static final int DYNAMIC = 17;
        static final int INVOKE_DYNAMIC = 18;

        int[] tags;
        int[] first;
        int[] second;
        String[] utf8;
        String name;
        String superName = "";
        final List<String> interfaces = new ArrayList<>();
        /** Names of the fields and methods this class declares. */
        final Set<String> declared = new TreeSet<>();
        /** "method's name" or "field name" → its descriptor. */
        final Map<String, String> ownDescriptors = new HashMap<>();
        /** Constant pool index → the methods whose code (or whose invokedynamic's bootstrap arguments) use it. */
        final Map<Integer, Set<String>> usedIn = new HashMap<>();
        final Set<Integer> bootstrapHandles = new TreeSet<>();
        final Set<Integer> argumentHandles = new TreeSet<>();
        /** Constants the bytecode names directly. */
        final Set<Integer> codeRefs = new TreeSet<>();

        String utf8(int index) {
            return utf8[index];
        }

        String className(int classIndex) {
            return utf8[first[classIndex]];
        }

        static ClassFile parse(byte[] bytes) throws IOException {
            ClassFile cf = new ClassFile();
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            if (in.readInt() != 0xCAFEBABE) {
                throw new IOException("not a class file");
            }
            in.readUnsignedShort();
            in.readUnsignedShort();
            int count = in.readUnsignedShort();
            cf.tags = new int[count];
            cf.first = new int[count];
            cf.second = new int[count];
            cf.utf8 = new String[count];
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                cf.tags[i] = tag;
                switch (tag) {
                    case UTF8 -> cf.utf8[i] = in.readUTF();
                    case 3, 4 -> in.readInt();
                    case 5, 6 -> {
                        in.readLong();
                        i++;
                    }
                    case CLASS, 8, METHOD_TYPE, 19, 20 -> cf.first[i] = in.readUnsignedShort();
                    case FIELD, METHOD, INTERFACE_METHOD, NAME_AND_TYPE, DYNAMIC, INVOKE_DYNAMIC -> {
                        cf.first[i] = in.readUnsignedShort();
                        cf.second[i] = in.readUnsignedShort();
                    }
                    case METHOD_HANDLE -> {
                        cf.second[i] = in.readUnsignedByte();
                        cf.first[i] = in.readUnsignedShort();
                    }
                    default -> throw new IOException("unknown constant pool tag " + tag);
                }
            }
            in.readUnsignedShort();
            cf.name = cf.className(in.readUnsignedShort());
            int superIndex = in.readUnsignedShort();
            cf.superName = superIndex == 0 ? "" : cf.className(superIndex);
            int interfaceCount = in.readUnsignedShort();
            for (int i = 0; i < interfaceCount; i++) {
                cf.interfaces.add(cf.className(in.readUnsignedShort()));
            }
            Map<String, List<Integer>> indyUses = new HashMap<>();
            for (int kind = 0; kind < 2; kind++) {
                int members = in.readUnsignedShort();
                for (int m = 0; m < members; m++) {
                    in.readUnsignedShort();
                    String memberName = cf.utf8(in.readUnsignedShort());
                    String descriptor = cf.utf8(in.readUnsignedShort());
                    cf.declared.add(memberName);
                    String shown = kind == 0 ? memberName : displayName(memberName);
                    cf.ownDescriptors.merge(shown, descriptor, (a, b) -> a + b);
                    int attributes = in.readUnsignedShort();
                    for (int a = 0; a < attributes; a++) {
                        String attribute = cf.utf8(in.readUnsignedShort());
                        byte[] body = new byte[in.readInt()];
                        in.readFully(body);
                        if (kind == 1 && attribute.equals("Code")) {
                            cf.scanCode(shown, body, indyUses);
                        }
                    }
                }
            }
            int attributes = in.readUnsignedShort();
            for (int a = 0; a < attributes; a++) {
                String attribute = cf.utf8(in.readUnsignedShort());
                byte[] body = new byte[in.readInt()];
                in.readFully(body);
                if (attribute.equals("BootstrapMethods")) {
                    cf.bootstraps(body, indyUses);
                }
            }
            return cf;
        }

        /** "derivative", or "derivative (a lambda in it)" for javac's lambda$derivative$0. */
        private static String displayName(String method) {
            if (method.startsWith("lambda$") && method.lastIndexOf('$') > "lambda$".length()) {
                return method.substring("lambda$".length(), method.lastIndexOf('$')) + " (a lambda in it)";
            }
            return method;
        }

        private void codeUse(int index, String method) {
            codeRefs.add(index);
            use(index, method);
        }

        private void use(int index, String method) {
            usedIn.computeIfAbsent(index, k -> new LinkedHashSet<>()).add(method);
        }

        /** Records which constants a method's bytecode uses. */
        private void scanCode(String method, byte[] attribute, Map<String, List<Integer>> indyUses) throws IOException {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(attribute));
            in.readUnsignedShort();
            in.readUnsignedShort();
            byte[] code = new byte[in.readInt()];
            in.readFully(code);
            int pc = 0;
            while (pc < code.length) {
                int op = code[pc] & 0xFF;
                switch (op) {
                    case 0x12 -> { // ldc
                        codeUse(code[pc + 1] & 0xFF, method);
                        pc += 2;
                    }
                    case 0x13, 0x14, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xbb, 0xbd, 0xc0, 0xc1 -> {
                        codeUse(u2(code, pc + 1), method);
                        pc += 3;
                    }
                    case 0xb9 -> { // invokeinterface
                        codeUse(u2(code, pc + 1), method);
                        pc += 5;
                    }
                    case 0xba -> { // invokedynamic
                        int indy = u2(code, pc + 1);
                        codeUse(indy, method);
                        indyUses.computeIfAbsent(method, k -> new ArrayList<>()).add(indy);
                        pc += 5;
                    }
                    case 0xc5 -> { // multianewarray
                        codeUse(u2(code, pc + 1), method);
                        pc += 4;
                    }
                    case 0x10, 0x15, 0x16, 0x17, 0x18, 0x19, 0x36, 0x37, 0x38, 0x39, 0x3a, 0xa9, 0xbc -> pc += 2;
                    case 0x11, 0x84, 0xc6, 0xc7 -> pc += 3;
                    case 0xc8, 0xc9 -> pc += 5;
                    case 0xc4 -> pc += (code[pc + 1] & 0xFF) == 0x84 ? 6 : 4; // wide
                    case 0xaa -> { // tableswitch
                        int at = (pc + 4) & ~3;
                        int low = s4(code, at + 4);
                        int high = s4(code, at + 8);
                        pc = at + 12 + 4 * (high - low + 1);
                    }
                    case 0xab -> { // lookupswitch
                        int at = (pc + 4) & ~3;
                        pc = at + 8 + 8 * s4(code, at + 4);
                    }
                    default -> {
                        if (op >= 0x99 && op <= 0xa8) {
                            pc += 3; // branches
                        } else {
                            pc += 1;
                        }
                    }
                }
            }
            int handlers = in.readUnsignedShort();
            for (int h = 0; h < handlers; h++) {
                in.readUnsignedShort();
                in.readUnsignedShort();
                in.readUnsignedShort();
                int catchType = in.readUnsignedShort();
                if (catchType != 0) {
                    codeUse(catchType, method);
                }
            }
        }

        /** Marks bootstrap method handles, and their arguments as used by the methods whose invokedynamic names them. */
        private void bootstraps(byte[] attribute, Map<String, List<Integer>> indyUses) throws IOException {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(attribute));
            int count = in.readUnsignedShort();
            List<List<Integer>> table = new ArrayList<>();
            for (int b = 0; b < count; b++) {
                List<Integer> entry = new ArrayList<>();
                entry.add(in.readUnsignedShort());
                int args = in.readUnsignedShort();
                for (int a = 0; a < args; a++) {
                    entry.add(in.readUnsignedShort());
                }
                table.add(entry);
                bootstrapHandles.add(entry.get(0));
                argumentHandles.addAll(entry.subList(1, entry.size()).stream().filter(x -> tags[x] == METHOD_HANDLE).toList());
            }
            indyUses.forEach((method, indys) -> indys.forEach(indy -> table.get(first[indy]).forEach(x -> {
                use(x, method);
                if (tags[x] == METHOD_HANDLE) {
                    use(first[x], method);
                }
            })));
        }

        private static int u2(byte[] code, int at) {
            return ((code[at] & 0xFF) << 8) | (code[at + 1] & 0xFF);
        }

        private static int s4(byte[] code, int at) {
            return ((code[at] & 0xFF) << 24) | ((code[at + 1] & 0xFF) << 16) | ((code[at + 2] & 0xFF) << 8) | (code[at + 3] & 0xFF);
        }
    }
}
