package io.headcount.testing;

import io.headcount.localkit.DevKeys;
import io.headcount.localkit.Emulator;
import io.headcount.localkit.FaultProxy;
import io.headcount.localkit.LocalDefaults;
import io.headcount.localkit.LocalTable;
import io.headcount.localkit.TemplateModel;
import io.headcount.localkit.Tokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * The store a function's tests run against: moto, started here and stopped by its pid, behind a fault proxy, with
 * the table created from template.yaml; and a fresh RS256 key pair whose public half the function trusts.
 */
public class StoreResource implements QuarkusTestResourceLifecycleManager {
    private static Emulator emulator;
    private static FaultProxy proxy;
    private static DevKeys keys;
    private static TemplateModel template;

    @Override
    public Map<String, String> start() {
        emulator = Emulator.start();
        proxy = FaultProxy.start(emulator.endpoint());
        template = TemplateModel.load(TemplateModel.projectRoot().resolve("template.yaml"));
        LocalTable.ensure(emulator.client(), template, LocalDefaults.TABLE_LOGICAL_ID, LocalDefaults.TABLE_NAME);
        keys = DevKeys.generateInMemory("RS256");
        return Map.of(
                // The emulator answers one request at a time: hundreds of concurrent joiners queue for seconds.
                "quarkus.dynamodb.sync-client.socket-timeout", "120S",
                "quarkus.dynamodb.sync-client.connection-timeout", "60S",
                "headcount.store.call-timeout", "180S",
                "quarkus.dynamodb.endpoint-override", proxy.endpoint().toString(),
                "quarkus.dynamodb.aws.region", LocalDefaults.REGION,
                "quarkus.dynamodb.aws.credentials.type", "static",
                "quarkus.dynamodb.aws.credentials.static-provider.access-key-id", "test",
                "quarkus.dynamodb.aws.credentials.static-provider.secret-access-key", "test",
                "headcount.table", LocalDefaults.TABLE_NAME,
                "headcount.jwt.public-key", keys.publicPem());
    }

    /**
     * Empties the store and recreates the table. moto copies a whole table on every transaction and keeps the
     * memory until reset, so each test starts small.
     */
    public static void fresh() {
        proxy.heal();
        emulator.reset();
        LocalTable.ensure(emulator.client(), template, LocalDefaults.TABLE_LOGICAL_ID, LocalDefaults.TABLE_NAME);
    }

    /** Tokens the functions under test accept. */
    public static Tokens tokens() {
        return new Tokens(keys.privateKey(), "RS256", LocalDefaults.ISSUER, LocalDefaults.AUDIENCE);
    }

    public static DevKeys keys() {
        return keys;
    }

    /** Sits between the functions and the emulator; make it throttle or drop to test faults. */
    public static FaultProxy proxy() {
        return proxy;
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }
}
