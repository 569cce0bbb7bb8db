package io.github.ecrtoolkit.eks.internal;

import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.github.ecrtoolkit.core.EcrToolkitException.Reason;
import io.github.ecrtoolkit.core.internal.AwsErrors;
import io.github.ecrtoolkit.eks.EksAccessException;
import io.github.ecrtoolkit.eks.EksClusterAccess;
import io.github.ecrtoolkit.eks.EksClusterAccess.AccessEntry;
import io.github.ecrtoolkit.eks.EksClusterNotReadyException;
import io.github.ecrtoolkit.eks.EksException;
import io.github.ecrtoolkit.eks.EksTokenProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.eks.model.ClusterStatus;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * Pre-flight and connection: who am I (STS), where is the cluster and is it ACTIVE
 * ({@code DescribeCluster}), may I in (access entries), then a fabric8 client that trusts the
 * cluster's CA and authenticates with EKS tokens.
 */
public final class ClusterConnector {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterConnector.class);
    private static final Set<String> ACCESS_ENTRY_MODES = Set.of("API", "API_AND_CONFIG_MAP");

    /** What {@link #preflight} learned; the CA is public data, not a secret. */
    public record Connection(EksClusterAccess access, String caData) {
    }

    private ClusterConnector() {
    }

    /**
     * @throws EksAccessException when STS refuses the credentials, EKS refuses DescribeCluster, or the
     *         cluster uses only access entries and the principal has none
     * @throws EksClusterNotReadyException when the cluster is not ACTIVE
     * @throws EksException when the cluster does not exist ({@code NOT_FOUND}) or STS or EKS cannot be
     *         reached ({@code UNAVAILABLE})
     */
    public static Connection preflight(String cluster, EksClient eks, StsClient sts) {
        GetCallerIdentityResponse identity;
        try {
            identity = sts.getCallerIdentity();
        } catch (SdkException e) {
            AwsErrors.Failure failure = AwsErrors.classify("STS", "GetCallerIdentity", e);
            String message = failure.message(null);
            if (failure.reason() == Reason.ACCESS_DENIED) {
                throw new EksAccessException(cluster, null, "STS", code(failure), message, e);
            }
            throw new EksException(failure.reason(), cluster, "STS", code(failure), message, e);
        }
        String principal = identity.arn();
        Cluster described;
        try {
            described = eks.describeCluster(r -> r.name(cluster)).cluster();
        } catch (SdkException e) {
            AwsErrors.Failure failure = AwsErrors.classify("EKS", "DescribeCluster", e);
            if (failure.reason() == Reason.NOT_FOUND) {
                throw new EksException(Reason.NOT_FOUND, cluster, "EKS", code(failure), "EKS cluster '" + cluster
                        + "' not found (account " + identity.account() + "); check the name and the region", e);
            }
            String message = failure.message("cluster '" + cluster + "' as " + principal);
            if (failure.reason() == Reason.ACCESS_DENIED) {
                throw new EksAccessException(cluster, principal, "EKS", code(failure), message, e);
            }
            throw new EksException(failure.reason(), cluster, "EKS", code(failure), message, e);
        }
        if (described.status() != ClusterStatus.ACTIVE) {
            throw new EksClusterNotReadyException(cluster, described.statusAsString());
        }
        if (described.endpoint() == null || described.certificateAuthority() == null
                || described.certificateAuthority().data() == null) {
            throw new EksException(cluster, "EKS cluster '" + cluster + "' is ACTIVE but has no endpoint or CA data");
        }
        String mode = described.accessConfig() == null ? "CONFIG_MAP"
                : String.valueOf(described.accessConfig().authenticationModeAsString());
        String entryPrincipal = AccessEntries.principalFor(principal);
        AccessEntry entry = ACCESS_ENTRY_MODES.contains(mode) ? AccessEntries.find(eks, cluster, entryPrincipal)
                : AccessEntry.NOT_USED;
        EksClusterAccess access = new EksClusterAccess(cluster, described.endpoint(), principal, entryPrincipal, mode,
                entry);
        if (entry == AccessEntry.MISSING && "API".equals(mode)) {
            throw new EksAccessException(cluster, principal, "EKS cluster '" + cluster + "' authenticates with access "
                    + "entries only (authenticationMode API) and " + entryPrincipal + " has none, so Kubernetes would "
                    + "answer 401. Create one: aws eks create-access-entry --cluster-name " + cluster
                    + " --principal-arn " + entryPrincipal + ", then associate an access policy with "
                    + "aws eks associate-access-policy.");
        }
        if (entry == AccessEntry.MISSING) {
            LOG.warn("{} has no access entry in EKS cluster {}; relying on the aws-auth ConfigMap", entryPrincipal,
                    cluster);
        }
        return new Connection(access, described.certificateAuthority().data());
    }

    /** One fabric8 client for the cluster: verified TLS with the cluster's CA, EKS tokens, JDK HTTP client. */
    public static KubernetesClient client(String endpoint, String caData, EksTokenProvider tokens) {
        Config config = new ConfigBuilder(Config.empty())
                .withMasterUrl(endpoint)
                .withCaCertData(caData)
                .build();
        return new KubernetesClientBuilder()
                .withConfig(config)
                .withHttpClientFactory(new JdkHttpClientFactory())
                .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor(EksTokenInterceptor.NAME,
                        new EksTokenInterceptor(tokens)))
                .build();
    }

    private static String code(AwsErrors.Failure failure) {
        return failure.errorCode().isEmpty() ? null : failure.errorCode();
    }
}
