package io.github.ecrtoolkit.core.internal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a type that is public only so that the other ecr-toolkit modules (docker, ecs, eks) can
 * share it. It is not part of the API: it may change or go away in any release, and no public
 * signature of the library mentions it. Everything in an {@code internal} package is internal;
 * this annotation names the few such types that sibling modules do use, so that the boundary can
 * be checked: each module's {@code InternalBoundaryTest} fails on an internal type a sibling
 * imports without it, or on one that a public signature names.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.FIELD})
public @interface InternalApi {
}
