package io.github.ecrtoolkit.testing.aws.iam;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.github.ecrtoolkit.testing.aws.AwsFaultException;
import io.github.ecrtoolkit.testing.aws.AwsRequest;
import io.github.ecrtoolkit.testing.aws.AwsResponse;
import io.github.ecrtoolkit.testing.aws.AwsStandIn;
import io.github.ecrtoolkit.testing.aws.Protocol;
import io.github.ecrtoolkit.testing.aws.QueryParameters;
import io.github.ecrtoolkit.testing.aws.ServiceStandIn;
import io.github.ecrtoolkit.testing.aws.Xml;

/**
 * IAM roles: created, read, tagged, with managed policies attached and detached, deleted — with
 * IAM's errors ({@code EntityAlreadyExists}, {@code NoSuchEntity}, {@code DeleteConflict}) and its
 * eventual consistency: a role created less than {@link #propagationDelay(Duration)} ago is not yet
 * {@link #assumable} by other services. Customer managed policies (created, versioned, attached to
 * roles, users and groups) and {@code SimulatePrincipalPolicy}, which answers from the decisions a
 * test scripts with {@link #deny}.
 *
 * <pre>{@code
 * aws.iam().deny("ecs:CreateService");                 // the simulator says implicitDeny for it
 * aws.iam().propagationDelay(Duration.ofSeconds(2));   // ECS refuses the new role for two seconds
 * assertThat(aws.iam().role("ecsTaskExecutionRole")).hasValueSatisfying(
 *         role -> assertThat(role.attachedPolicyArns()).contains(IamStandIn.ECS_TASK_EXECUTION_POLICY));
 * }</pre>
 */
public final class IamStandIn implements ServiceStandIn {

    public static final String NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";
    public static final String ECS_TASK_EXECUTION_POLICY = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";
    private static final String AWS_MANAGED_POLICY_PREFIX = "arn:aws:iam::aws:policy/";

    private final AwsStandIn aws;
    private final Map<String, Role> roles = new LinkedHashMap<>();
    private final PolicyStore managed;
    private Duration propagationDelay = Duration.ZERO;

    public IamStandIn(AwsStandIn aws) {
        this.aws = aws;
        this.managed = new PolicyStore(aws);
    }

    @Override
    public String signingName() {
        return "iam";
    }

    @Override
    public Protocol protocol() {
        return Protocol.QUERY;
    }

    // ---- state, for tests and for other services

    public synchronized Optional<Role> role(String name) {
        return Optional.ofNullable(roles.get(name));
    }

    public synchronized List<Role> roles() {
        return List.copyOf(roles.values());
    }

    /** Puts a role in place as if created before the test, such as one the user's platform team made. */
    public synchronized Role givenRole(String name, String trustedServicePrincipal, String... policyArns) {
        Role role = new Role(name, roleArn(name), trustPolicy(trustedServicePrincipal), aws.now().minus(Duration.ofDays(1)),
                Map.of(), Set.of(policyArns));
        roles.put(name, role);
        return role;
    }

    /** How long a new role stays unusable by other services (IAM is eventually consistent). */
    public synchronized IamStandIn propagationDelay(Duration delay) {
        this.propagationDelay = delay;
        return this;
    }

    /** Whether another service may assume the role with this ARN now: it exists and has propagated. */
    public synchronized boolean assumable(String roleArn) {
        return roles.values().stream().anyMatch(role -> role.arn().equals(roleArn)
                && !aws.now().isBefore(role.created().plus(propagationDelay)));
    }

    // ---- customer managed policies, users, groups, and the policy simulator

    /** The customer managed policy called {@code name}, when one was created. */
    public synchronized Optional<ManagedPolicy> policy(String name) {
        return managed.policy(name);
    }

    /** Puts a user in place, such as the one the caller runs as; policies may then be attached to it. */
    public synchronized IamStandIn givenUser(String name) {
        managed.givenUser(name);
        return this;
    }

    /** Puts a group in place; policies may then be attached to it. */
    public synchronized IamStandIn givenGroup(String name) {
        managed.givenGroup(name);
        return this;
    }

    /** The ARNs of the managed policies attached to user {@code name}. */
    public synchronized Set<String> userPolicies(String name) {
        return managed.attachedToUser(name);
    }

    /** The ARNs of the managed policies attached to group {@code name}. */
    public synchronized Set<String> groupPolicies(String name) {
        return managed.attachedToGroup(name);
    }

    /**
     * Makes {@code SimulatePrincipalPolicy} answer {@code implicitDeny} for these actions, for any
     * principal and resource; every other action is {@code allowed}.
     */
    public synchronized IamStandIn deny(String... actions) {
        managed.deny(actions);
        return this;
    }

    /** The {@code SimulatePrincipalPolicy} requests answered, in order. */
    public synchronized List<Simulation> simulations() {
        return managed.simulations();
    }

    // ---- the API

    @Override
    public synchronized AwsResponse handle(String operation, AwsRequest request) {
        QueryParameters form = request.form();
        return switch (operation) {
            case "CreateRole" -> createRole(form);
            case "GetRole" -> roleResult(operation, existing(form.required("RoleName")));
            case "DeleteRole" -> deleteRole(form.required("RoleName"));
            case "AttachRolePolicy" -> changePolicies(form, true);
            case "DetachRolePolicy" -> changePolicies(form, false);
            case "ListAttachedRolePolicies" -> listAttached(existing(form.required("RoleName")));
            case "TagRole" -> tagRole(form);
            case "ListRoleTags" -> listTags(existing(form.required("RoleName")));
            case "CreatePolicy" -> managed.createPolicy(form);
            case "GetPolicy" -> managed.getPolicy(form);
            case "GetPolicyVersion" -> managed.getPolicyVersion(form);
            case "CreatePolicyVersion" -> managed.createPolicyVersion(form);
            case "AttachUserPolicy" -> managed.attachUserPolicy(form);
            case "AttachGroupPolicy" -> managed.attachGroupPolicy(form);
            case "SimulatePrincipalPolicy" -> managed.simulate(form);
            default -> throw AwsFaultException.notFaked(signingName(), operation);
        };
    }

    private AwsResponse createRole(QueryParameters form) {
        String name = form.required("RoleName");
        if (roles.containsKey(name)) {
            throw new AwsFaultException(409, "EntityAlreadyExists", "Role with name " + name + " already exists.");
        }
        Role role = new Role(name, roleArn(name), form.required("AssumeRolePolicyDocument"), aws.now(),
                form.keyValues("Tags.member", "Key", "Value"), Set.of());
        roles.put(name, role);
        return roleResult("CreateRole", role);
    }

    private AwsResponse deleteRole(String name) {
        Role role = existing(name);
        if (!role.attachedPolicyArns().isEmpty()) {
            throw new AwsFaultException(409, "DeleteConflict", "Cannot delete entity, must detach all policies first.");
        }
        roles.remove(name);
        return empty("DeleteRole");
    }

    private AwsResponse changePolicies(QueryParameters form, boolean attach) {
        Role role = existing(form.required("RoleName"));
        String policyArn = form.required("PolicyArn");
        Set<String> policies = new HashSet<>(role.attachedPolicyArns());
        if (attach) {
            if (!policyArn.startsWith(AWS_MANAGED_POLICY_PREFIX) && !managed.exists(policyArn)) {
                throw new AwsFaultException(404, "NoSuchEntity", "Policy " + policyArn + " does not exist or is not attachable.");
            }
            policies.add(policyArn);
        } else if (!policies.remove(policyArn)) {
            throw new AwsFaultException(404, "NoSuchEntity", "Policy " + policyArn + " was not found.");
        }
        roles.put(role.name(), new Role(role.name(), role.arn(), role.assumeRolePolicy(), role.created(), role.tags(), policies));
        return empty(attach ? "AttachRolePolicy" : "DetachRolePolicy");
    }

    private AwsResponse listAttached(Role role) {
        List<Xml> members = new ArrayList<>();
        for (String arn : role.attachedPolicyArns()) {
            members.add(Xml.element("member").text("PolicyName", arn.substring(arn.lastIndexOf('/') + 1)).text("PolicyArn", arn));
        }
        return AwsResponse.queryResult("ListAttachedRolePolicies", NAMESPACE,
                Xml.element("ListAttachedRolePoliciesResult").list("AttachedPolicies", members).text("IsTruncated", false));
    }

    private AwsResponse tagRole(QueryParameters form) {
        Role role = existing(form.required("RoleName"));
        Map<String, String> tags = new LinkedHashMap<>(role.tags());
        tags.putAll(form.keyValues("Tags.member", "Key", "Value"));
        roles.put(role.name(), new Role(role.name(), role.arn(), role.assumeRolePolicy(), role.created(), tags, role.attachedPolicyArns()));
        return empty("TagRole");
    }

    private AwsResponse listTags(Role role) {
        return AwsResponse.queryResult("ListRoleTags", NAMESPACE,
                Xml.element("ListRoleTagsResult").list("Tags", tagMembers(role.tags())).text("IsTruncated", false));
    }

    private Role existing(String name) {
        Role role = roles.get(name);
        if (role == null) {
            throw new AwsFaultException(404, "NoSuchEntity", "The role with name " + name + " cannot be found.");
        }
        return role;
    }

    private AwsResponse roleResult(String operation, Role role) {
        Xml xml = Xml.element("Role").text("Path", "/").text("RoleName", role.name())
                .text("RoleId", "AROASTANDIN" + Integer.toHexString(role.arn().hashCode()).toUpperCase(java.util.Locale.ROOT))
                .text("Arn", role.arn()).text("CreateDate", role.created())
                .text("AssumeRolePolicyDocument", URLEncoder.encode(role.assumeRolePolicy(), StandardCharsets.UTF_8))
                .text("MaxSessionDuration", 3600);
        if (!role.tags().isEmpty()) {
            xml.list("Tags", tagMembers(role.tags()));
        }
        return AwsResponse.queryResult(operation, NAMESPACE, Xml.element(operation + "Result").add(xml));
    }

    private static List<Xml> tagMembers(Map<String, String> tags) {
        List<Xml> members = new ArrayList<>();
        tags.forEach((key, value) -> members.add(Xml.element("member").text("Key", key).text("Value", value)));
        return members;
    }

    private static AwsResponse empty(String operation) {
        return AwsResponse.queryResult(operation, NAMESPACE, Xml.element(operation + "Result"));
    }

    private String roleArn(String name) {
        return "arn:aws:iam::" + aws.account().id() + ":role/" + name;
    }

    private static String trustPolicy(String servicePrincipal) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\""
                + servicePrincipal + "\"},\"Action\":\"sts:AssumeRole\"}]}";
    }
}
