package io.headcount.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How an org's chat platform proves its webhooks (the body of PUT /orgs/{org}/connectors/{platform}): Slack's
 * signing secret; Feishu's verification token and encrypt key. All absent turns the checks off.
 */
public record ConnectorSpec(String signingSecret, String verificationToken, String encryptKey) {

    /** The platforms that sign or encrypt their webhooks; DingTalk and WeCom payloads arrive verified by the bot. */
    public static final Set<String> PLATFORMS = Set.of("slack", "feishu");
    private static final Pattern SECRET = Pattern.compile("[\\x21-\\x7E]{8,256}");

    public Checked<ConnectorSpec> check(String platform) {
        Rules rules = new Rules();
        if (!PLATFORMS.contains(platform)) {
            rules.fail("platform", "must be one of " + PLATFORMS);
            return Checked.invalid(rules.violations());
        }
        boolean slack = platform.equals("slack");
        secret(rules, "signingSecret", signingSecret, slack);
        secret(rules, "verificationToken", verificationToken, !slack);
        secret(rules, "encryptKey", encryptKey, !slack);
        return rules.ok() ? Checked.ok(this) : Checked.invalid(rules.violations());
    }

    /** The names of the settings present, for answers that must never carry the values. */
    public List<String> configured() {
        List<String> names = new ArrayList<>();
        if (signingSecret != null) {
            names.add("signingSecret");
        }
        if (verificationToken != null) {
            names.add("verificationToken");
        }
        if (encryptKey != null) {
            names.add("encryptKey");
        }
        return names;
    }

    private static void secret(Rules rules, String field, String value, boolean belongs) {
        if (value == null) {
            return;
        }
        if (!belongs) {
            rules.fail(field, "is not a setting of this platform");
        } else if (!SECRET.matcher(value).matches()) {
            rules.fail(field, "must be 8-256 printable ASCII characters without spaces");
        }
    }
}
