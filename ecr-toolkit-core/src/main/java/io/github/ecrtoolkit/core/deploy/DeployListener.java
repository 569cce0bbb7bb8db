package io.github.ecrtoolkit.core.deploy;

/**
 * Receives {@link DeployEvent}s while a deploy runs. May be called from any thread; must return
 * quickly and must not block.
 *
 * <pre>{@code
 * DeployListener printer = event -> System.out.println(event.time() + " " + event.message());
 * }</pre>
 */
@FunctionalInterface
public interface DeployListener {

    /** A listener that ignores everything. */
    DeployListener NONE = event -> { };

    void onEvent(DeployEvent event);

    /**
     * Deploy events as lines on stderr with the seconds since the start, the way
     * {@link io.github.ecrtoolkit.core.event.ProgressListener#console()} renders a push.
     */
    static io.github.ecrtoolkit.core.event.ConsoleProgress console() {
        return io.github.ecrtoolkit.core.event.ConsoleProgress.create();
    }
}
