package io.headcount.local;

import io.headcount.localkit.LocalDefaults;
import io.headcount.localkit.LocalTable;
import io.headcount.localkit.TemplateModel;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The local table, created from template.yaml's definition with the client the functions use. */
@ApplicationScoped
public class LocalStore {
    private final DynamoDbClient client;
    private final String table;

    LocalStore(DynamoDbClient client, @ConfigProperty(name = "headcount.table") String table) {
        this.client = client;
        this.table = table;
    }

    /** Creates the table if it is missing (an emulator kept from an earlier run keeps its data). */
    public void ensureTable() {
        LocalTable.ensure(client, TemplateModel.load(LocalPaths.template()), LocalDefaults.TABLE_LOGICAL_ID, table);
    }

    public String table() {
        return table;
    }
}
