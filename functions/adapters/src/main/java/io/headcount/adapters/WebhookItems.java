package io.headcount.adapters;

import io.headcount.domain.WebhookSpec;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A group's digest webhook. Its URL and secret are credentials: never answered whole, never logged. */
public final class WebhookItems {

    private WebhookItems() {
    }

    public static Optional<WebhookSpec> from(Map<String, AttributeValue> item) {
        if (item == null || !item.containsKey("url")) {
            return Optional.empty();
        }
        return Optional.of(new WebhookSpec(Attrs.str(item, "platform"), Attrs.str(item, "url"),
                Attrs.str(item, "secret")));
    }

    public static Map<String, AttributeValue> item(String org, String group, WebhookSpec spec) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.webhook(org, group).toMap());
        item.put("platform", Attrs.s(spec.platform()));
        item.put("url", Attrs.s(spec.url()));
        Attrs.putIfPresent(item, "secret", spec.secret());
        return item;
    }
}
