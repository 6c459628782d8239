package io.headcount.local;

import io.headcount.localkit.DevKeys;
import io.headcount.localkit.Emulator;
import io.headcount.localkit.LocalDefaults;
import io.headcount.localkit.LocalTable;
import io.headcount.localkit.TemplateModel;
import io.headcount.localkit.Tokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** What LocalServer.main sets up, for tests: the emulator with the template's table, and keys kept in memory. */
public class LocalStoreResource implements QuarkusTestResourceLifecycleManager {
    static Emulator emulator;
    static DevKeys keys;

    @Override
    public Map<String, String> start() {
        emulator = Emulator.start();
        LocalTable.ensure(emulator.client(), TemplateModel.load(TemplateModel.projectRoot().resolve("template.yaml")),
                LocalDefaults.TABLE_LOGICAL_ID, LocalDefaults.TABLE_NAME);
        keys = DevKeys.generateInMemory("RS256");
        return Map.of(
                "quarkus.dynamodb.endpoint-override", emulator.endpoint().toString(),
                "quarkus.dynamodb.aws.region", LocalDefaults.REGION,
                "quarkus.dynamodb.aws.credentials.type", "static",
                "quarkus.dynamodb.aws.credentials.static-provider.access-key-id", "test",
                "quarkus.dynamodb.aws.credentials.static-provider.secret-access-key", "test",
                "headcount.table", LocalDefaults.TABLE_NAME,
                "headcount.jwt.public-key", keys.publicPem(),
                "headcount.jwt.issuer", LocalDefaults.ISSUER,
                "headcount.jwt.audience", LocalDefaults.AUDIENCE);
    }

    static Tokens tokens() {
        return new Tokens(keys.privateKey(), "RS256", LocalDefaults.ISSUER, LocalDefaults.AUDIENCE);
    }

    @Override
    public void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }
}
