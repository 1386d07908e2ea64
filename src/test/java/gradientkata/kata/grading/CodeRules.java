package gradientkata.kata.grading;

import gradientkata.kata.engine.Engine;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What learner code may use, checked on its bytecode before any of it runs: {@code java.lang}'s
 * numbers, strings, maths and exceptions, {@code java.util} (without threads), {@code java.math},
 * {@code java.text}, {@code java.time}, Commons Math, and the lesson's own package. Everything
 * else (files, sockets, threads, reflection, exiting the JVM, reading the environment) is
 * refused with a reason, so that graded code can compute and nothing more.
 */
public final class CodeRules {

    private static final Set<String> JAVA_LANG = Set.of(
            "Object", "String", "StringBuilder", "StringBuffer", "Math", "StrictMath", "Number", "Double", "Float",
            "Integer", "Long", "Short", "Byte", "Boolean", "Character", "Void", "Comparable", "CharSequence",
            "Iterable", "Record", "Enum", "Cloneable", "AutoCloseable", "Runnable", "Override", "Deprecated",
            "SuppressWarnings", "FunctionalInterface", "SafeVarargs", "Throwable", "Exception", "RuntimeException",
            "Error", "AssertionError", "IllegalArgumentException", "IllegalStateException",
            "UnsupportedOperationException", "ArithmeticException", "IndexOutOfBoundsException",
            "ArrayIndexOutOfBoundsException", "NullPointerException", "ClassCastException", "NumberFormatException",
            "CloneNotSupportedException", "NoSuchFieldError", "MatchException", "Class", "System",
            "Enum$EnumDesc", "Character$UnicodeBlock");

    /** What javac itself emits for lambdas, string concatenation, records and switches. */
    private static final Set<String> JAVAC_SUPPORT = Set.of(
            "java/lang/invoke/LambdaMetafactory", "java/lang/invoke/StringConcatFactory",
            "java/lang/invoke/MethodHandles$Lookup", "java/lang/invoke/MethodHandles", "java/lang/invoke/MethodHandle",
            "java/lang/invoke/MethodType", "java/lang/invoke/CallSite", "java/lang/runtime/ObjectMethods",
            "java/lang/runtime/SwitchBootstraps", "java/lang/invoke/TypeDescriptor");

    private static final List<String> OTHER_PACKAGES = List.of(
            "java/util/", "java/math/", "java/text/", "java/time/", "org/apache/commons/math3/");

    private static final List<String> UTIL_REFUSED = List.of(
            "java/util/concurrent/", "java/util/zip/", "java/util/jar/", "java/util/logging/", "java/util/prefs/",
            "java/util/spi/", "java/util/ServiceLoader", "java/util/Timer", "java/util/Scanner");

    private static final Set<String> SYSTEM_MEMBERS = Set.of(
            "arraycopy", "nanoTime", "currentTimeMillis", "lineSeparator", "identityHashCode", "out", "err");

    private static final Set<String> CLASS_MEMBERS_REFUSED = Set.of(
            "forName", "getDeclaredMethods", "getDeclaredMethod", "getMethods", "getMethod", "getDeclaredFields",
            "getDeclaredField", "getFields", "getField", "getDeclaredConstructors", "getDeclaredConstructor",
            "getConstructors", "getConstructor", "newInstance", "getClassLoader", "getResource", "getResourceAsStream",
            "getModule", "getRecordComponents", "getEnumConstants", "getNestHost", "getProtectionDomain");

    private static final Pattern DESCRIPTOR_TYPE = Pattern.compile("L([\\w/$]+);");

    private CodeRules() {
    }

    /**
     * The reasons the learner classes of a compiled lesson may not run; empty when they may.
     */
    public static List<String> violations(Engine.Compiled compiled) {
        Set<String> problems = new TreeSet<>();
        String own = compiled.lesson().packageName().replace('.', '/') + "/";
        for (String name : compiled.learnerClasses()) {
            String internal = name.replace('.', '/');
            if (!internal.startsWith(own) || internal.substring(own.length()).contains("/")) {
                problems.add(name + " is outside the lesson's package " + compiled.lesson().packageName());
                continue;
            }
            try {
                check(name, compiled.classes().get(name), own, problems);
            } catch (IOException | RuntimeException e) {
                problems.add(name + " is not a class file the grader can read: " + e);
            }
        }
        return new ArrayList<>(problems);
    }

    private static void check(String className, byte[] bytes, String own, Set<String> problems) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        in.readInt();
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        int[] tags = new int[count];
        int[] first = new int[count];
        int[] second = new int[count];
        String[] utf8 = new String[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            tags[i] = tag;
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++;
                }
                case 7, 8, 16, 19, 20 -> first[i] = in.readUnsignedShort();
                case 9, 10, 11, 12, 17, 18 -> {
                    first[i] = in.readUnsignedShort();
                    second[i] = in.readUnsignedShort();
                }
                case 15 -> {
                    in.readUnsignedByte();
                    first[i] = in.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        for (int i = 1; i < count; i++) {
            if (tags[i] == 7) {
                typeAllowed(className, elementType(utf8[first[i]]), own, problems);
            } else if (tags[i] == 9 || tags[i] == 10 || tags[i] == 11) {
                String owner = elementType(utf8[first[first[i]]]);
                String member = utf8[first[second[i]]];
                memberAllowed(className, owner, member, problems);
            } else if (tags[i] == 1) {
                Matcher m = DESCRIPTOR_TYPE.matcher(utf8[i]);
                while (m.find()) {
                    typeAllowed(className, m.group(1), own, problems);
                }
            }
        }
    }

    private static String elementType(String name) {
        String n = name.replaceFirst("^\\[+", "");
        return n.startsWith("L") && n.endsWith(";") ? n.substring(1, n.length() - 1) : n;
    }

    private static void typeAllowed(String className, String type, String own, Set<String> problems) {
        if (type.length() <= 1 || allowedType(type, own)) {
            return;
        }
        problems.add(className + " uses " + type.replace('/', '.') + ": " + reason(type));
    }

    static boolean allowedType(String type, String own) {
        if (type.startsWith(own) && !type.substring(own.length()).contains("/")) {
            return true;
        }
        if (type.equals("java/io/PrintStream")) {
            return true; // System.out and System.err; opening one on a file is refused in memberAllowed
        }
        if (type.startsWith("java/lang/") && !type.substring("java/lang/".length()).contains("/")) {
            return JAVA_LANG.contains(type.substring("java/lang/".length()));
        }
        if (JAVAC_SUPPORT.contains(type)) {
            return true;
        }
        return OTHER_PACKAGES.stream().anyMatch(type::startsWith) && UTIL_REFUSED.stream().noneMatch(type::startsWith);
    }

    private static void memberAllowed(String className, String owner, String member, Set<String> problems) {
        if (owner.equals("java/lang/System") && !SYSTEM_MEMBERS.contains(member)) {
            problems.add(className + " calls System." + member + ": " + (member.equals("exit")
                    ? "ending the JVM is not the lesson's to decide" : "lesson code does not read or change the environment"));
        } else if (owner.equals("java/lang/Class") && CLASS_MEMBERS_REFUSED.contains(member)) {
            problems.add(className + " calls Class." + member + ": reflection is not allowed in lesson code");
        } else if (owner.equals("java/io/PrintStream") && member.equals("<init>")) {
            problems.add(className + " creates a PrintStream: lesson code does not read or write files");
        } else if ((member.equals("parallel") || member.equals("parallelStream")) && owner.startsWith("java/util/")) {
            problems.add(className + " calls " + member + "(): lesson code runs on one thread");
        }
    }

    private static String reason(String type) {
        if (type.startsWith("java/io/") || type.startsWith("java/nio/")) {
            return "lesson code does not read or write files";
        }
        if (type.startsWith("java/net/")) {
            return "lesson code does not open connections";
        }
        if (type.startsWith("java/lang/reflect/") || type.startsWith("java/lang/invoke/") || type.equals("java/lang/ClassLoader")) {
            return "reflection is not allowed in lesson code";
        }
        if (type.equals("java/lang/Thread") || type.startsWith("java/util/concurrent/") || type.equals("java/lang/ThreadGroup")
                || type.equals("java/util/Timer")) {
            return "lesson code runs on one thread";
        }
        if (type.equals("java/lang/Runtime") || type.startsWith("java/lang/Process")) {
            return "lesson code does not control the JVM or start processes";
        }
        return "lessons use java.lang, java.util, java.math and Commons Math only";
    }

}
