package io.github.ecrtoolkit.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks a module's API boundary from its compiled classes ({@code target/classes} of the module
 * whose tests run): no public signature mentions an internal or generated type, and every core
 * internal type the module uses is marked {@code @InternalApi}.
 *
 * <pre>{@code
 * assertThat(ApiBoundary.leaks("io.github.ecrtoolkit.ecs")).isEmpty();
 * assertThat(ApiBoundary.unmarkedCoreInternals()).isEmpty();
 * }</pre>
 */
public final class ApiBoundary {

    private static final Path CLASSES = Path.of("target", "classes");
    /** A type in an internal package of this project. */
    private static final Pattern INTERNAL = Pattern.compile("io\\.github\\.ecrtoolkit\\.[\\w.]*internal\\.");
    /** Possibly a class Immutables generated: {@code ImmutableFoo} beside a {@code Foo}. */
    private static final Pattern IMMUTABLE = Pattern.compile("(io\\.github\\.ecrtoolkit\\.[\\w.]*?)\\.Immutable([A-Z]\\w*)");
    private static final Pattern CORE_INTERNAL = Pattern.compile(
            "io/github/ecrtoolkit/core/(?:[a-z0-9]+/)*internal/[A-Za-z0-9_$]+");
    private static final String INTERNAL_API = "Lio/github/ecrtoolkit/core/internal/InternalApi;";

    private ApiBoundary() {
    }

    /** The public types of this module in {@code packagePrefix} and its sub-packages, except {@code internal} ones. */
    public static List<Class<?>> publicTypes(String packagePrefix) {
        List<Class<?>> types = new ArrayList<>();
        for (String name : classNames()) {
            if (!name.startsWith(packagePrefix + ".") || name.contains(".internal.")) {
                continue;
            }
            Class<?> type = load(name);
            if (isPublicApi(type)) {
                types.add(type);
            }
        }
        return types;
    }

    /** Public or protected members of the public types in {@code packagePrefix} whose signature names an internal or generated type. */
    public static List<String> leaks(String packagePrefix) {
        List<String> leaks = new ArrayList<>();
        for (Class<?> type : publicTypes(packagePrefix)) {
            leaks.addAll(leaks(type));
        }
        return leaks;
    }

    /** Public or protected members of {@code type} whose signature names an internal or generated type. */
    public static List<String> leaks(Class<?> type) {
        List<String> leaks = new ArrayList<>();
        {
            if (notApi(type.getName())) {
                leaks.add(type.getName() + " is itself generated or internal");
            }
            check(leaks, type, "extends", type.getGenericSuperclass());
            for (Type t : type.getGenericInterfaces()) {
                check(leaks, type, "implements", t);
            }
            boolean extensible = !Modifier.isFinal(type.getModifiers());
            for (Method m : type.getDeclaredMethods()) {
                if (visible(m.getModifiers(), extensible) && !m.isSynthetic() && !m.isBridge()) {
                    check(leaks, type, m.getName() + " returns", m.getGenericReturnType());
                    for (Type t : m.getGenericParameterTypes()) {
                        check(leaks, type, m.getName() + " takes", t);
                    }
                    for (Type t : m.getGenericExceptionTypes()) {
                        check(leaks, type, m.getName() + " throws", t);
                    }
                }
            }
            for (Constructor<?> c : type.getDeclaredConstructors()) {
                if (visible(c.getModifiers(), extensible) && !c.isSynthetic()) {
                    for (Type t : c.getGenericParameterTypes()) {
                        check(leaks, type, "constructor takes", t);
                    }
                }
            }
            for (Field f : type.getDeclaredFields()) {
                if (visible(f.getModifiers(), extensible) && !f.isSynthetic()) {
                    check(leaks, type, f.getName(), f.getGenericType());
                }
            }
        }
        return leaks;
    }

    /**
     * The types in core's {@code internal} packages that this module's classes use but that are not
     * marked {@code @InternalApi} (a nested type counts as marked when its outermost type is).
     */
    public static Set<String> unmarkedCoreInternals() {
        Set<String> unmarked = new TreeSet<>();
        for (String used : coreInternalsUsed()) {
            if (!bytes(used).contains(INTERNAL_API)) {
                unmarked.add(used.replace('/', '.'));
            }
        }
        return unmarked;
    }

    /** The outermost types in core's {@code internal} packages that this module's classes refer to. */
    public static Set<String> coreInternalsUsed() {
        Set<String> used = new TreeSet<>();
        for (String name : classNames()) {
            Matcher m = CORE_INTERNAL.matcher(bytes(name.replace('.', '/')));
            while (m.find()) {
                String outer = m.group().replaceFirst("\\$.*", "");
                if (!outer.endsWith("/InternalApi")) {
                    used.add(outer);
                }
            }
        }
        return used;
    }

    private static boolean isPublicApi(Class<?> type) {
        for (Class<?> t = type; t != null; t = t.getEnclosingClass()) {
            if (!Modifier.isPublic(t.getModifiers()) || t.isAnonymousClass() || t.isLocalClass()) {
                return false;
            }
        }
        return true;
    }

    private static boolean visible(int modifiers, boolean extensible) {
        return Modifier.isPublic(modifiers) || (extensible && Modifier.isProtected(modifiers));
    }

    private static void check(List<String> leaks, Class<?> owner, String what, Type type) {
        if (type != null && notApi(type.getTypeName())) {
            leaks.add(owner.getName() + ": " + what + " " + type.getTypeName());
        }
    }

    private static boolean notApi(String typeName) {
        if (INTERNAL.matcher(typeName).find()) {
            return true;
        }
        Matcher generated = IMMUTABLE.matcher(typeName);
        while (generated.find()) {
            if (ApiBoundary.class.getClassLoader().getResource(
                    (generated.group(1) + "." + generated.group(2)).replace('.', '/') + ".class") != null) {
                return true;
            }
        }
        return false;
    }

    private static List<String> classNames() {
        try (Stream<Path> files = Files.walk(CLASSES)) {
            return files.filter(p -> p.toString().endsWith(".class")).map(p -> CLASSES.relativize(p).toString())
                    .map(p -> p.substring(0, p.length() - ".class".length()).replace('/', '.').replace('\\', '.'))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + CLASSES.toAbsolutePath(), e);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, ApiBoundary.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A class file's bytes as ISO-8859-1 text: the constant pool's names can be searched in it. */
    private static String bytes(String internalName) {
        try (InputStream in = ApiBoundary.class.getClassLoader().getResourceAsStream(internalName + ".class")) {
            if (in == null) {
                throw new IllegalStateException("no class file for " + internalName);
            }
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
