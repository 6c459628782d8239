package io.headcount.domain;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A group's incoming webhook, where its digest is posted (the body of PUT /orgs/{org}/groups/{group}/webhook):
 * the chat platform's own robot URL, and the robot's signing secret when it has one (DingTalk, Feishu). All
 * absent removes it.
 */
public record WebhookSpec(String platform, String url, String secret) {

    /** The hosts each platform's group robots live on: a digest goes nowhere else. */
    public static final Map<String, Set<String>> HOSTS = Map.of(
            "wecom", Set.of("qyapi.weixin.qq.com"),
            "dingtalk", Set.of("oapi.dingtalk.com"),
            "feishu", Set.of("open.feishu.cn", "open.larksuite.com"),
            "slack", Set.of("hooks.slack.com"));
    private static final Pattern URL = Pattern.compile("https://([a-z0-9.-]+)(/[A-Za-z0-9/_.~%=&?+-]*)?");
    private static final Pattern SECRET = Pattern.compile("[\\x21-\\x7E]{8,256}");

    public boolean removes() {
        return platform == null && url == null && secret == null;
    }

    public Checked<WebhookSpec> check() {
        Rules rules = new Rules();
        if (removes()) {
            return Checked.ok(this);
        }
        if (platform == null || !HOSTS.containsKey(platform)) {
            rules.fail("platform", "must be one of " + HOSTS.keySet().stream().sorted().toList());
        }
        if (url == null) {
            rules.fail("url", "is required");
        } else {
            var m = URL.matcher(url);
            if (url.length() > 1024 || !m.matches()) {
                rules.fail("url", "must be an https URL of at most 1024 characters");
            } else if (platform != null && HOSTS.containsKey(platform) && !HOSTS.get(platform).contains(m.group(1))) {
                rules.fail("url", "must be on " + HOSTS.get(platform).stream().sorted().toList());
            }
        }
        if (secret != null && !SECRET.matcher(secret).matches()) {
            rules.fail("secret", "must be 8-256 printable ASCII characters without spaces");
        } else if (secret != null && ("wecom".equals(platform) || "slack".equals(platform))) {
            rules.fail("secret", "this platform's webhooks are not signed");
        }
        return rules.ok() ? Checked.ok(this) : Checked.invalid(rules.violations());
    }
}
