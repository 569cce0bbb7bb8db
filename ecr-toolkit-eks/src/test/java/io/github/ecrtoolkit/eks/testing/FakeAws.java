package io.github.ecrtoolkit.eks.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import java.net.URI;

import com.github.tomakehurst.wiremock.WireMockServer;

import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.sts.StsClient;

/** STS (query protocol, XML) and EKS (REST-JSON) answers on a WireMock server, and SDK clients pointed at it. */
public final class FakeAws {

    public static final String ACCESS_KEY = "AKIAFAKEACCESSKEY01";
    public static final String SECRET_KEY = "fakeSecretKey/DoNotLeak+0123456789abcdefgh";
    public static final String SESSION_TOKEN = "FakeSessionToken//DoNotLeak==";
    public static final String ACCOUNT = "123456789012";
    public static final String CALLER = "arn:aws:sts::" + ACCOUNT + ":assumed-role/deployer/ci-session";
    public static final String ROLE = "arn:aws:iam::" + ACCOUNT + ":role/deployer";

    public static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(
            AwsSessionCredentials.create(ACCESS_KEY, SECRET_KEY, SESSION_TOKEN));

    private final WireMockServer wm;

    public FakeAws(WireMockServer wm) {
        this.wm = wm;
    }

    public EksClient eks() {
        return EksClient.builder().endpointOverride(URI.create(wm.baseUrl())).region(Region.EU_WEST_1)
                .credentialsProvider(CREDENTIALS).httpClientBuilder(Apache5HttpClient.builder()).build();
    }

    public StsClient sts() {
        return StsClient.builder().endpointOverride(URI.create(wm.baseUrl())).region(Region.EU_WEST_1)
                .credentialsProvider(CREDENTIALS).httpClientBuilder(Apache5HttpClient.builder()).build();
    }

    public void callerIdentity() {
        wm.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=GetCallerIdentity"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody("""
                        <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                          <GetCallerIdentityResult>
                            <Arn>%s</Arn>
                            <UserId>AROAFAKEROLEID:ci-session</UserId>
                            <Account>%s</Account>
                          </GetCallerIdentityResult>
                          <ResponseMetadata><RequestId>0f6d1c1e-0000-4000-8000-000000000001</RequestId></ResponseMetadata>
                        </GetCallerIdentityResponse>""".formatted(CALLER, ACCOUNT))));
    }

    public void callerRefused() {
        wm.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=GetCallerIdentity"))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "text/xml").withBody("""
                        <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                          <Error><Type>Sender</Type><Code>InvalidClientTokenId</Code>
                          <Message>The security token included in the request is invalid.</Message></Error>
                          <RequestId>0f6d1c1e-0000-4000-8000-000000000002</RequestId>
                        </ErrorResponse>""")));
    }

    public void cluster(String name, String status, String endpoint, String caData, String authenticationMode) {
        wm.stubFor(get(urlEqualTo("/clusters/" + name)).willReturn(okJson("""
                {"cluster": {"name": "%s", "arn": "arn:aws:eks:eu-west-1:%s:cluster/%s", "status": "%s",
                 "version": "1.33", %s
                 "certificateAuthority": {"data": "%s"},
                 "accessConfig": {"authenticationMode": "%s"}}}
                """.formatted(name, ACCOUNT, name, status, endpoint == null ? "" : "\"endpoint\": \"" + endpoint + "\",",
                caData == null ? "" : caData, authenticationMode))));
    }

    public void noSuchCluster(String name) {
        wm.stubFor(get(urlEqualTo("/clusters/" + name)).willReturn(aResponse().withStatus(404)
                .withHeader("x-amzn-ErrorType", "ResourceNotFoundException")
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\": \"No cluster found for name: " + name + ".\"}")));
    }

    /** DescribeAccessEntry finds nothing for the exact ARN; ListAccessEntries returns {@code entries}. */
    public void accessEntries(String cluster, String... entries) {
        wm.stubFor(get(urlPathMatching("/clusters/" + cluster + "/access-entries/.+")).willReturn(aResponse()
                .withStatus(404).withHeader("x-amzn-ErrorType", "ResourceNotFoundException")
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\": \"The specified access entry resource is not found.\"}")));
        StringBuilder list = new StringBuilder();
        for (String e : entries) {
            list.append(list.length() == 0 ? "" : ",").append('"').append(e).append('"');
        }
        wm.stubFor(get(urlPathEqualTo("/clusters/" + cluster + "/access-entries"))
                .willReturn(okJson("{\"accessEntries\": [" + list + "]}")));
    }

    /** DescribeAccessEntry finds the exact ARN. */
    public void accessEntry(String cluster, String principal) {
        wm.stubFor(get(urlPathMatching("/clusters/" + cluster + "/access-entries/.+")).willReturn(okJson("""
                {"accessEntry": {"clusterName": "%s", "principalArn": "%s", "type": "STANDARD"}}
                """.formatted(cluster, principal))));
    }
}
