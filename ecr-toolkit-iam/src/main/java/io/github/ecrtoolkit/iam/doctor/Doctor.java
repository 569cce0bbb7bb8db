package io.github.ecrtoolkit.iam.doctor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.ecrtoolkit.core.AwsRegions;
import io.github.ecrtoolkit.core.internal.AwsClients;
import io.github.ecrtoolkit.core.internal.AwsErrors;
import io.github.ecrtoolkit.core.permissions.Capability;
import io.github.ecrtoolkit.core.permissions.PermissionScope;
import io.github.ecrtoolkit.docker.DockerEngine;
import io.github.ecrtoolkit.docker.DockerHost;
import io.github.ecrtoolkit.docker.DockerEngineException;
import io.github.ecrtoolkit.iam.Preflight;
import io.github.ecrtoolkit.iam.PreflightResult;
import io.github.ecrtoolkit.iam.doctor.Finding.Status;
import io.github.ecrtoolkit.iam.internal.CredentialSources;
import io.github.ecrtoolkit.iam.internal.RegistryProbe;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * One report a newcomer can paste into a question: where the AWS credentials came from (which
 * provider of the default chain, which profile), the account and principal, the region and whether
 * it exists (with the closest name for a typo), the clock's skew against AWS (SigV4 refuses more
 * than 5 minutes), each registry named (reachable? TLS or plain HTTP?), the Docker Engine (found?
 * which API?), and each capability's pre-flight. No secret is ever printed.
 *
 * <pre>{@code
 * DoctorReport report = Doctor.builder().registry("123456789012.dkr.ecr.eu-west-1.amazonaws.com").build().run();
 * System.out.println(report);
 * }</pre>
 *
 * <p>Each check that cannot run says why and the report goes on. Not thread-safe; clients passed in
 * are not closed by us.
 */
public final class Doctor {

    private static final Logger LOG = LoggerFactory.getLogger(Doctor.class);
    private static final Duration SIGV4_LIMIT = Duration.ofMinutes(5);
    private static final Duration SKEW_WARNING = Duration.ofMinutes(1);

    private final Builder settings;

    private Doctor(Builder settings) {
        this.settings = settings;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs every check; never throws for what it finds. */
    public DoctorReport run() {
        List<Finding> findings = new ArrayList<>();
        boolean haveCredentials = credentials(findings);
        Optional<String> region = region(findings);
        if (haveCredentials) {
            aws(findings, region);
        }
        for (String registry : settings.registries) {
            findings.add(registry(registry));
        }
        findings.add(engine());
        return new DoctorReport(findings);
    }

    // ---- credentials and region

    private boolean credentials(List<Finding> findings) {
        AwsCredentials credentials;
        try {
            credentials = settings.credentials.resolveCredentials();
        } catch (SdkException e) {
            LOG.debug("no AWS credentials; the SDK's providers said: {}", AwsErrors.safe(e.getMessage()));
            findings.add(new Finding("credentials", Status.FAIL, "No AWS credentials found. " + AwsErrors.PROVIDE_CREDENTIALS));
            return false;
        }
        String provider = credentials.providerName().orElse(settings.credentials.getClass().getSimpleName());
        String profile = settings.environment.getOrDefault("AWS_PROFILE",
                Optional.ofNullable(System.getProperty("aws.profile")).orElse("default"));
        String source = CredentialSources.describe(provider)
                + (CredentialSources.fromProfile(provider) ? " (profile " + profile + ")" : "");
        boolean temporary = credentials instanceof AwsSessionCredentials;
        if (temporary) {
            findings.add(new Finding("credentials", Status.OK, "from " + source + ", temporary (session)"));
        } else {
            findings.add(new Finding("credentials", Status.WARN, "from " + source + ", a long-lived access key: prefer "
                    + "IAM Identity Center (`aws configure sso`) for people and roles for machines"));
        }
        return true;
    }

    private Optional<String> region(List<Finding> findings) {
        String name;
        String source;
        if (settings.region != null) {
            name = settings.region;
            source = "given";
        } else {
            try {
                name = new DefaultAwsRegionProviderChain().getRegion().id();
            } catch (SdkException e) {
                findings.add(new Finding("region", Status.FAIL, "none set: pass --region, set AWS_REGION, or give the "
                        + "profile a region (`aws configure set region eu-west-1`)"));
                return Optional.empty();
            }
            source = settings.environment.containsKey("AWS_REGION") ? "AWS_REGION" : "the default chain";
        }
        try {
            Region region = AwsRegions.parse(name);
            String partition = Optional.ofNullable(region.metadata()).map(m -> m.partition().id()).orElse("?");
            findings.add(new Finding("region", Status.OK, name + " (from " + source + ", partition " + partition + ")"));
            return Optional.of(name);
        } catch (IllegalArgumentException unknown) {
            // reported below, in the doctor's own words
        }
        String suggestion = AwsRegions.closest(name).map(c -> "; did you mean " + c + "?").orElse("");
        findings.add(new Finding("region", Status.FAIL, "'" + name + "' (from " + source + ") is not an AWS region"
                + suggestion));
        return Optional.empty();
    }

    // ---- identity, clock, pre-flights

    private void aws(List<Finding> findings, Optional<String> region) {
        StsClient sts = settings.sts != null ? AwsClients.notClosed(StsClient.class, settings.sts)
                : AwsClients.build(StsClient.builder().credentialsProvider(settings.credentials)
                        .region(Region.of(region.orElse("us-east-1"))));
        IamClient iam = settings.iam != null ? AwsClients.notClosed(IamClient.class, settings.iam)
                : AwsClients.build(IamClient.builder().credentialsProvider(settings.credentials).region(Region.AWS_GLOBAL));
        try (sts; iam) {
            GetCallerIdentityResponse identity;
            try {
                identity = sts.getCallerIdentity();
            } catch (SdkException e) {
                AwsErrors.Failure failure = AwsErrors.classify("STS", "GetCallerIdentity", e);
                findings.add(new Finding("identity", Status.FAIL, failure.message(null)));
                return;
            }
            findings.add(new Finding("identity", Status.OK, "account " + identity.account() + ", " + identity.arn()));
            findings.add(clock(identity.sdkHttpResponse().firstMatchingHeader("Date")));
            PermissionScope scope = settings.scope.inRegion(region);
            try (Preflight preflight = Preflight.builder().stsClient(sts).iamClient(iam)
                    .region(region.map(Region::of).orElse(null)).build()) {
                for (Capability capability : settings.capabilities) {
                    findings.add(preflight(preflight, capability, scope));
                }
            }
        }
    }

    private Finding clock(Optional<String> date) {
        if (date.isEmpty()) {
            return new Finding("clock", Status.INFO, "AWS sent no Date header to compare with");
        }
        Instant aws;
        try {
            aws = ZonedDateTime.parse(date.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return new Finding("clock", Status.INFO, "AWS's Date header is unreadable: " + date.get());
        }
        Duration skew = Duration.between(aws, settings.clock.instant());
        String said = (skew.isNegative() ? "behind" : "ahead of") + " AWS by " + skew.abs().toSeconds() + " s";
        if (skew.abs().compareTo(SIGV4_LIMIT) > 0) {
            return new Finding("clock", Status.FAIL, said + ": AWS refuses requests signed more than 5 minutes off; "
                    + "set the clock (NTP, `timedatectl set-ntp true`)");
        }
        return new Finding("clock", skew.abs().compareTo(SKEW_WARNING) > 0 ? Status.WARN : Status.OK, said);
    }

    private static Finding preflight(Preflight preflight, Capability capability, PermissionScope scope) {
        String topic = "pre-flight " + capability.cliName();
        PreflightResult result;
        try {
            result = preflight.check(capability, scope);
        } catch (RuntimeException e) {
            return new Finding(topic, Status.INFO, "not run: " + e.getMessage());
        }
        return switch (result.decision()) {
            case ALLOWED -> result.skipped().isEmpty()
                    ? new Finding(topic, Status.OK, "all " + result.verdicts().size() + " actions allowed")
                    : new Finding(topic, Status.WARN, "required actions allowed; " + String.join("; ", result.warnings()));
            case DENIED -> new Finding(topic, Status.WARN, "denied " + String.join(", ", result.denied())
                    + " (`iam-policy --for " + capability.cliName() + "` prints the policy to attach)");
            case UNKNOWN -> new Finding(topic, Status.INFO, "unknown: " + result.note().orElse(""));
        };
    }

    // ---- registries and the engine

    private Finding registry(String host) {
        String topic = "registry " + host;
        RegistryProbe.Probe probe = RegistryProbe.probe(host, settings.timeout);
        return switch (probe.result()) {
            case TLS -> new Finding(topic, Status.OK, "reachable, speaks TLS (" + probe.detail() + ")");
            case TLS_UNTRUSTED -> new Finding(topic, Status.WARN, "reachable, speaks TLS, but its certificate is not "
                    + "trusted by this JVM: add its CA to the trust store");
            case PLAIN_HTTP -> new Finding(topic, Status.WARN, "reachable, speaks plain HTTP, not TLS (" + probe.detail()
                    + "): pass --insecure-registry (in code: allowInsecureLoopback(true), loopback only)");
            case UNKNOWN_HOST -> new Finding(topic, Status.FAIL, probe.detail() + ": check the name and DNS (a network "
                    + "problem, not credentials)");
            case UNREACHABLE -> new Finding(topic, Status.FAIL, "not reachable (" + probe.detail() + "): check the port, "
                    + "the network, a proxy or firewall (a network problem, not credentials)");
            case UNKNOWN_PROTOCOL -> new Finding(topic, Status.FAIL, "reachable, but speaks neither TLS nor HTTP ("
                    + probe.detail() + ")");
        };
    }

    private Finding engine() {
        DockerHost host;
        try {
            host = settings.dockerHost != null ? settings.dockerHost : DockerHost.fromEnvironment();
        } catch (IllegalArgumentException e) {
            return new Finding("docker engine", Status.WARN, e.getMessage());
        }
        try (DockerEngine engine = DockerEngine.connect(host)) {
            return new Finding("docker engine", Status.OK, "found at " + host.uri() + ", API " + engine.apiVersion());
        } catch (DockerEngineException e) {
            return new Finding("docker engine", Status.INFO, "not found at " + host.uri() + " (" + host.source()
                    + "): needed only for Dockerfiles with RUN; builds without RUN need no engine");
        }
    }

    /** Builds a {@link Doctor}; not thread-safe. */
    public static final class Builder {

        private AwsCredentialsProvider credentials;
        private String region;
        private StsClient sts;
        private IamClient iam;
        private final List<String> registries = new ArrayList<>();
        private DockerHost dockerHost;
        private Clock clock = Clock.systemUTC();
        private PermissionScope scope = PermissionScope.any();
        private List<Capability> capabilities = Arrays.asList(Capability.values());
        private Map<String, String> environment = System.getenv();
        private Duration timeout = Duration.ofSeconds(3);

        private Builder() {
        }

        /** Where credentials come from; default: the AWS default chain. */
        public Builder credentialsProvider(AwsCredentialsProvider credentials) {
            this.credentials = credentials;
            return this;
        }

        /** The region to check and use; default: the default chain's. */
        public Builder region(String region) {
            this.region = region;
            return this;
        }

        /** The STS client to ask who the caller is; not closed by us. */
        public Builder stsClient(StsClient sts) {
            this.sts = sts;
            return this;
        }

        /** The IAM client for the pre-flights; not closed by us. */
        public Builder iamClient(IamClient iam) {
            this.iam = iam;
            return this;
        }

        /** A registry ({@code host[:port]}) to probe; appends. */
        public Builder registry(String host) {
            registries.add(Objects.requireNonNull(host, "host"));
            return this;
        }

        /** The Docker Engine to look for; default: where the Docker CLI would look. */
        public Builder dockerHost(DockerHost host) {
            this.dockerHost = host;
            return this;
        }

        /** This machine's clock, compared with AWS's; default: the system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The resources the pre-flights check; default: any. */
        public Builder scope(PermissionScope scope) {
            this.scope = Objects.requireNonNull(scope, "scope");
            return this;
        }

        /** The capabilities to pre-flight; default: all; none skips the pre-flights. */
        public Builder capabilities(Capability... capabilities) {
            this.capabilities = List.of(capabilities);
            return this;
        }

        /** The environment to read AWS_PROFILE and AWS_REGION from, for the report; default: the process's. */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        /** How long to wait for each registry; default 3 s. */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public Doctor build() {
            if (credentials == null) {
                credentials = DefaultCredentialsProvider.builder().build();
            }
            return new Doctor(this);
        }
    }
}
