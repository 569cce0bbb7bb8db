package io.github.ecrtoolkit.core.deploy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.github.ecrtoolkit.core.EcrToolkitException;
import io.github.ecrtoolkit.core.EcrToolkitException.Reason;
import io.github.ecrtoolkit.core.Registry;
import io.github.ecrtoolkit.core.ecr.EcrAuthorization;
import io.github.ecrtoolkit.core.image.EcrRegistryHost;
import io.github.ecrtoolkit.core.image.ImageReference;
import io.github.ecrtoolkit.core.image.Platform;
import io.github.ecrtoolkit.core.internal.AwsClients;
import io.github.ecrtoolkit.core.registry.ManifestNotFoundException;
import io.github.ecrtoolkit.core.registry.RepositoryNotFoundException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.EcrClientBuilder;

/**
 * Reads the platforms of images that live on Amazon ECR ({@code <account>.dkr.ecr.<region>.amazonaws.com},
 * also {@code .amazonaws.com.cn}, FIPS and dual-stack hosts): an ECR token for the image's region
 * with the credentials given, then the image's index (or its single manifest's config) through
 * {@link Registry#platformsOf}. Images on other registries are not known (empty: no check). The
 * deployers use one by default, with their own credentials.
 *
 * <pre>{@code
 * ImagePlatforms lookup = ImagePlatforms.ecr(ProfileCredentialsProvider.create("deploy"));
 * lookup.of("123456789012.dkr.ecr.eu-west-1.amazonaws.com/orders:1.5.0");   // [linux/amd64, linux/arm64]
 * }</pre>
 *
 * <p>How it fails: an image or repository that does not exist is a {@link ManifestNotFoundException}
 * or {@link RepositoryNotFoundException} saying to push it first; access denied, an unreachable or
 * throttling registry is a {@link PlatformsUnavailableException}, on which deployers skip the check
 * with a warning. It needs {@code ecr:GetAuthorizationToken}, {@code ecr:BatchGetImage} and
 * {@code ecr:GetDownloadUrlForLayer}. Each call opens an ECR client and a registry connection and
 * closes both; the credentials provider is not closed by us. Thread-safe.
 */
public final class EcrImagePlatforms implements ImagePlatforms {

    /** Few and short retries: a deploy waits on this check, and a registry that stays busy only skips it. */
    private static final int ATTEMPTS = 3;

    private final IdentityProvider<? extends AwsCredentialsIdentity> credentials;
    private final URI endpoint;

    private EcrImagePlatforms(Builder builder) {
        this.credentials = builder.credentials;
        this.endpoint = builder.endpoint;
    }

    /** Credentials from the AWS default chain, ECR's regional endpoints; see {@link Builder}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @throws ManifestNotFoundException when the ECR image (tag or digest) does not exist
     * @throws RepositoryNotFoundException when its repository does not exist
     * @throws PlatformsUnavailableException when ECR or its registry refused the credentials, could not
     *         be reached or kept throttling: the platforms are not known, the image may well be fine
     */
    @Override
    public List<Platform> of(String image) {
        ImageReference ref = ImageReference.parse(Objects.requireNonNull(image, "image"));
        Optional<EcrRegistryHost> ecr = ref.ecr();
        if (ecr.isEmpty()) {
            return List.of();
        }
        try (EcrClient client = client(ecr.get())) {
            EcrAuthorization token = EcrAuthorization.create(client);
            URI proxy = proxyEndpoint(token, image);
            try (Registry registry = registryFor(ref, proxy, token)) {
                return registry.platformsOf(ref.withRegistry(registry.host()).toString());
            }
        } catch (ManifestNotFoundException e) {
            throw new ManifestNotFoundException("image " + image + " is not in the repository"
                    + " (no such tag or digest); push it first, or check the tag", e.registry(), e.repository().orElse(ref.repository()), e.status(),
                    e.code().orElse(null), e);
        } catch (RepositoryNotFoundException e) {
            throw new RepositoryNotFoundException("image " + image + " is not in the repository: repository " + ref.repository()
                    + " does not exist in ECR registry " + ref.registry() + "; create it and push the image first",
                    e.registry(), ref.repository(), e.status(), e.code().orElse(null), e);
        } catch (PlatformsUnavailableException e) {
            throw e;
        } catch (EcrToolkitException e) {
            throw unavailable(image, e);
        } catch (SdkClientException e) {
            throw new PlatformsUnavailableException(Reason.FAILED, "cannot read the platforms of " + image
                    + ": no ECR client for region " + ecr.get().region(), e);
        }
    }

    private EcrClient client(EcrRegistryHost host) {
        EcrClientBuilder builder = EcrClient.builder().region(Region.of(host.region()));
        if (credentials != null) {
            builder.credentialsProvider(credentials);
        }
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        } else {
            builder.fipsEnabled(host.fips()).dualstackEnabled(host.dualStack());
        }
        return AwsClients.build(builder);
    }

    private static URI proxyEndpoint(EcrAuthorization token, String image) {
        try {
            return token.proxyEndpoint();
        } catch (EcrToolkitException e) {
            throw unavailable(image, e);
        }
    }

    /**
     * The image's own host when the token names an ECR host (so another account's image, or a
     * dual-stack host, is read where it lives); else the token's proxy endpoint, as a stand-in gives it.
     */
    private static Registry registryFor(ImageReference ref, URI proxy, EcrAuthorization token) {
        String proxyHost = proxy.getPort() < 0 ? proxy.getHost() : proxy.getHost() + ":" + proxy.getPort();
        boolean ecrHost = EcrRegistryHost.isEcr(proxyHost);
        boolean plain = !ecrHost && "http".equalsIgnoreCase(proxy.getScheme());
        if (plain && !ImageReference.isLoopbackHost(proxyHost)) {
            throw new PlatformsUnavailableException(Reason.FAILED, "cannot read the platforms of " + ref
                    + ": ECR named the plain-HTTP registry endpoint " + proxy + ", which only a loopback stand-in may be", null);
        }
        return Registry.builder().host(ecrHost ? ref.registry() : proxyHost).credentials(token).allowInsecureLoopback(plain)
                .retries(ATTEMPTS, Duration.ofMillis(250), Duration.ofSeconds(2))
                .timeouts(Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofSeconds(30)).build();
    }

    private static PlatformsUnavailableException unavailable(String image, EcrToolkitException e) {
        Reason reason = switch (e.reason()) {
            case ACCESS_DENIED, UNAVAILABLE -> e.reason();
            default -> Reason.FAILED;
        };
        return new PlatformsUnavailableException(reason, "cannot read the platforms of " + image + ": " + e.getMessage(), e);
    }

    @Override
    public String toString() {
        return "EcrImagePlatforms[" + (credentials == null ? "default credentials" : "given credentials")
                + (endpoint == null ? "" : ", endpoint " + endpoint) + "]";
    }

    /** Configures an {@link EcrImagePlatforms}; not thread-safe. */
    public static final class Builder {
        private IdentityProvider<? extends AwsCredentialsIdentity> credentials;
        private URI endpoint;

        private Builder() {
        }

        /**
         * The AWS credentials to ask ECR for a token with (an {@code AwsCredentialsProvider} is one); not
         * closed by us. Default: the AWS default chain.
         */
        public Builder credentialsProvider(IdentityProvider<? extends AwsCredentialsIdentity> value) {
            this.credentials = Objects.requireNonNull(value, "credentialsProvider");
            return this;
        }

        /**
         * The ECR API endpoint to call instead of the region's: a VPC endpoint, or a local stand-in (whose
         * tokens may then name a plain-HTTP registry on loopback). Default: the image's region's endpoint.
         */
        public Builder endpointOverride(URI value) {
            this.endpoint = Objects.requireNonNull(value, "endpointOverride");
            return this;
        }

        public EcrImagePlatforms build() {
            return new EcrImagePlatforms(this);
        }
    }
}
