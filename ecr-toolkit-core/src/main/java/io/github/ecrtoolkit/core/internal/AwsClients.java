package io.github.ecrtoolkit.core.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Objects;

import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;

/**
 * The one place that builds the AWS SDK clients we own: every one uses Apache HttpClient 5, the
 * project's single HTTP stack (the modules exclude the SDK's other transports). Also the one place
 * that keeps us from closing a client a caller lent us.
 */
@InternalApi
public final class AwsClients {

    private AwsClients() {
    }

    /**
     * Builds {@code builder} with an Apache HttpClient 5 transport, e.g.
     * {@code AwsClients.build(EcrClient.builder().region(region))}.
     *
     * @throws software.amazon.awssdk.core.exception.SdkClientException when the SDK cannot resolve the
     *         region or another setting from the default chains
     */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder) {
        return builder.httpClientBuilder(Apache5HttpClient.builder()).build();
    }

    /**
     * The caller's {@code client} behind {@code type}, with a {@code close()} that does nothing, as the
     * AWS SDK wraps an HTTP client it was given. A component then closes every client it holds, and
     * one it was lent stays open for its owner, without an {@code ownsClient} flag. Works for any
     * client interface: {@code EcsClient}, {@code StsClient}, a fabric8 {@code KubernetesClient}.
     *
     * <pre>{@code
     * this.ecs = given != null ? AwsClients.notClosed(EcsClient.class, given) : AwsClients.build(EcsClient.builder());
     * ...
     * ecs.close();   // closes only the client we built
     * }</pre>
     *
     * @throws IllegalArgumentException when {@code type} is not an interface
     */
    public static <C extends AutoCloseable> C notClosed(Class<C> type, C client) {
        Objects.requireNonNull(client, "client");
        if (!type.isInterface()) {
            throw new IllegalArgumentException(type.getName() + " is not an interface");
        }
        if (Proxy.isProxyClass(client.getClass()) && Proxy.getInvocationHandler(client) instanceof NotClosing) {
            return client;
        }
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, new NotClosing(client)));
    }

    /** Passes every call on, except {@code close()}; equal only to itself, printed as the client it lends. */
    private record NotClosing(Object client) implements InvocationHandler {

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.equals("close") && method.getParameterCount() == 0) {
                return null;
            }
            if (method.getDeclaringClass() == Object.class) {
                return switch (name) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "not closed by us: " + client;
                };
            }
            try {
                return method.invoke(client, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
