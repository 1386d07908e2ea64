package gradientkata.kata.engine;

import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The public face of a set of compiled classes, one line per public or protected class, method,
 * constructor and field, with generic types: what must be identical in a scaffold and its
 * reference solution, so that the tests compile against both and the learner's IDE shows the
 * real signatures.
 */
public final class PublicApi {

    private PublicApi() {
    }

    /**
     * @param sources files keyed by path
     * @throws IllegalStateException if they do not compile
     */
    public static TreeSet<String> of(Map<String, String> sources) {
        InMemoryCompiler.Result compiled = InMemoryCompiler.compile(sources);
        if (!compiled.ok()) {
            throw new IllegalStateException("does not compile: " + String.join("\n", compiled.errors()));
        }
        return ofClasses(compiled.classes());
    }

    /** The public face of compiled classes; loads them without initialising them, so none of their code runs. */
    public static TreeSet<String> ofClasses(Map<String, byte[]> classes) {
        Engine.MemoryClassLoader loader = new Engine.MemoryClassLoader(classes, PublicApi.class.getClassLoader());
        TreeSet<String> api = new TreeSet<>();
        for (String name : classes.keySet()) {
            try {
                describe(Class.forName(name, false, loader), api);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new IllegalStateException("cannot load " + name + ": " + e, e);
            }
        }
        return api;
    }

    private static void describe(Class<?> c, TreeSet<String> api) {
        if (!visible(c.getModifiers()) || c.isSynthetic() || c.isAnonymousClass() || c.isLocalClass()) {
            return;
        }
        List<String> supertypes = new ArrayList<>();
        if (c.getGenericSuperclass() != null && c.getSuperclass() != Object.class && c.getSuperclass() != Record.class
                && c.getSuperclass() != Enum.class) {
            supertypes.add("extends " + c.getGenericSuperclass().getTypeName());
        }
        Arrays.stream(c.getGenericInterfaces()).forEach(i -> supertypes.add("implements " + i.getTypeName()));
        api.add(c.toGenericString() + (supertypes.isEmpty() ? "" : " " + String.join(" ", supertypes)));
        for (Method m : c.getDeclaredMethods()) {
            if (visible(m) && !m.isSynthetic() && !m.isBridge()) {
                api.add(m.toGenericString());
            }
        }
        Arrays.stream(c.getDeclaredConstructors()).filter(PublicApi::visible).forEach(k -> api.add(k.toGenericString()));
        Arrays.stream(c.getDeclaredFields()).filter(f -> visible(f) && !f.isSynthetic()).forEach(f -> api.add(f.toGenericString()));
    }

    private static boolean visible(Member member) {
        return visible(member.getModifiers());
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }
}
