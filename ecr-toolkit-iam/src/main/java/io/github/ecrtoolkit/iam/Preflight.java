package io.github.ecrtoolkit.iam;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.github.ecrtoolkit.core.AwsException;
import io.github.ecrtoolkit.core.EcrToolkitException.Reason;
import io.github.ecrtoolkit.core.internal.AwsClients;
import io.github.ecrtoolkit.core.internal.AwsErrors;
import io.github.ecrtoolkit.core.permissions.Capability;
import io.github.ecrtoolkit.core.permissions.PermissionScope;
import io.github.ecrtoolkit.core.permissions.Permissions;
import io.github.ecrtoolkit.core.permissions.PolicyDocument;
import io.github.ecrtoolkit.iam.internal.AwsCalls;
import io.github.ecrtoolkit.iam.internal.Principals;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ContextEntry;
import software.amazon.awssdk.services.iam.model.ContextKeyTypeEnum;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;
import software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyRequest;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * Checks, before anything changes, that the caller may do what a capability needs: STS says who
 * the caller is, then IAM's policy simulator ({@code iam:SimulatePrincipalPolicy}) evaluates the
 * caller's policies (an assumed role's, for a role session) against exactly the capability's
 * actions and the resources the scope names. The answer names each denied action and the policy to
 * attach. It is advisory: the simulator ignores SCPs and some boundaries, and where the simulation
 * itself is denied the result says so and callers go on.
 *
 * <pre>{@code
 * // one line before an operation that changes things
 * Preflight.require(Capability.ECS_UP, PermissionScope.builder().cluster("prod").service("orders").build());
 *
 * // or keep one, and read the answer
 * try (Preflight preflight = Preflight.create()) {
 *     PreflightResult result = preflight.check(Capability.PUSH, PermissionScope.builder().repository("orders").build());
 *     result.verdicts().forEach(System.out::println);       // ecr:PutImage allowed, ...
 * }
 * }</pre>
 *
 * <p>Thread-safe. Holds AWS clients: close it; clients passed in are not closed by us. The caller
 * needs {@code iam:SimulatePrincipalPolicy} on its own principal for a verdict.
 */
public final class Preflight implements AutoCloseable {

    private final StsClient sts;
    private final IamClient iam;
    private final Optional<String> region;

    private Preflight(Builder builder) {
        this.sts = builder.sts != null ? AwsClients.notClosed(StsClient.class, builder.sts)
                : AwsClients.build(builder.region != null ? StsClient.builder().region(builder.region) : StsClient.builder());
        // IAM is global: the SDK picks its endpoint from the partition of the region
        this.iam = builder.iam != null ? AwsClients.notClosed(IamClient.class, builder.iam)
                : AwsClients.build(IamClient.builder().region(builder.region != null ? builder.region : Region.AWS_GLOBAL));
        this.region = Optional.ofNullable(builder.region).or(() -> Optional.ofNullable(sts.serviceClientConfiguration().region()))
                .map(Region::id).filter(id -> !id.startsWith("aws-"));
    }

    /** A pre-flight on clients from the AWS default chains (credentials and region). */
    public static Preflight create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Checks {@code capability} with clients from the default chains, and throws when an action is
     * denied: the one line to put before an operation that changes things.
     *
     * @throws MissingPermissionsException naming each denied action and the policy to attach
     * @throws AwsException when STS cannot say who the caller is (no credentials, say)
     */
    public static PreflightResult require(Capability capability, PermissionScope scope) {
        try (Preflight preflight = create()) {
            return preflight.check(capability, scope).orThrow();
        }
    }

    /**
     * Simulates every action {@code capability} needs.
     *
     * @throws AwsException when STS cannot say who the caller is (no credentials, say)
     */
    public PreflightResult check(Capability capability, PermissionScope scope) {
        return check(capability, scope, Permissions.actions(capability));
    }

    /**
     * Simulates {@code actions} only: those of {@code capability} the next operation will use.
     *
     * @throws IllegalArgumentException when an action is not in the capability's table
     * @throws AwsException when STS cannot say who the caller is (no credentials, say)
     */
    public PreflightResult check(Capability capability, PermissionScope scope, Collection<String> actions) {
        Objects.requireNonNull(capability, "capability");
        Objects.requireNonNull(scope, "scope");
        for (String action : actions) {
            if (!Permissions.covers(capability, action)) {
                throw new IllegalArgumentException(action + " is not an action of " + capability.cliName()
                        + "; it needs " + Permissions.actions(capability));
            }
        }
        GetCallerIdentityResponse identity = whoAmI();
        PermissionScope resolved = scope.inAccount(identity.account()).inRegion(region);
        PolicyDocument policy = Permissions.policy(capability, resolved);
        Optional<String> principal = Principals.simulated(identity.arn());
        if (principal.isEmpty()) {
            return new PreflightResult(capability, identity.arn(), principal, unknown(policy, actions),
                    Optional.of(Principals.whyNotSimulated(identity.arn())), policy);
        }
        List<ActionVerdict> verdicts = new ArrayList<>();
        for (PolicyDocument.Statement statement : policy.statements()) {
            List<String> wanted = statement.actions().stream().filter(actions::contains).toList();
            if (wanted.isEmpty()) {
                continue;
            }
            try {
                verdicts.addAll(simulate(principal.get(), wanted, statement));
            } catch (SdkException e) {
                AwsErrors.Failure failure = AwsErrors.classify("IAM", "SimulatePrincipalPolicy", e);
                return new PreflightResult(capability, identity.arn(), principal, unknown(policy, actions),
                        Optional.of(cannotSimulate(principal.get(), failure)), policy);
            }
        }
        return new PreflightResult(capability, identity.arn(), principal, verdicts, Optional.empty(), policy);
    }

    @Override
    public void close() {
        sts.close();
        iam.close();
    }

    private GetCallerIdentityResponse whoAmI() {
        return AwsCalls.call("STS", "GetCallerIdentity", null, sts::getCallerIdentity);
    }

    /** One simulation per value of the statement's condition (the simulator takes one context value per key here). */
    private List<ActionVerdict> simulate(String principal, List<String> actions, PolicyDocument.Statement statement) {
        List<String> resources = statement.resources().equals(List.of("*")) ? List.of() : statement.resources();
        List<Optional<ContextEntry>> contexts = new ArrayList<>();
        statement.condition().ifPresentOrElse(condition -> condition.values().forEach(value -> contexts.add(Optional.of(
                ContextEntry.builder().contextKeyName(condition.key()).contextKeyType(ContextKeyTypeEnum.STRING)
                        .contextKeyValues(value).build()))), () -> contexts.add(Optional.empty()));
        Map<String, ActionVerdict> byAction = new LinkedHashMap<>();
        for (Optional<ContextEntry> context : contexts) {
            SimulatePrincipalPolicyRequest.Builder request = SimulatePrincipalPolicyRequest.builder()
                    .policySourceArn(principal).actionNames(actions);
            if (!resources.isEmpty()) {
                request.resourceArns(resources);
            }
            context.ifPresent(request::contextEntries);
            for (EvaluationResult result : iam.simulatePrincipalPolicyPaginator(request.build()).evaluationResults()) {
                ActionVerdict verdict = verdict(result, resources);
                byAction.merge(verdict.action(), verdict, Preflight::worse);
            }
        }
        return List.copyOf(byAction.values());
    }

    private static ActionVerdict verdict(EvaluationResult result, List<String> resources) {
        PolicyEvaluationDecisionType decision = result.evalDecision();
        boolean explicit = decision == PolicyEvaluationDecisionType.EXPLICIT_DENY;
        return new ActionVerdict(result.evalActionName(), resources.isEmpty() ? List.of("*") : resources,
                decision == PolicyEvaluationDecisionType.ALLOWED ? Decision.ALLOWED : Decision.DENIED, explicit);
    }

    private static ActionVerdict worse(ActionVerdict a, ActionVerdict b) {
        return a.decision() == Decision.DENIED ? a : b;
    }

    private static List<ActionVerdict> unknown(PolicyDocument policy, Collection<String> actions) {
        Set<String> seen = new LinkedHashSet<>();
        List<ActionVerdict> verdicts = new ArrayList<>();
        for (PolicyDocument.Statement statement : policy.statements()) {
            for (String action : statement.actions()) {
                if (actions.contains(action) && seen.add(action)) {
                    verdicts.add(new ActionVerdict(action, statement.resources(), Decision.UNKNOWN, false));
                }
            }
        }
        return verdicts;
    }

    private static String cannotSimulate(String principal, AwsErrors.Failure failure) {
        if (failure.reason() == Reason.ACCESS_DENIED && !failure.credentials()) {
            return "Could not simulate: iam:SimulatePrincipalPolicy is denied on " + principal
                    + " (allow it on your own ARN to get a verdict before changes).";
        }
        if (failure.reason() == Reason.NOT_FOUND) {
            return "Could not simulate: IAM knows no " + principal + " (a role with a path shows in its session ARN "
                    + "without the path).";
        }
        return "Could not simulate: " + failure.message(principal);
    }

    /** Builds a {@link Preflight}; not thread-safe. */
    public static final class Builder {

        private StsClient sts;
        private IamClient iam;
        private Region region;

        private Builder() {
        }

        /** The STS client to ask who the caller is; not closed by us. */
        public Builder stsClient(StsClient sts) {
            this.sts = sts;
            return this;
        }

        /** The IAM client to simulate with; not closed by us. */
        public Builder iamClient(IamClient iam) {
            this.iam = iam;
            return this;
        }

        /** The region of the clients we build, and of the ARNs the scope leaves open; default: the default chain's. */
        public Builder region(Region region) {
            this.region = region;
            return this;
        }

        public Preflight build() {
            return new Preflight(this);
        }
    }
}
