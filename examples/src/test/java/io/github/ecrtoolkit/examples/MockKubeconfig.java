package io.github.ecrtoolkit.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;

/** A kubeconfig that reaches fabric8's mock server over TLS, trusting its self-signed certificate. */
final class MockKubeconfig {

    private MockKubeconfig() {
    }

    static Path write(KubernetesMockServer server, Path file) throws IOException {
        String ca = Base64.getEncoder().encodeToString(
                Files.readAllBytes(Path.of(server.getSelfSignedCertificate().certificatePath())));
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster:
                    server: https://localhost:%d
                    certificate-authority-data: %s
                contexts:
                - name: mock
                  context: {cluster: mock, user: tester}
                current-context: mock
                users:
                - name: tester
                  user: {token: test-token}
                """.formatted(server.getPort(), ca));
        return file;
    }
}
