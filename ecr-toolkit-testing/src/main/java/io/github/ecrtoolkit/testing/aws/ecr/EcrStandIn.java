package io.github.ecrtoolkit.testing.aws.ecr;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;

import io.github.ecrtoolkit.core.RegistryCredentials;
import io.github.ecrtoolkit.testing.aws.AwsFault;
import io.github.ecrtoolkit.testing.aws.AwsFaultException;
import io.github.ecrtoolkit.testing.aws.AwsRequest;
import io.github.ecrtoolkit.testing.aws.AwsResponse;
import io.github.ecrtoolkit.testing.aws.AwsStandIn;
import io.github.ecrtoolkit.testing.aws.Json;
import io.github.ecrtoolkit.testing.aws.Protocol;
import io.github.ecrtoolkit.testing.aws.ServiceStandIn;

/**
 * Amazon ECR's API as far as reading images needs it: {@code GetAuthorizationToken}, whose token
 * and {@code proxyEndpoint} name a real registry on this machine (a {@code LocalRegistry}, say),
 * which then plays the account's ECR registry. Until a registry is given the caller is treated as
 * one without ECR permissions: the call is refused with {@code AccessDeniedException}.
 *
 * <pre>{@code
 * aws.ecr().registry(registry.host(), registry.credentials());   // images of <account>.dkr.ecr.<region>.amazonaws.com live there
 * }</pre>
 */
public final class EcrStandIn implements ServiceStandIn {

    private static final Duration TOKEN_LIFE = Duration.ofHours(12);

    private final AwsStandIn aws;
    private String registryHost;
    private RegistryCredentials credentials = RegistryCredentials.anonymous();

    public EcrStandIn(AwsStandIn aws) {
        this.aws = aws;
    }

    @Override
    public String signingName() {
        return "ecr";
    }

    @Override
    public Protocol protocol() {
        return Protocol.JSON;
    }

    /**
     * The registry that tokens name, reached over plain HTTP on loopback, e.g. {@code 127.0.0.1:5000};
     * the token carries {@code credentials} (user {@code AWS} for Basic auth as ECR has it).
     *
     * @throws IllegalArgumentException when {@code host} is not on loopback
     */
    public synchronized EcrStandIn registry(String host, RegistryCredentials credentials) {
        if (!io.github.ecrtoolkit.core.image.ImageReference.isLoopbackHost(Objects.requireNonNull(host, "host"))) {
            throw new IllegalArgumentException("the ECR stand-in names registries on loopback only, not " + host);
        }
        this.registryHost = host;
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        return this;
    }

    @Override
    public synchronized AwsResponse handle(String operation, AwsRequest request) {
        if (!operation.equals("GetAuthorizationToken")) {
            throw AwsFaultException.notFaked(signingName(), operation);
        }
        if (registryHost == null) {
            AwsFault denied = AwsFault.accessDenied("ecr:GetAuthorizationToken");
            throw new AwsFaultException(denied.status(), denied.code(), denied.message()
                    + " (this AWS stand-in holds no ECR registry: give it one with aws.ecr().registry(..))");
        }
        String user = credentials.username().orElse("AWS");
        String token = Base64.getEncoder().encodeToString((user + ":" + credentials.password().orElse(""))
                .getBytes(StandardCharsets.UTF_8));
        var data = Json.object().put("authorizationToken", token)
                .put("expiresAt", aws.now().plus(TOKEN_LIFE).getEpochSecond())
                .put("proxyEndpoint", "http://" + registryHost);
        var list = Json.array();
        list.add(data);
        return AwsResponse.json(Json.object().set("authorizationData", list));
    }
}
