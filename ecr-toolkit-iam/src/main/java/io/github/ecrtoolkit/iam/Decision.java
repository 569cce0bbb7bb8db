package io.github.ecrtoolkit.iam;

/** What IAM's policy simulator says about one action. */
public enum Decision {
    /** An identity policy allows it. */
    ALLOWED,
    /** No policy allows it, or one denies it explicitly. */
    DENIED,
    /** Not known: the simulation could not run (it was denied itself, or the principal cannot be simulated). */
    UNKNOWN
}
