package io.github.ecrtoolkit.testing.aws.sts;

import io.github.ecrtoolkit.testing.aws.AwsFaultException;
import io.github.ecrtoolkit.testing.aws.AwsRequest;
import io.github.ecrtoolkit.testing.aws.AwsResponse;
import io.github.ecrtoolkit.testing.aws.AwsStandIn;
import io.github.ecrtoolkit.testing.aws.Protocol;
import io.github.ecrtoolkit.testing.aws.ServiceStandIn;
import io.github.ecrtoolkit.testing.aws.Xml;

/**
 * STS: who the caller is. {@code GetCallerIdentity} answers from {@link AwsStandIn#account()}; an
 * assumed-role caller is set with {@code aws.account(aws.account().withCaller("arn:aws:sts::…:assumed-role/deploy/ci"))}.
 */
public final class StsStandIn implements ServiceStandIn {

    public static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

    private final AwsStandIn aws;

    public StsStandIn(AwsStandIn aws) {
        this.aws = aws;
    }

    @Override
    public String signingName() {
        return "sts";
    }

    @Override
    public Protocol protocol() {
        return Protocol.QUERY;
    }

    @Override
    public AwsResponse handle(String operation, AwsRequest request) {
        if (!operation.equals("GetCallerIdentity")) {
            throw AwsFaultException.notFaked(signingName(), operation);
        }
        String callerArn = aws.account().callerArn();
        return AwsResponse.queryResult(operation, NAMESPACE, Xml.element("GetCallerIdentityResult")
                .text("Arn", callerArn)
                .text("UserId", "AIDASTANDIN" + Integer.toHexString(callerArn.hashCode()).toUpperCase(java.util.Locale.ROOT))
                .text("Account", aws.account().id()));
    }
}
