package io.headcount.adapters;

import io.headcount.domain.ConnectorSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An org's webhook proof settings for one chat platform. The values are secrets: they are read by ingest, written
 * by admin, and never answered or logged (the table is encrypted at rest).
 */
public final class ConnectorItems {

    private ConnectorItems() {
    }

    public static ConnectorSpec from(Map<String, AttributeValue> item) {
        return new ConnectorSpec(Attrs.str(item, "signingSecret"), Attrs.str(item, "verificationToken"),
                Attrs.str(item, "encryptKey"));
    }

    /** Replaces the platform's settings: the ones absent from {@code spec} are removed. */
    public static Write replace(String org, String platform, ConnectorSpec spec) {
        Map<String, String> settings = new TreeMap<>();
        settings.put("signingSecret", spec.signingSecret());
        settings.put("verificationToken", spec.verificationToken());
        settings.put("encryptKey", spec.encryptKey());
        Write write = Write.update(Keys.connector(org, platform), "");
        List<String> set = new ArrayList<>();
        List<String> remove = new ArrayList<>();
        settings.forEach((name, value) -> {
            if (value == null) {
                remove.add("#" + name);
            } else {
                set.add("#" + name + " = :" + name);
                write.value(":" + name, value);
            }
        });
        String update = (set.isEmpty() ? "" : "SET " + String.join(", ", set))
                + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove));
        return write.withUpdate(update.strip());
    }
}
