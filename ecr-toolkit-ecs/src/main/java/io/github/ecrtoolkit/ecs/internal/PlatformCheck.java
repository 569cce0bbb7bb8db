package io.github.ecrtoolkit.ecs.internal;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import software.amazon.awssdk.services.ecs.model.CPUArchitecture;
import software.amazon.awssdk.services.ecs.model.OSFamily;
import software.amazon.awssdk.services.ecs.model.RuntimePlatform;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

import io.github.ecrtoolkit.core.deploy.ImagePlatforms;
import io.github.ecrtoolkit.core.deploy.PlatformMismatchException;
import io.github.ecrtoolkit.core.deploy.internal.PlatformLookup;
import io.github.ecrtoolkit.core.image.Platform;
import io.github.ecrtoolkit.ecs.EcsService;
import io.github.ecrtoolkit.ecs.EcsServiceSpec;

/**
 * Before a deploy registers anything, or {@code up} creates anything: the image must run on the
 * platform the task definition asks for ({@code runtimePlatform}; without one, ECS runs Linux on
 * x86_64), or, for {@code up}, on the architecture of the spec (which its task definition will ask for).
 */
public final class PlatformCheck {

    private PlatformCheck() {
    }

    /**
     * @param skipped hears why, when the image's platforms could not be read (the check is then skipped)
     * @throws PlatformMismatchException when {@code image} is known to be built for other platforms
     * @throws io.github.ecrtoolkit.core.EcrToolkitException when the lookup refuses the image (it does not exist)
     */
    public static void require(String image, ImagePlatforms lookup, TaskDefinition taskDefinition, EcsService target,
                               Consumer<String> skipped) {
        Optional<RuntimePlatform> runtime = Optional.ofNullable(taskDefinition.runtimePlatform());
        String described = runtime.filter(r -> r.cpuArchitecture() != null)
                .map(r -> "runtimePlatform " + r.cpuArchitectureAsString())
                .orElse("no runtimePlatform, so x86_64");
        require(image, lookup, platformOf(runtime), "ECS service " + target.cluster() + "/" + target.service()
                + " (task definition " + family(taskDefinition) + ", " + described + ")", skipped);
    }

    /**
     * For {@code up}: the spec's architecture on Linux, which the task definition (or Express Mode
     * service) it makes asks for, whatever the capacity.
     *
     * @throws PlatformMismatchException when {@code image} is known to be built for other platforms
     * @throws io.github.ecrtoolkit.core.EcrToolkitException when the lookup refuses the image (it does not exist)
     */
    public static void require(String image, ImagePlatforms lookup, EcsServiceSpec spec, Consumer<String> skipped) {
        RuntimePlatform runtime = RuntimePlatform.builder().cpuArchitecture(spec.architecture().name())
                .operatingSystemFamily(OSFamily.LINUX).build();
        String capacity = spec.express() ? "Express Mode" : spec.capacity().toString();
        require(image, lookup, platformOf(Optional.of(runtime)), "ECS service " + spec.cluster() + "/" + spec.name()
                + " (" + capacity + ", runtimePlatform " + spec.architecture().name() + ")", skipped);
    }

    private static void require(String image, ImagePlatforms lookup, Platform target, String where, Consumer<String> skipped) {
        List<Platform> imagePlatforms = PlatformLookup.platformsOrSkip(lookup, image, skipped);
        if (!imagePlatforms.isEmpty()) {
            PlatformMismatchException.requireRuns(image, imagePlatforms, where, List.of(target));
        }
    }

    /** The platform a task runs on: {@code runtimePlatform}, else ECS's default, Linux on x86_64. */
    static Platform platformOf(Optional<RuntimePlatform> runtime) {
        String os = runtime.map(RuntimePlatform::operatingSystemFamilyAsString)
                .map(family -> family.startsWith("WINDOWS") ? "windows" : "linux").orElse("linux");
        String arch = runtime.map(RuntimePlatform::cpuArchitecture).filter(a -> a == CPUArchitecture.ARM64)
                .map(a -> "arm64").orElse("amd64");
        return new Platform(os, arch, Optional.empty());
    }

    private static String family(TaskDefinition taskDefinition) {
        return taskDefinition.family() + (taskDefinition.revision() == null ? "" : ":" + taskDefinition.revision());
    }
}
