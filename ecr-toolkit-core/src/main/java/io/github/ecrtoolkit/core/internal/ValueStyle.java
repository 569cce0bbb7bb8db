package io.github.ecrtoolkit.core.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.immutables.value.Value;

/**
 * The one Immutables style of the project: values are interfaces or abstract classes named
 * {@code Foo}, generated as {@code ImmutableFoo}, built with {@code builder()}, copied with
 * {@code toBuilder()}-like {@code from(..)}; attributes marked {@code @Value.Redacted} print as
 * {@code ****} in {@code toString()} so secrets never reach a log.
 */
@Target({ElementType.PACKAGE, ElementType.TYPE})
@Retention(RetentionPolicy.CLASS)
@Value.Style(
        init = "*",
        visibility = Value.Style.ImplementationVisibility.SAME,
        builderVisibility = Value.Style.BuilderVisibility.PUBLIC,
        defaults = @Value.Immutable(copy = true),
        redactedMask = "****",
        jdkOnly = true,
        allParameters = false)
public @interface ValueStyle {
}
