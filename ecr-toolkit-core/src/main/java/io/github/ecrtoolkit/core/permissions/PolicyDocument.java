package io.github.ecrtoolkit.core.permissions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An IAM identity policy: one {@code Allow} statement per kind of resource (and condition), with
 * the actions that apply to it. Attach it to the user, group or role that runs the toolkit.
 *
 * <pre>{@code
 * PolicyDocument policy = Permissions.policy(Capability.PUSH, PermissionScope.builder().repository("orders").build());
 * Files.writeString(Path.of("push-policy.json"), policy.toJson());   // aws iam create-policy --policy-document file://push-policy.json
 * }</pre>
 *
 * @param capability what the policy allows
 * @param scope the resources it is scoped to
 * @param statements its statements, in table order
 */
public record PolicyDocument(Capability capability, PermissionScope scope, List<Statement> statements) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public PolicyDocument {
        Objects.requireNonNull(capability, "capability");
        Objects.requireNonNull(scope, "scope");
        statements = List.copyOf(statements);
    }

    /** The policy for {@code permissions}, one statement per resource kind and condition; kinds with no ARN fall away. */
    static PolicyDocument of(Capability capability, List<Permission> permissions, PermissionScope scope) {
        Map<String, List<Permission>> groups = new LinkedHashMap<>();
        for (Permission permission : permissions) {
            String key = permission.resource() + permission.condition().map(c -> " " + c).orElse("");
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(permission);
        }
        List<Statement> statements = new ArrayList<>();
        for (List<Permission> group : groups.values()) {
            Permission first = group.get(0);
            List<String> resources = first.resource().arns(scope);
            if (resources.isEmpty()) {
                continue;
            }
            Set<String> actions = new LinkedHashSet<>();
            group.forEach(p -> actions.add(p.action()));
            String sid = camel(first.resource().name()) + first.condition()
                    .map(c -> first.action().substring(first.action().indexOf(':') + 1)).orElse("");
            statements.add(new Statement(sid, List.copyOf(actions), resources, first.condition()));
        }
        return new PolicyDocument(capability, scope, statements);
    }

    /** Every action the policy allows, without repeats. */
    public List<String> actions() {
        return statements.stream().flatMap(s -> s.actions().stream()).distinct().toList();
    }

    /** The JSON document IAM takes ({@code Version 2012-10-17}), indented. */
    public String toJson() {
        ObjectNode root = MAPPER.createObjectNode().put("Version", "2012-10-17");
        ArrayNode list = root.putArray("Statement");
        for (Statement statement : statements) {
            ObjectNode node = list.addObject().put("Sid", statement.sid()).put("Effect", "Allow");
            statement.actions().forEach(node.putArray("Action")::add);
            statement.resources().forEach(node.putArray("Resource")::add);
            statement.condition().ifPresent(c -> {
                ArrayNode values = node.putObject("Condition").putObject("StringEquals").putArray(c.key());
                c.values().forEach(values::add);
            });
        }
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a policy of strings cannot fail to serialise", e);
        }
    }

    private static String camel(String name) {
        StringBuilder out = new StringBuilder();
        for (String part : name.toLowerCase(Locale.ROOT).split("[_-]")) {
            if (!part.isEmpty()) {
                out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return out.toString();
    }

    /**
     * One {@code Allow} statement.
     *
     * @param sid its id, e.g. {@code EcrRepository}
     * @param actions the actions it allows
     * @param resources the ARNs (or patterns) they apply to
     * @param condition a {@code StringEquals} condition, when it has one
     */
    public record Statement(String sid, List<String> actions, List<String> resources, Optional<Permission.Condition> condition) {

        public Statement {
            Objects.requireNonNull(sid, "sid");
            actions = List.copyOf(actions);
            resources = List.copyOf(resources);
            Objects.requireNonNull(condition, "condition");
        }
    }
}
