package io.github.ecrtoolkit.iam;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.ecrtoolkit.core.AwsException;
import io.github.ecrtoolkit.core.EcrToolkitException.Reason;
import io.github.ecrtoolkit.core.internal.AwsClients;
import io.github.ecrtoolkit.core.permissions.Capability;
import io.github.ecrtoolkit.core.permissions.PermissionScope;
import io.github.ecrtoolkit.core.permissions.Permissions;
import io.github.ecrtoolkit.core.permissions.PolicyDocument;
import io.github.ecrtoolkit.iam.internal.AwsCalls;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Creates a capability's least-privilege policy as a customer managed policy and attaches it to a
 * user, group or role you name. Run again, it keeps the policy up to date (a new default version
 * when the document changed). It never creates access keys: give people IAM Identity Center (SSO)
 * and give machines roles, not long-lived keys.
 *
 * <pre>{@code
 * try (PolicySetup setup = PolicySetup.create()) {
 *     PolicySetupResult done = setup.apply(Capability.PUSH, PermissionScope.builder().repository("orders").build(),
 *             PolicyTarget.role("github-deploy"));
 *     System.out.println(done.policyArn() + " " + done.change());
 * }
 * }</pre>
 *
 * <p>The caller needs {@code iam:CreatePolicy}, {@code iam:GetPolicy}, {@code iam:GetPolicyVersion},
 * {@code iam:CreatePolicyVersion} and {@code iam:Attach{User,Group,Role}Policy}: an administrator's
 * task, done once. Thread-safe; close it (clients passed in are not closed by us).
 */
public final class PolicySetup implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final IamClient iam;
    private final StsClient sts;

    private PolicySetup(IamClient iam, StsClient sts) {
        this.iam = iam;
        this.sts = sts;
    }

    /** A set-up helper on clients from the AWS default chains. */
    public static PolicySetup create() {
        return new PolicySetup(AwsClients.build(IamClient.builder().region(Region.AWS_GLOBAL)), AwsClients.build(StsClient.builder()));
    }

    /** A set-up helper on your clients; they are not closed by us. */
    public static PolicySetup create(IamClient iam, StsClient sts) {
        return new PolicySetup(AwsClients.notClosed(IamClient.class, iam), AwsClients.notClosed(StsClient.class, sts));
    }

    /** The policy name used when none is given: {@code ecr-toolkit-<capability>}, e.g. {@code ecr-toolkit-deploy-ecs}. */
    public static String defaultPolicyName(Capability capability) {
        return "ecr-toolkit-" + capability.cliName();
    }

    /**
     * Creates (or updates) the policy {@link #defaultPolicyName} and attaches it to {@code target}.
     *
     * @throws AwsException when an IAM call fails; the message names the call and the action to allow
     */
    public PolicySetupResult apply(Capability capability, PermissionScope scope, PolicyTarget target) {
        return apply(capability, scope, defaultPolicyName(capability), target);
    }

    /**
     * Creates (or updates) the policy {@code policyName} and attaches it to {@code target}.
     *
     * @throws AwsException when an IAM call fails; the message names the call and the action to allow
     */
    public PolicySetupResult apply(Capability capability, PermissionScope scope, String policyName, PolicyTarget target) {
        Objects.requireNonNull(target, "target");
        String account = AwsCalls.call("STS", "GetCallerIdentity", null, () -> sts.getCallerIdentity().account());
        PolicyDocument document = Permissions.policy(capability, scope.inAccount(account));
        String json = document.toJson();
        String description = "ecr-toolkit: " + capability.description() + " (least privilege)";
        PolicySetupResult.Change change;
        String arn;
        try {
            arn = iam.createPolicy(r -> r.policyName(policyName).policyDocument(json).description(description)).policy().arn();
            change = PolicySetupResult.Change.CREATED;
        } catch (EntityAlreadyExistsException exists) {
            arn = "arn:" + document.scope().partition() + ":iam::" + account + ":policy/" + policyName;
            change = refresh(arn, json);
        } catch (SdkException e) {
            throw AwsCalls.failure("IAM", "CreatePolicy", "policy " + policyName, e);
        }
        attach(arn, target);
        return new PolicySetupResult(arn, change, target);
    }

    @Override
    public void close() {
        iam.close();
        sts.close();
    }

    private PolicySetupResult.Change refresh(String arn, String json) {
        Policy policy = AwsCalls.call("IAM", "GetPolicy", arn, () -> iam.getPolicy(r -> r.policyArn(arn)).policy());
        String current = AwsCalls.call("IAM", "GetPolicyVersion", arn, () -> iam.getPolicyVersion(r -> r.policyArn(arn)
                .versionId(policy.defaultVersionId())).policyVersion().document());
        if (sameJson(URLDecoder.decode(current, StandardCharsets.UTF_8), json)) {
            return PolicySetupResult.Change.UNCHANGED;
        }
        try {
            iam.createPolicyVersion(r -> r.policyArn(arn).policyDocument(json).setAsDefault(true));
        } catch (software.amazon.awssdk.services.iam.model.LimitExceededException full) {
            throw new AwsException(Reason.CONFLICT, "IAM", "LimitExceeded", "IAM CreatePolicyVersion on " + arn
                    + ": the policy has 5 versions already. Delete one that is not the default (aws iam "
                    + "delete-policy-version), then run again.", full);
        } catch (SdkException e) {
            throw AwsCalls.failure("IAM", "CreatePolicyVersion", arn, e);
        }
        return PolicySetupResult.Change.UPDATED;
    }

    private void attach(String arn, PolicyTarget target) {
        switch (target.kind()) {
            case USER -> AwsCalls.call("IAM", "AttachUserPolicy", target.toString(),
                    () -> iam.attachUserPolicy(r -> r.userName(target.name()).policyArn(arn)));
            case GROUP -> AwsCalls.call("IAM", "AttachGroupPolicy", target.toString(),
                    () -> iam.attachGroupPolicy(r -> r.groupName(target.name()).policyArn(arn)));
            case ROLE -> AwsCalls.call("IAM", "AttachRolePolicy", target.toString(),
                    () -> iam.attachRolePolicy(r -> r.roleName(target.name()).policyArn(arn)));
        }
    }

    private static boolean sameJson(String a, String b) {
        try {
            JsonNode left = MAPPER.readTree(a);
            return left.equals(MAPPER.readTree(b));
        } catch (IOException e) {
            return false;
        }
    }
}
