package io.github.ecrtoolkit.iam.internal;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The IAM principal whose policies apply to a caller STS names. An assumed-role session
 * ({@code arn:aws:sts::123456789012:assumed-role/deploy/ci}) simulates as its role
 * ({@code arn:aws:iam::123456789012:role/deploy}); users and roles as themselves; the root user and
 * federated users cannot be simulated.
 */
public final class Principals {

    private static final Pattern ASSUMED_ROLE = Pattern.compile("arn:([^:]+):sts::(\\d{12}):assumed-role/([^/]+)/.+");
    private static final Pattern IAM_ENTITY = Pattern.compile("arn:[^:]+:iam::\\d{12}:(user|role)/.+");

    private Principals() {
    }

    /**
     * The ARN to simulate for {@code callerArn}; empty for the root user and federated users. A role
     * with a path ({@code role/team/deploy}) shows in its session ARN without the path: the
     * simulator then answers {@code NoSuchEntity}, and the pre-flight says so.
     */
    public static Optional<String> simulated(String callerArn) {
        Matcher assumed = ASSUMED_ROLE.matcher(callerArn);
        if (assumed.matches()) {
            return Optional.of("arn:" + assumed.group(1) + ":iam::" + assumed.group(2) + ":role/" + assumed.group(3));
        }
        return IAM_ENTITY.matcher(callerArn).matches() ? Optional.of(callerArn) : Optional.empty();
    }

    /** Why {@code callerArn} cannot be simulated, for {@link #simulated} empty. */
    public static String whyNotSimulated(String callerArn) {
        if (callerArn.endsWith(":root")) {
            return "The caller is the account's root user, which IAM does not simulate and which may do everything: "
                    + "use an IAM user or role (better: IAM Identity Center) and keep the root user for account tasks.";
        }
        return "IAM's simulator takes users and roles only, not " + callerArn + ".";
    }
}
