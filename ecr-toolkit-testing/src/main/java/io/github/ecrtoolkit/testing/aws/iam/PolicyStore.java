package io.github.ecrtoolkit.testing.aws.iam;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.github.ecrtoolkit.testing.aws.AwsFaultException;
import io.github.ecrtoolkit.testing.aws.AwsResponse;
import io.github.ecrtoolkit.testing.aws.AwsStandIn;
import io.github.ecrtoolkit.testing.aws.QueryParameters;
import io.github.ecrtoolkit.testing.aws.Xml;

/**
 * Customer managed policies, users and groups of the IAM stand-in, with IAM's limits: five versions
 * per policy, attaching only what exists. Also answers {@code SimulatePrincipalPolicy} from scripted
 * decisions: every action is allowed unless denied with {@link IamStandIn#deny}.
 */
final class PolicyStore {

    private static final int MAX_VERSIONS = 5;

    private final AwsStandIn aws;
    private final Map<String, ManagedPolicy> policies = new LinkedHashMap<>();
    private final Map<String, Set<String>> users = new LinkedHashMap<>();
    private final Map<String, Set<String>> groups = new LinkedHashMap<>();
    private final Set<String> denied = new LinkedHashSet<>();
    private final List<Simulation> simulations = new ArrayList<>();

    PolicyStore(AwsStandIn aws) {
        this.aws = aws;
    }

    // ---- state

    Optional<ManagedPolicy> policy(String name) {
        return policies.values().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    boolean exists(String policyArn) {
        return policies.containsKey(policyArn);
    }

    void givenUser(String name) {
        users.putIfAbsent(name, new LinkedHashSet<>());
    }

    void givenGroup(String name) {
        groups.putIfAbsent(name, new LinkedHashSet<>());
    }

    Set<String> attachedToUser(String name) {
        return Set.copyOf(users.getOrDefault(name, Set.of()));
    }

    Set<String> attachedToGroup(String name) {
        return Set.copyOf(groups.getOrDefault(name, Set.of()));
    }

    void deny(String... actions) {
        denied.addAll(List.of(actions));
    }

    List<Simulation> simulations() {
        return List.copyOf(simulations);
    }

    // ---- the API

    AwsResponse createPolicy(QueryParameters form) {
        String name = form.required("PolicyName");
        String arn = "arn:aws:iam::" + aws.account().id() + ":policy/" + name;
        if (policies.containsKey(arn)) {
            throw new AwsFaultException(409, "EntityAlreadyExists", "A policy called " + name + " already exists. Duplicate names are not allowed.");
        }
        ManagedPolicy policy = new ManagedPolicy(name, arn, aws.now(), List.of(form.required("PolicyDocument")), 0);
        policies.put(arn, policy);
        return policyResult("CreatePolicy", policy);
    }

    AwsResponse getPolicy(QueryParameters form) {
        return policyResult("GetPolicy", existing(form.required("PolicyArn")));
    }

    AwsResponse getPolicyVersion(QueryParameters form) {
        ManagedPolicy policy = existing(form.required("PolicyArn"));
        String versionId = form.required("VersionId");
        int index = versionIndex(policy, versionId);
        return AwsResponse.queryResult("GetPolicyVersion", IamStandIn.NAMESPACE, Xml.element("GetPolicyVersionResult")
                .add(version(policy, index)));
    }

    AwsResponse createPolicyVersion(QueryParameters form) {
        ManagedPolicy policy = existing(form.required("PolicyArn"));
        if (policy.documents().size() >= MAX_VERSIONS) {
            throw new AwsFaultException(409, "LimitExceeded", "A managed policy can have up to " + MAX_VERSIONS
                    + " versions. Before you create a new version, you must delete an existing version.");
        }
        List<String> documents = new ArrayList<>(policy.documents());
        documents.add(form.required("PolicyDocument"));
        boolean setAsDefault = form.get("SetAsDefault").map(Boolean::parseBoolean).orElse(false);
        ManagedPolicy changed = new ManagedPolicy(policy.name(), policy.arn(), policy.created(), documents,
                setAsDefault ? documents.size() - 1 : policy.defaultVersion());
        policies.put(policy.arn(), changed);
        return AwsResponse.queryResult("CreatePolicyVersion", IamStandIn.NAMESPACE, Xml.element("CreatePolicyVersionResult")
                .add(version(changed, documents.size() - 1)));
    }

    AwsResponse attach(String operation, Map<String, Set<String>> principals, String kind, String name, String policyArn) {
        Set<String> attached = principals.get(name);
        if (attached == null) {
            throw new AwsFaultException(404, "NoSuchEntity", "The " + kind + " with name " + name + " cannot be found.");
        }
        existing(policyArn);
        attached.add(policyArn);
        return AwsResponse.queryResult(operation, IamStandIn.NAMESPACE, Xml.element(operation + "Result"));
    }

    AwsResponse attachUserPolicy(QueryParameters form) {
        return attach("AttachUserPolicy", users, "user", form.required("UserName"), form.required("PolicyArn"));
    }

    AwsResponse attachGroupPolicy(QueryParameters form) {
        return attach("AttachGroupPolicy", groups, "group", form.required("GroupName"), form.required("PolicyArn"));
    }

    /** Each action on each resource (or {@code *}): {@code implicitDeny} when scripted so, else {@code allowed}. */
    AwsResponse simulate(QueryParameters form) {
        String principal = form.required("PolicySourceArn");
        if (!principal.startsWith("arn:aws:iam::" + aws.account().id() + ":")) {
            throw new AwsFaultException(400, "InvalidInput", "Invalid ARN: " + principal);
        }
        List<String> actions = form.list("ActionNames.member");
        List<String> resources = form.list("ResourceArns.member");
        Map<String, List<String>> context = new LinkedHashMap<>();
        for (int i = 1; form.get("ContextEntries.member." + i + ".ContextKeyName").isPresent(); i++) {
            context.put(form.required("ContextEntries.member." + i + ".ContextKeyName"),
                    form.list("ContextEntries.member." + i + ".ContextKeyValues.member"));
        }
        simulations.add(new Simulation(principal, actions, resources, context));
        List<Xml> results = new ArrayList<>();
        for (String action : actions) {
            for (String resource : resources.isEmpty() ? List.of("*") : resources) {
                results.add(Xml.element("member").text("EvalActionName", action).text("EvalResourceName", resource)
                        .text("EvalDecision", denied.contains(action) ? "implicitDeny" : "allowed"));
            }
        }
        return AwsResponse.queryResult("SimulatePrincipalPolicy", IamStandIn.NAMESPACE,
                Xml.element("SimulatePrincipalPolicyResult").list("EvaluationResults", results).text("IsTruncated", false));
    }

    private ManagedPolicy existing(String arn) {
        ManagedPolicy policy = policies.get(arn);
        if (policy == null) {
            throw new AwsFaultException(404, "NoSuchEntity", "Policy " + arn + " does not exist or is not attachable.");
        }
        return policy;
    }

    private static int versionIndex(ManagedPolicy policy, String versionId) {
        try {
            int index = Integer.parseInt(versionId.substring(1)) - 1;
            if (versionId.startsWith("v") && index >= 0 && index < policy.documents().size()) {
                return index;
            }
        } catch (NumberFormatException e) {
            // falls through to NoSuchEntity, as IAM answers
        }
        throw new AwsFaultException(404, "NoSuchEntity", "Policy " + policy.arn() + " version " + versionId + " does not exist.");
    }

    private static Xml version(ManagedPolicy policy, int index) {
        return Xml.element("PolicyVersion")
                .text("Document", URLEncoder.encode(policy.documents().get(index), StandardCharsets.UTF_8))
                .text("VersionId", "v" + (index + 1)).text("IsDefaultVersion", index == policy.defaultVersion())
                .text("CreateDate", policy.created());
    }

    private AwsResponse policyResult(String operation, ManagedPolicy policy) {
        long attachments = users.values().stream().filter(s -> s.contains(policy.arn())).count()
                + groups.values().stream().filter(s -> s.contains(policy.arn())).count();
        Xml xml = Xml.element("Policy").text("PolicyName", policy.name())
                .text("PolicyId", "ANPASTANDIN" + Integer.toHexString(policy.arn().hashCode()).toUpperCase(java.util.Locale.ROOT))
                .text("Arn", policy.arn()).text("Path", "/").text("DefaultVersionId", policy.defaultVersionId())
                .text("AttachmentCount", attachments).text("IsAttachable", true)
                .text("CreateDate", policy.created()).text("UpdateDate", policy.created());
        return AwsResponse.queryResult(operation, IamStandIn.NAMESPACE, Xml.element(operation + "Result").add(xml));
    }
}
