package io.github.ecrtoolkit.testing.aws;

/**
 * One call the stand-in received, as IAM would name it: {@code service} is the signing name
 * ({@code ecs}, {@code iam}, …), which is also the IAM action prefix of every service it fakes.
 *
 * @param service the service's signing name, such as {@code ecs}
 * @param operation the API operation, such as {@code CreateService}
 */
public record AwsCall(String service, String operation) {

    /** The IAM action this call needs, such as {@code ecs:CreateService}. */
    public String action() {
        return service + ":" + operation;
    }

    @Override
    public String toString() {
        return action();
    }
}
