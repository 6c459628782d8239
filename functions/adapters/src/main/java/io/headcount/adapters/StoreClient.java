package io.headcount.adapters;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The DynamoDB client every function uses: the extension's builder (endpoint, credentials, URL connection client)
 * plus a bounded retry policy and a deadline per call, so a throttled or unreachable store becomes our 503 well
 * inside the Lambda timeout instead of the SDK backing off for a minute.
 */
@ApplicationScoped
public class StoreClient {

    @Produces
    @ApplicationScoped
    DynamoDbClient dynamoDb(DynamoDbClientBuilder builder,
            @ConfigProperty(name = "headcount.store.call-timeout", defaultValue = "6S") Duration callTimeout) {
        return builder.overrideConfiguration(builder.overrideConfiguration().toBuilder()
                        .addExecutionInterceptor(new StoreCalls())
                        .apiCallTimeout(callTimeout)
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(3)
                                .backoffStrategy(BackoffStrategy.exponentialDelay(
                                        Duration.ofMillis(25), Duration.ofMillis(400)))
                                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(
                                        Duration.ofMillis(100), Duration.ofSeconds(1)))
                                .build())
                        .build())
                .build();
    }
}
