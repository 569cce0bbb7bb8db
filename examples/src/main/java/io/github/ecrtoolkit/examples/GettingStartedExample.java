package io.github.ecrtoolkit.examples;

// README: getting-started
import java.nio.file.Path;

import io.github.ecrtoolkit.core.Image;
import io.github.ecrtoolkit.core.PushResult;
import io.github.ecrtoolkit.core.Registry;
import io.github.ecrtoolkit.core.event.ProgressListener;
import software.amazon.awssdk.regions.Region;

public class GettingStartedExample {

    public static void main(String[] args) {
        Path app = Path.of(args.length > 0 ? args[0] : "orders-service");     // a folder with a Dockerfile

        // Amazon ECR of the account the AWS default chain finds (env, profile, SSO, instance role)
        try (Registry ecr = Registry.ecr(Region.EU_WEST_1)) {
            PushResult pushed = ecr.build(app)
                    .tag("orders:1.4.2")
                    .createRepository()                                        // only when missing
                    .listener(ProgressListener.console())                      // layer lines and a bar on stderr
                    .push();
            System.out.println(pushed.imageUri());                             // …/orders:1.4.2@sha256:…
        }

        // a registry on this machine, plain HTTP (e.g. docker run -d -p 5000:5000 registry:2)
        try (Registry local = Registry.local("localhost:5000")) {
            local.build(app).tag("orders:dev").push();
        }

        // no registry at all: a tarball for `docker load -i orders.tar`
        Image.build(app).tag("orders:dev").writeTarball(Path.of("orders.tar"));
    }
}
// README: end
