package io.github.ecrtoolkit.core;

/** What a push did with one blob. */
public enum LayerPushStatus {
    /** Uploaded by this push. */
    PUSHED,
    /** The target repository had it already; nothing was sent. */
    ALREADY_PRESENT,
    /** Mounted from another repository of the same registry; nothing was sent. */
    MOUNTED
}
