package io.github.ecrtoolkit.core.layer;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Mode and owner applied to what {@link LayerSpec.Builder} adds, as Dockerfile
 * {@code COPY --chmod}/{@code --chown} do. Without a mode, files get {@code 0755} when their
 * owner may execute them and {@code 0644} otherwise, directories {@code 0755}; without an owner,
 * uid and gid are 0.
 *
 * <pre>{@code
 * builder.add(Path.of("bin/run.sh"), "app/run.sh", EntryOptions.defaults().withMode(0750).withOwner(1000, 1000));
 * }</pre>
 */
public final class EntryOptions {

    private static final EntryOptions DEFAULTS = new EntryOptions(null, 0, 0);

    private final Integer mode;
    private final int uid;
    private final int gid;

    private EntryOptions(Integer mode, int uid, int gid) {
        this.mode = mode;
        this.uid = uid;
        this.gid = gid;
    }

    /** Normalised modes, owner 0:0. */
    public static EntryOptions defaults() {
        return DEFAULTS;
    }

    /** The same mode for every file and directory added (like {@code --chmod=0750}). */
    public EntryOptions withMode(int newMode) {
        if (newMode < 0 || newMode > 07777) {
            throw new IllegalArgumentException("mode must be within 0..07777, was 0" + Integer.toOctalString(newMode));
        }
        return new EntryOptions(newMode, uid, gid);
    }

    /** Numeric owner of everything added (like {@code --chown=1000:1000}). */
    public EntryOptions withOwner(int newUid, int newGid) {
        if (newUid < 0 || newGid < 0) {
            throw new IllegalArgumentException("uid and gid must not be negative, were " + newUid + ":" + newGid);
        }
        return new EntryOptions(mode, newUid, newGid);
    }

    public OptionalInt mode() {
        return mode == null ? OptionalInt.empty() : OptionalInt.of(mode);
    }

    public int uid() {
        return uid;
    }

    public int gid() {
        return gid;
    }

    Optional<Integer> modeValue() {
        return Optional.ofNullable(mode);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EntryOptions e && Objects.equals(mode, e.mode) && uid == e.uid && gid == e.gid;
    }

    @Override
    public int hashCode() {
        return Objects.hash(mode, uid, gid);
    }

    @Override
    public String toString() {
        return "EntryOptions[mode=" + (mode == null ? "normalised" : "0" + Integer.toOctalString(mode)) + ", owner=" + uid
                + ":" + gid + "]";
    }
}
