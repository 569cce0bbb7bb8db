package io.github.ecrtoolkit.ecs.internal;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

import io.github.ecrtoolkit.ecs.EcsDeployEvent;
import io.github.ecrtoolkit.ecs.EcsException;

/**
 * Waits out IAM's eventual consistency: a role created seconds ago may be refused by ECS ("unable
 * to assume the role"). The call is tried again with doubling waits, a bounded number of times,
 * and each wait is reported as an event; any other error passes straight through.
 */
final class RoleRetry {

    static final int TRIES = 8;
    private static final Duration FIRST_WAIT = Duration.ofSeconds(2);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(15);

    private final RunContext context;

    RoleRetry(RunContext context) {
        this.context = context;
    }

    <T> T call(String operation, String roleArn, Supplier<T> call) {
        Duration wait = FIRST_WAIT;
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (EcsException e) {
                if (attempt >= TRIES || !roleNotUsable(e)) {
                    throw e;
                }
                context.events().emit(new EcsDeployEvent.RoleNotYetUsable(context.pacer().now(), refusedRole(e, roleArn), operation,
                        attempt, wait));
                context.pacer().hold(wait);
                Duration doubled = wait.multipliedBy(2);
                wait = doubled.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : doubled;
            }
        }
    }

    /** The role ECS names in its refusal ({@code unable to assume the role 'arn:…'}), else the one expected. */
    private static String refusedRole(EcsException e, String expected) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("role '(arn:[^']+)'").matcher(String.valueOf(e.getMessage()));
        return m.find() ? m.group(1) : expected;
    }

    private static boolean roleNotUsable(EcsException e) {
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        return e.awsErrorCode().filter("InvalidParameterException"::equals).isPresent()
                && message.contains("unable to assume the role");
    }
}
