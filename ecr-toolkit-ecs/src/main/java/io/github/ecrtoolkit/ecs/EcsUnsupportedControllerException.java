package io.github.ecrtoolkit.ecs;

/**
 * The service's deployments are run by a controller this deployer does not drive
 * ({@code CODE_DEPLOY} blue/green, or {@code EXTERNAL}): {@link Reason#UNSUPPORTED}. Nothing was
 * registered or updated.
 */
public final class EcsUnsupportedControllerException extends EcsException {

    private static final long serialVersionUID = 1L;

    private final String controller;

    public EcsUnsupportedControllerException(String cluster, String service, String controller, String message) {
        super(Reason.UNSUPPORTED, cluster, service, null, message, null);
        this.controller = controller;
    }

    /** The deployment controller type ECS reported, e.g. {@code CODE_DEPLOY}. */
    public String controller() {
        return controller;
    }
}
