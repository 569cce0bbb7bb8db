package io.github.ecrtoolkit.core.image;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an Amazon ECR registry host name says: account, region and endpoint flavour. Recognises
 * {@code <acct>.dkr.ecr.<region>.amazonaws.com}, the dual-stack {@code <acct>.dkr-ecr.<region>.on.aws},
 * FIPS ({@code dkr.ecr-fips}), and the China partition ({@code .amazonaws.com.cn}).
 *
 * <pre>{@code
 * EcrRegistryHost.parse("123456789012.dkr.ecr.eu-west-1.amazonaws.com").map(EcrRegistryHost::region);
 * }</pre>
 *
 * @param host      the host name as given
 * @param accountId the 12-digit AWS account id
 * @param region    e.g. {@code eu-west-1}
 * @param fips      whether the host is a FIPS endpoint
 * @param dualStack whether the host is a dual-stack (IPv4 and IPv6) endpoint
 */
public record EcrRegistryHost(String host, String accountId, String region, boolean fips, boolean dualStack) {

    private static final Pattern ECR = Pattern.compile(
            "(\\d{12})\\.dkr([.-])ecr(-fips)?\\.([a-z]{2}(?:-[a-z]+)+-\\d+)\\.(amazonaws\\.com|amazonaws\\.com\\.cn|on\\.aws)");

    /** The ECR account and region in {@code host}, or empty when it is not an ECR registry host. */
    public static Optional<EcrRegistryHost> parse(String host) {
        if (host == null) {
            return Optional.empty();
        }
        String name = host.toLowerCase(Locale.ROOT);
        int colon = name.indexOf(':');
        if (colon >= 0) {
            name = name.substring(0, colon);
        }
        Matcher m = ECR.matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        boolean dualStack = "-".equals(m.group(2)) || "on.aws".equals(m.group(5));
        return Optional.of(new EcrRegistryHost(host, m.group(1), m.group(4), m.group(3) != null, dualStack));
    }

    /** Whether {@code host} names an ECR registry. */
    public static boolean isEcr(String host) {
        return parse(host).isPresent();
    }

    /** The registry host of {@code accountId} in {@code region} (standard endpoint, right partition). */
    public static String hostFor(String accountId, String region) {
        return accountId + ".dkr.ecr." + region + (region.startsWith("cn-") ? ".amazonaws.com.cn" : ".amazonaws.com");
    }
}
