package io.github.ecrtoolkit.ecs;

/** The CPU architecture a task runs on: its image must be built for it ({@code runtimePlatform.cpuArchitecture}). */
public enum CpuArchitecture {
    /** Intel or AMD, {@code linux/amd64} images. */
    X86_64,
    /** Graviton, {@code linux/arm64} images; usually cheaper per vCPU. Not offered on Fargate Spot. */
    ARM64
}
