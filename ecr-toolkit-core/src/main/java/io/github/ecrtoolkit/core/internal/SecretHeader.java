package io.github.ecrtoolkit.core.internal;

import org.apache.hc.core5.http.message.BasicHeader;

/**
 * A request header whose value is a credential ({@code Authorization}, {@code X-Registry-Auth},
 * {@code X-Registry-Config}). HttpClient's DEBUG header log ({@code org.apache.hc.client5.http.headers})
 * prints headers through {@code toString()}, which for {@link BasicHeader} ignores the sensitive flag;
 * this one prints {@code Name: ****}. The bytes sent use {@link #getValue()} and are unchanged.
 * The wire log still shows raw bytes: keep it off.
 */
@InternalApi
public final class SecretHeader extends BasicHeader {

    private static final long serialVersionUID = 1L;

    private SecretHeader(String name, String value) {
        super(name, value, true);
    }

    public static SecretHeader of(String name, String value) {
        return new SecretHeader(name, value);
    }

    @Override
    public String toString() {
        return getName() + ": ****";
    }
}
