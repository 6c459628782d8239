package io.headcount.joincheck;

import io.headcount.localkit.DevKeys;
import io.headcount.localkit.Emulator;
import io.headcount.localkit.FaultProxy;
import io.headcount.localkit.LocalDefaults;
import io.headcount.localkit.LocalTable;
import io.headcount.localkit.TemplateModel;
import io.headcount.localkit.Tokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

public class StoreResource implements QuarkusTestResourceLifecycleManager {
    static Emulator emulator;
    static FaultProxy proxy;
    static DevKeys rsa;
    static DevKeys ec;

    @Override
    public Map<String, String> start() {
        emulator = Emulator.start();
        proxy = FaultProxy.start(emulator.endpoint());
        TemplateModel template = TemplateModel.load(TemplateModel.projectRoot().resolve("template.yaml"));
        LocalTable.ensure(emulator.client(), template, LocalDefaults.TABLE_LOGICAL_ID, LocalDefaults.TABLE_NAME);
        rsa = DevKeys.generateInMemory("RS256");
        ec = DevKeys.generateInMemory("ES256");
        return Map.of(
                "quarkus.dynamodb.endpoint-override", proxy.endpoint().toString(),
                "quarkus.dynamodb.aws.region", LocalDefaults.REGION,
                "quarkus.dynamodb.aws.credentials.type", "static",
                "quarkus.dynamodb.aws.credentials.static-provider.access-key-id", "test",
                "quarkus.dynamodb.aws.credentials.static-provider.secret-access-key", "test",
                "headcount.table", LocalDefaults.TABLE_NAME,
                "headcount.jwt.public-key", rsa.publicPem());
    }

    static Tokens tokens() {
        return new Tokens(rsa.privateKey(), "RS256", LocalDefaults.ISSUER, LocalDefaults.AUDIENCE);
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
