package io.headcount.testing;

import io.headcount.adapters.Table;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Base of a function's integration tests: each test starts on an empty table (see {@link StoreResource#fresh()})
 * with fixtures that write through the functions' own item mapping.
 */
public abstract class StoreTest {
    @Inject
    protected Table table;
    @Inject
    protected DynamoDbClient client;

    protected Fixtures fx;

    @BeforeEach
    protected void emptyStore() {
        StoreResource.fresh();
        fx = new Fixtures(table, client);
    }
}
