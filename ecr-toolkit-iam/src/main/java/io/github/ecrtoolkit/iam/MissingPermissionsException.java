package io.github.ecrtoolkit.iam;

import java.util.List;

import io.github.ecrtoolkit.core.EcrToolkitException;

/**
 * The pre-flight found actions the caller's policies do not allow; nothing was changed. The
 * message names each one and where the policy to attach comes from; {@link #result()} holds the
 * policy document itself.
 */
public final class MissingPermissionsException extends EcrToolkitException {

    private static final long serialVersionUID = 1L;

    private final transient PreflightResult result;

    public MissingPermissionsException(PreflightResult result) {
        super(Reason.ACCESS_DENIED, result.message());
        this.result = result;
    }

    /** The pre-flight's full answer, with the policy to attach. */
    public PreflightResult result() {
        return result;
    }

    /** The denied actions, e.g. {@code [ecs:CreateService]}. */
    public List<String> denied() {
        return result.denied();
    }
}
