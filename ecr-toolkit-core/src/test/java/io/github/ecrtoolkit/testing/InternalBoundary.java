package io.github.ecrtoolkit.testing;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.github.ecrtoolkit.core.internal.InternalApi;

/**
 * Checks the line between API and internals, for each module's {@code InternalBoundaryTest}: no
 * public signature of a public type outside {@code internal} packages names an internal type, and
 * every core internal type a sibling module imports is marked {@link InternalApi}.
 */
public final class InternalBoundary {

    private static final Pattern CORE_INTERNAL_IMPORT =
            Pattern.compile("^import (io\\.github\\.ecrtoolkit\\.core\\.(?:[a-z]+\\.)*internal\\.[A-Z]\\w*)", Pattern.MULTILINE);

    private InternalBoundary() {
    }

    /** Public signatures in {@code classes} (a module's {@code target/classes}) that name an internal type. */
    public static List<String> publicSignaturesNamingInternals(Path classes) throws IOException {
        List<String> found = new ArrayList<>();
        for (Class<?> type : classes(classes)) {
            if (isInternal(type) || !Modifier.isPublic(type.getModifiers())) {
                continue;
            }
            for (Method m : type.getDeclaredMethods()) {
                if (exposed(m.getModifiers()) && !m.isSynthetic()) {
                    check(found, type, m.getName(), m.getGenericReturnType());
                    for (Type p : m.getGenericParameterTypes()) {
                        check(found, type, m.getName(), p);
                    }
                }
            }
            for (Constructor<?> c : type.getDeclaredConstructors()) {
                if (exposed(c.getModifiers())) {
                    for (Type p : c.getGenericParameterTypes()) {
                        check(found, type, "<init>", p);
                    }
                }
            }
            for (Field f : type.getDeclaredFields()) {
                if (exposed(f.getModifiers())) {
                    check(found, type, f.getName(), f.getGenericType());
                }
            }
        }
        return found;
    }

    /** Core internal types imported by the sources under {@code sources} without {@link InternalApi}. */
    public static List<String> unmarkedCoreInternalsImported(Path sources) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = CORE_INTERNAL_IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    try {
                        if (!Class.forName(m.group(1)).isAnnotationPresent(InternalApi.class)) {
                            found.add(sources.relativize(file) + " imports " + m.group(1));
                        }
                    } catch (ClassNotFoundException e) {
                        found.add(sources.relativize(file) + " imports a missing " + m.group(1));
                    }
                }
            }
        }
        return found;
    }

    private static boolean exposed(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static void check(List<String> found, Class<?> owner, String member, Type type) {
        if (type instanceof Class<?> c) {
            Class<?> element = c;
            while (element.isArray()) {
                element = element.getComponentType();
            }
            if (!element.isPrimitive() && isInternal(element)) {
                found.add(owner.getName() + "." + member + " names " + element.getName());
            }
        } else if (type instanceof ParameterizedType p) {
            check(found, owner, member, p.getRawType());
            for (Type arg : p.getActualTypeArguments()) {
                check(found, owner, member, arg);
            }
        } else if (type instanceof WildcardType w) {
            for (Type bound : w.getUpperBounds()) {
                check(found, owner, member, bound);
            }
            for (Type bound : w.getLowerBounds()) {
                check(found, owner, member, bound);
            }
        } else if (type instanceof GenericArrayType a) {
            check(found, owner, member, a.getGenericComponentType());
        }
    }

    private static boolean isInternal(Class<?> type) {
        Class<?> top = type;
        while (top.getEnclosingClass() != null) {
            top = top.getEnclosingClass();
        }
        return top.getPackageName().startsWith("io.github.ecrtoolkit") && top.getPackageName().contains(".internal");
    }

    private static List<Class<?>> classes(Path root) throws IOException {
        List<Class<?>> types = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class") && !f.getFileName().toString().equals("package-info.class")
                    && !f.getFileName().toString().equals("module-info.class")).toList()) {
                String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                try {
                    types.add(Class.forName(name, false, InternalBoundary.class.getClassLoader()));
                } catch (ClassNotFoundException | LinkageError e) {
                    throw new IllegalStateException("cannot load " + name, e);
                }
            }
        }
        return types;
    }
}
