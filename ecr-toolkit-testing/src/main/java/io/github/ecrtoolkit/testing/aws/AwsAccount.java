package io.github.ecrtoolkit.testing.aws;

import java.util.Objects;

/**
 * The account the stand-in plays: its id, region and the principal calls are made as. Services
 * build their ARNs from it so that every ARN in one test agrees.
 *
 * @param id the 12-digit account id
 * @param region the region regional services answer for
 * @param callerArn the ARN STS reports for the caller (a user, or an assumed-role session)
 */
public record AwsAccount(String id, String region, String callerArn) {

    public static final String DEFAULT_ID = "123456789012";
    public static final String DEFAULT_REGION = "eu-west-1";
    public static final String DEFAULT_CALLER_ARN = "arn:aws:iam::" + DEFAULT_ID + ":user/developer";

    public AwsAccount {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(callerArn, "callerArn");
        if (!id.matches("\\d{12}")) {
            throw new IllegalArgumentException("an AWS account id has 12 digits, not '" + id + "'");
        }
    }

    public static AwsAccount defaults() {
        return new AwsAccount(DEFAULT_ID, DEFAULT_REGION, DEFAULT_CALLER_ARN);
    }

    /** {@code arn:aws:<service>:<region>:<account>:<resource>}; global services pass an empty region. */
    public String arn(String service, String region, String resource) {
        return "arn:aws:" + service + ":" + region + ":" + id + ":" + resource;
    }

    /** An ARN in this account and region. */
    public String regionalArn(String service, String resource) {
        return arn(service, region, resource);
    }

    public AwsAccount withCaller(String callerArn) {
        return new AwsAccount(id, region, callerArn);
    }
}
