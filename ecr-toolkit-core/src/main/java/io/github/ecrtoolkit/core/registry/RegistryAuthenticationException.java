package io.github.ecrtoolkit.core.registry;

/** The registry refused the credentials (`UNAUTHORIZED`) even after fetching fresh ones: check the user name and password (or the AWS identity for ECR). */
public class RegistryAuthenticationException extends RegistryException {

    private static final long serialVersionUID = 1L;

    public RegistryAuthenticationException(String message, String registry, String repository, int status, String code) {
        super(Reason.ACCESS_DENIED, message, registry, repository, status, code, null);
    }

    public RegistryAuthenticationException(String message, String registry, String repository, int status, String code, Throwable cause) {
        super(Reason.ACCESS_DENIED, message, registry, repository, status, code, cause);
    }
}
