package io.headcount.packagecheck;

import io.headcount.localkit.LocalDefaults;
import io.headcount.localkit.TemplateModel;
import io.headcount.localkit.TemplateModel.FunctionSpec;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A function's environment as deployed: template.yaml's literal values, and for each variable whose value is an
 * intrinsic ({@code !Ref Table}, a parameter) a local stand-in, by the name the template gives it, so a renamed
 * variable fails here as it would in AWS. The DynamoDB endpoint override is the one setting only a local run adds.
 */
final class FunctionEnvironment {

    private FunctionEnvironment() {
    }

    static Map<String, String> of(TemplateModel template, FunctionSpec spec, URI dynamodb, Path publicKey) {
        Map<String, String> local = Map.of(
                "HEADCOUNT_TABLE", LocalDefaults.TABLE_NAME,
                "HEADCOUNT_JWT_ISSUER", LocalDefaults.ISSUER,
                "HEADCOUNT_JWT_AUDIENCE", LocalDefaults.AUDIENCE,
                "HEADCOUNT_JWT_PUBLIC_KEY_LOCATION", publicKey.toString(),
                "QUARKUS_LOG_LEVEL", "INFO"); // the LogLevel parameter's default
        Map<String, String> env = new LinkedHashMap<>();
        for (String name : template.environmentNames(spec.logicalId())) {
            String value = spec.environment().containsKey(name) ? spec.environment().get(name) : local.get(name);
            if (value == null) {
                throw new IllegalStateException(spec.logicalId() + ": no local value for " + name
                        + " (an intrinsic in template.yaml); add one to FunctionEnvironment");
            }
            env.put(name, value);
        }
        env.put("QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE", dynamodb.toString());
        return env;
    }
}
