package io.github.ecrtoolkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

import io.github.ecrtoolkit.core.EcrToolkitException.Reason;
import io.github.ecrtoolkit.core.ecr.EcrException;

class AwsErrorsTest {

    private static AwsServiceException answer(int status, String code, String message) {
        return AwsServiceException.builder().statusCode(status).message(message)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("Ecs")
                        .build())
                .build();
    }

    private static AwsErrors.Failure ecs(SdkException e) {
        return AwsErrors.classify("ECS", "UpdateService", e);
    }

    @Nested
    class NotFound {

        @Test
        void notFoundCodes_areNotFound_andSayCheckTheNames() {
            for (String code : new String[] {"ClusterNotFoundException", "ResourceNotFoundException",
                    "RepositoryNotFoundException", "NoSuchEntity"}) {
                AwsErrors.Failure failure = ecs(answer(400, code, "gone"));

                assertThat(failure.reason()).as(code).isEqualTo(Reason.NOT_FOUND);
                assertThat(failure.errorCode()).isEqualTo(code);
                assertThat(failure.message("cluster prod")).as(code)
                        .isEqualTo("ECS UpdateService on cluster prod: not found (" + code + ": gone, HTTP 400). "
                                + "Check the names and the region.");
            }
        }

        @Test
        void http404WithoutCode_isNotFound() {
            assertThat(ecs(answer(404, null, null)).reason()).isEqualTo(Reason.NOT_FOUND);
        }

        @Test
        void serviceSpecificCodes_comeFirst() {
            AwsErrors.Failure failure = AwsErrors.classify("ECS", "DescribeServices",
                    answer(400, "ServiceNotActiveException", "Service was not ACTIVE."),
                    Map.of("ServiceNotActiveException", Reason.NOT_FOUND));

            assertThat(failure.reason()).isEqualTo(Reason.NOT_FOUND);
        }
    }

    @Nested
    class AccessDenied {

        @Test
        void accessDenied_namesTheDeniedAction_fromTheServicesMessage() {
            AwsErrors.Failure failure = AwsErrors.classify("ECR", "CreateRepository", answer(400, "AccessDeniedException",
                    "User: arn:aws:iam::123456789012:user/ci is not authorized to perform: ecr:CreateRepository on "
                            + "resource: arn:aws:ecr:eu-west-1:123456789012:repository/orders because no "
                            + "identity-based policy allows the ecr:CreateRepository action"));

            assertThat(failure.reason()).isEqualTo(Reason.ACCESS_DENIED);
            assertThat(failure.deniedAction()).contains("ecr:CreateRepository");
            assertThat(failure.credentials()).isFalse();
            assertThat(failure.message("repository 'orders'"))
                    .startsWith("ECR CreateRepository on repository 'orders': access denied (AccessDeniedException: ")
                    .endsWith("Allow ecr:CreateRepository in the IAM policy of the identity in use. The whole policy to "
                            + "create repositories: `iam-policy --for create-repository` prints it (in code: "
                            + "Permissions.policy(Capability.CREATE_REPOSITORY, scope)).");
        }

        @Test
        void accessDenied_withoutActionInTheMessage_namesTheOperation() {
            AwsErrors.Failure failure = ecs(answer(400, "AccessDeniedException", "not allowed"));

            assertThat(failure.deniedAction()).isEmpty();
            assertThat(failure.message(null)).contains("Allow ecs:UpdateService in the IAM policy of the identity in use.")
                    .endsWith("`iam-policy --for deploy-ecs` prints it (in code: Permissions.policy(Capability.DEPLOY_ECS, scope)).");
        }

        @Test
        void otherDenialCodes_andHttp403_areAccessDenied() {
            assertThat(ecs(answer(403, "AccessDenied", "no")).reason()).isEqualTo(Reason.ACCESS_DENIED);
            assertThat(ecs(answer(400, "UnauthorizedOperation", "no")).reason()).isEqualTo(Reason.ACCESS_DENIED);
            assertThat(ecs(answer(403, null, null)).reason()).isEqualTo(Reason.ACCESS_DENIED);
        }

        @Test
        void refusedCredentials_sayCheckTheCredentials() {
            for (String code : new String[] {"UnrecognizedClientException", "InvalidClientTokenId", "ExpiredToken",
                    "InvalidSignatureException"}) {
                AwsErrors.Failure failure = ecs(answer(400, code, "The security token included in the request is invalid."));

                assertThat(failure.reason()).as(code).isEqualTo(Reason.ACCESS_DENIED);
                assertThat(failure.credentials()).as(code).isTrue();
                assertThat(failure.message(null)).as(code).contains("AWS refused the credentials (" + code)
                        .contains("Check the AWS credentials in use");
            }
        }

        @Test
        void noCredentialsFound_isAccessDenied_withoutAnswer() {
            AwsErrors.Failure failure = ecs(SdkClientException.create("Unable to load credentials from any of the "
                    + "providers in the chain AwsCredentialsProviderChain"));

            assertThat(failure.reason()).isEqualTo(Reason.ACCESS_DENIED);
            assertThat(failure.statusCode()).isZero();
            assertThat(failure.message(null)).isEqualTo("ECS UpdateService: no AWS credentials found. " + AwsErrors.PROVIDE_CREDENTIALS)
                    .doesNotContain("AwsCredentialsProviderChain");
            assertThat(failure.credentials()).isTrue();
        }
    }

    @Test
    void getAuthorizationTokenDenied_namesTheAction_andThePushPolicy_notTheCredentials() {
        AwsErrors.Failure failure = AwsErrors.classify("ECR", "GetAuthorizationToken", answer(400, "AccessDeniedException",
                "User: arn:aws:iam::123456789012:user/course is not authorized to perform: ecr:GetAuthorizationToken on "
                        + "resource: * because no identity-based policy allows the ecr:GetAuthorizationToken action"));

        assertThat(failure.message(null)).contains("Allow ecr:GetAuthorizationToken in the IAM policy")
                .contains("iam-policy --for push").doesNotContain("Check the AWS credentials");
    }

    @Nested
    class Unavailable {

        @Test
        void throttling_isUnavailable_andRetryable() {
            AwsErrors.Failure failure = ecs(answer(400, "ThrottlingException", "Rate exceeded"));

            assertThat(failure.reason()).isEqualTo(Reason.UNAVAILABLE);
            assertThat(failure.throttled()).isTrue();
            assertThat(failure.message(null)).contains("throttled").contains("Try again later");
            EcrException translated = new EcrException(failure.reason(), failure.errorCode(), failure.message(null), null);
            assertThat(translated.isRetryable()).isTrue();
            assertThat(translated.awsErrorCode()).contains("ThrottlingException");
            assertThat(translated.awsService()).contains("ECR");
        }

        @Test
        void http429_andOtherThrottlingCodes_areThrottled() {
            assertThat(ecs(answer(429, "TooManyRequestsException", "slow down")).throttled()).isTrue();
            assertThat(ecs(answer(400, "RequestLimitExceeded", "slow down")).throttled()).isTrue();
            assertThat(ecs(answer(429, null, null)).reason()).isEqualTo(Reason.UNAVAILABLE);
        }

        @Test
        void serverErrors_areUnavailable_butNotThrottled() {
            AwsErrors.Failure failure = ecs(answer(500, "ServerException", "Service Unavailable. Please try again later."));

            assertThat(failure.reason()).isEqualTo(Reason.UNAVAILABLE);
            assertThat(failure.throttled()).isFalse();
            assertThat(failure.message(null)).contains("failed on its side");
            assertThat(ecs(answer(503, null, null)).reason()).isEqualTo(Reason.UNAVAILABLE);
        }

        @Test
        void unknownHost_isUnavailable_andNamesTheHost() {
            SdkClientException e = SdkClientException.builder().message("Received an UnknownHostException when "
                    + "attempting to interact with a service.")
                    .cause(new UnknownHostException("ecs.xx-nowhere-1.amazonaws.com: Name or service not known")).build();

            AwsErrors.Failure failure = ecs(e);

            assertThat(failure.reason()).isEqualTo(Reason.UNAVAILABLE);
            assertThat(failure.host()).contains("ecs.xx-nowhere-1.amazonaws.com");
            assertThat(failure.message(null)).contains("could not reach ECS at ecs.xx-nowhere-1.amazonaws.com")
                    .contains("AWS_ENDPOINT_URL_ECS").contains("region");
        }

        @Test
        void theEndpointVariable_isTheSdksName_forServicesWithSpacesToo() {
            assertThat(AwsErrors.endpointVariable("Elastic Load Balancing")).isEqualTo("AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2");
            assertThat(AwsErrors.endpointVariable("CloudWatch Logs")).isEqualTo("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS");
            assertThat(AwsErrors.endpointVariable("EC2")).isEqualTo("AWS_ENDPOINT_URL_EC2");
        }

        @Test
        void refusedConnection_isUnavailable() {
            SdkClientException e = SdkClientException.builder().message("Unable to execute HTTP request: Connection refused")
                    .cause(new ConnectException("Connection refused")).build();

            assertThat(ecs(e).reason()).isEqualTo(Reason.UNAVAILABLE);
        }
    }

    @Nested
    class ConflictInvalidUnsupportedFailed {

        @Test
        void conflicts() {
            assertThat(ecs(answer(400, "RepositoryAlreadyExistsException", "exists")).reason()).isEqualTo(Reason.CONFLICT);
            assertThat(ecs(answer(400, "ResourceInUseException", "in use")).reason()).isEqualTo(Reason.CONFLICT);
            assertThat(ecs(answer(400, "ImageTagAlreadyExistsException", "tag")).reason()).isEqualTo(Reason.CONFLICT);
            assertThat(ecs(answer(409, null, null)).reason()).isEqualTo(Reason.CONFLICT);
        }

        @Test
        void invalidRequests() {
            for (String code : new String[] {"InvalidParameterException", "ClientException", "ValidationException",
                    "MissingParameter"}) {
                AwsErrors.Failure failure = ecs(answer(400, code, "bad value"));
                assertThat(failure.reason()).as(code).isEqualTo(Reason.INVALID_INPUT);
                assertThat(failure.message(null)).contains("rejected as invalid").contains("bad value");
            }
        }

        @Test
        void missingRegion_isInvalidInput() {
            AwsErrors.Failure failure = ecs(SdkClientException.create("Unable to load region from any of the providers "
                    + "in the chain"));

            assertThat(failure.reason()).isEqualTo(Reason.INVALID_INPUT);
            assertThat(failure.message(null)).contains("AWS_REGION");
        }

        @Test
        void unsupported() {
            assertThat(ecs(answer(400, "UnsupportedFeatureException", "no")).reason()).isEqualTo(Reason.UNSUPPORTED);
            assertThat(ecs(answer(400, "PlatformNotSupported", "no")).reason()).isEqualTo(Reason.UNSUPPORTED);
        }

        @Test
        void unknownCodes_areFailed_andNotRetryable() {
            AwsErrors.Failure failure = ecs(answer(400, "SomethingOddException", "odd"));

            assertThat(failure.reason()).isEqualTo(Reason.FAILED);
            assertThat(failure.message("cluster prod")).isEqualTo(
                    "ECS UpdateService on cluster prod: failed (SomethingOddException: odd, HTTP 400).");
        }
    }

    @Nested
    class Secrets {

        @Test
        void signatureMismatch_echoOfTheCanonicalRequest_isCutOff() {
            AwsServiceException e = answer(403, "SignatureDoesNotMatch", "The request signature we calculated does not "
                    + "match the signature you provided.\n\nThe Canonical String for this request should have been\n"
                    + "'POST\n/\n\nhost:sts.amazonaws.com\nx-amz-security-token:SESSION-SECRET-123\n'\n\n"
                    + "The String-to-Sign should have been\n'AWS4-HMAC-SHA256\n20260101T000000Z'");

            String message = ecs(e).message(null);

            assertThat(message).contains("SignatureDoesNotMatch").contains("does not match the signature you provided")
                    .doesNotContain("SESSION-SECRET-123").doesNotContain("Canonical String");
        }

        @Test
        void signaturesAndSessionTokens_inUrls_areMasked() {
            String safe = AwsErrors.safe("bad url https://sts.amazonaws.com/?X-Amz-Security-Token=TOKEN-SECRET&"
                    + "X-Amz-Signature=abcdef0123&Action=GetCallerIdentity");

            assertThat(safe).doesNotContain("TOKEN-SECRET").doesNotContain("abcdef0123")
                    .contains("X-Amz-Security-Token=****").contains("Action=GetCallerIdentity");
        }

        @Test
        void longTexts_areShortened() {
            assertThat(AwsErrors.safe("x".repeat(5000))).hasSizeLessThan(700);
        }
    }
}
