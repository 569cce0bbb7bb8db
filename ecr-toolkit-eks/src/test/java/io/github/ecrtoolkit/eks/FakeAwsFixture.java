package io.github.ecrtoolkit.eks;

import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.github.ecrtoolkit.eks.testing.DeployPermissions;
import io.github.ecrtoolkit.eks.testing.FakeAws;
import io.github.ecrtoolkit.testing.FakeClock;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.sts.StsClient;

/** EKS and STS stand-ins on WireMock, fresh for each test, and a deployer builder wired to them. */
abstract class FakeAwsFixture {

    WireMockServer wm;
    FakeAws aws;
    EksClient eks;
    StsClient sts;
    final FakeClock clock = new FakeClock(Instant.parse("2026-11-24T23:40:00Z"));

    @BeforeEach
    void startFakeAws() {
        wm = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
        aws = new FakeAws(wm);
        eks = aws.eks();
        sts = aws.sts();
    }

    @AfterEach
    void stopFakeAws() {
        DeployPermissions.assertCovered(wm);
        eks.close();
        sts.close();
        wm.stop();
    }

    /** A deployer of {@code cluster} through the stand-ins, on the fake clock. */
    EksDeployer.Builder deployerBuilder(String cluster) {
        return EksDeployer.builder().cluster(cluster).region(Region.EU_WEST_1).credentialsProvider(FakeAws.CREDENTIALS)
                .eksClient(eks).stsClient(sts).clock(clock);
    }
}
