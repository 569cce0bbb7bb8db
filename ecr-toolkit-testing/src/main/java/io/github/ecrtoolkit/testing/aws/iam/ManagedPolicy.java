package io.github.ecrtoolkit.testing.aws.iam;

import java.time.Instant;
import java.util.List;

/**
 * A customer managed policy as the IAM stand-in holds it: its versions' documents, oldest first.
 *
 * @param name the policy name
 * @param arn its ARN
 * @param created when it was created
 * @param documents the documents of versions {@code v1}, {@code v2}, … (JSON)
 * @param defaultVersion the index in {@code documents} of the default version
 */
public record ManagedPolicy(String name, String arn, Instant created, List<String> documents, int defaultVersion) {

    public ManagedPolicy {
        documents = List.copyOf(documents);
    }

    /** The document in force. */
    public String document() {
        return documents.get(defaultVersion);
    }

    /** {@code v1}, {@code v2}, … of the default version. */
    public String defaultVersionId() {
        return "v" + (defaultVersion + 1);
    }
}
