package io.github.ecrtoolkit.docker.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Makes the TLS context the Docker CLI makes from {@code DOCKER_CERT_PATH}: trust only
 * {@code ca.pem}, present {@code cert.pem} with {@code key.pem}. Reads PKCS#8 and PKCS#1 RSA keys.
 */
final class TlsMaterial {

    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([^-]+)-----END \\1-----");

    private TlsMaterial() {
    }

    static SSLContext sslContext(Path certDir) throws IOException, GeneralSecurityException {
        Path ca = certDir.resolve("ca.pem");
        Path cert = certDir.resolve("cert.pem");
        Path key = certDir.resolve("key.pem");
        for (Path required : List.of(ca, cert, key)) {
            if (!Files.isReadable(required)) {
                throw new IOException(required + " is missing or unreadable (DOCKER_CERT_PATH needs ca.pem, cert.pem and key.pem)");
            }
        }
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        int i = 0;
        for (Certificate authority : x509.generateCertificates(new ByteArrayInputStream(Files.readAllBytes(ca)))) {
            trust.setCertificateEntry("ca-" + i++, authority);
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);

        List<Certificate> chain = new ArrayList<>(x509.generateCertificates(new ByteArrayInputStream(Files.readAllBytes(cert))));
        char[] password = new char[0];
        KeyStore identity = KeyStore.getInstance(KeyStore.getDefaultType());
        identity.load(null, null);
        identity.setKeyEntry("client", privateKey(Files.readString(key, StandardCharsets.US_ASCII), key),
                password, chain.toArray(Certificate[]::new));
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(identity, password);

        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return context;
    }

    static PrivateKey privateKey(String pem, Path where) throws GeneralSecurityException, IOException {
        Matcher m = PEM.matcher(pem);
        if (!m.find()) {
            throw new IOException(where + " holds no PEM private key");
        }
        byte[] der = Base64.getMimeDecoder().decode(m.group(2));
        switch (m.group(1)) {
            case "PRIVATE KEY":
                return pkcs8(der);
            case "RSA PRIVATE KEY":
                return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(wrapPkcs1(der)));
            default:
                throw new IOException(where + " holds a '" + m.group(1) + "' key; convert it to PKCS#8 with"
                        + " `openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.pem.new`");
        }
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        GeneralSecurityException last = null;
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw last;
    }

    /** PKCS#1 RSAPrivateKey inside a PKCS#8 PrivateKeyInfo, so the JDK can read it. */
    private static byte[] wrapPkcs1(byte[] pkcs1) {
        byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
        byte[] version = {0x02, 0x01, 0x00};
        byte[] octets = der(0x04, pkcs1);
        byte[] body = new byte[version.length + algorithm.length + octets.length];
        System.arraycopy(version, 0, body, 0, version.length);
        System.arraycopy(algorithm, 0, body, version.length, algorithm.length);
        System.arraycopy(octets, 0, body, version.length + algorithm.length, octets.length);
        return der(0x30, body);
    }

    private static byte[] der(int tag, byte[] content) {
        int length = content.length;
        byte[] header;
        if (length < 0x80) {
            header = new byte[] {(byte) tag, (byte) length};
        } else if (length < 0x100) {
            header = new byte[] {(byte) tag, (byte) 0x81, (byte) length};
        } else if (length < 0x10000) {
            header = new byte[] {(byte) tag, (byte) 0x82, (byte) (length >> 8), (byte) length};
        } else {
            header = new byte[] {(byte) tag, (byte) 0x83, (byte) (length >> 16), (byte) (length >> 8), (byte) length};
        }
        byte[] out = new byte[header.length + length];
        System.arraycopy(header, 0, out, 0, header.length);
        System.arraycopy(content, 0, out, header.length, length);
        return out;
    }
}
