package io.github.ecrtoolkit.testing.aws.logs;

import java.time.Instant;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A CloudWatch Logs log group as the stand-in holds it.
 *
 * @param name its name, such as {@code /ecs/orders}
 * @param arn its ARN (without the {@code :*} suffix DescribeLogGroups adds to {@code arn})
 * @param created when it was created, by the stand-in's clock
 * @param retentionInDays how long events are kept; empty means forever
 * @param tags its tags
 */
public record LogGroup(String name, String arn, Instant created, OptionalInt retentionInDays, Map<String, String> tags) {

    public LogGroup {
        tags = Map.copyOf(tags);
    }
}
