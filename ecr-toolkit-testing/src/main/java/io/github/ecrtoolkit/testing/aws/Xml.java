package io.github.ecrtoolkit.testing.aws;

import java.util.ArrayList;
import java.util.List;

/**
 * A small XML element tree for Query-protocol answers (IAM, STS, EC2), escaped on output.
 *
 * <pre>{@code
 * Xml role = Xml.element("Role").text("RoleName", "app").text("Arn", arn);
 * return AwsResponse.queryResult("CreateRole", IamStandIn.NAMESPACE, Xml.element("CreateRoleResult").add(role));
 * }</pre>
 */
public final class Xml {

    private final String name;
    private final String namespace;
    private final String text;
    private final List<Xml> children = new ArrayList<>();

    private Xml(String name, String namespace, String text) {
        this.name = name;
        this.namespace = namespace;
        this.text = text;
    }

    public static Xml element(String name) {
        return new Xml(name, null, null);
    }

    /** {@code <name>value</name>} on its own, such as an EC2 answer's {@code <return>true</return>}. */
    public static Xml element(String name, Object value) {
        return new Xml(name, null, String.valueOf(value));
    }

    /** The document's root, carrying the service's XML namespace. */
    public static Xml root(String name, String namespace) {
        return new Xml(name, namespace, null);
    }

    /** Adds {@code <name>value</name>}; a null value adds nothing, as AWS omits absent members. */
    public Xml text(String name, Object value) {
        if (value != null) {
            children.add(new Xml(name, null, String.valueOf(value)));
        }
        return this;
    }

    public Xml add(Xml child) {
        children.add(child);
        return this;
    }

    /** Adds {@code <name>…items…</name>}; items are {@code member} elements (IAM, STS) or {@code item} (EC2). */
    public Xml list(String name, List<Xml> items) {
        Xml list = element(name);
        list.children.addAll(items);
        return add(list);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        write(out);
        return out.toString();
    }

    private void write(StringBuilder out) {
        out.append('<').append(name);
        if (namespace != null) {
            out.append(" xmlns=\"").append(escape(namespace)).append('"');
        }
        out.append('>');
        if (text != null) {
            out.append(escape(text));
        }
        for (Xml child : children) {
            child.write(out);
        }
        out.append("</").append(name).append('>');
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
