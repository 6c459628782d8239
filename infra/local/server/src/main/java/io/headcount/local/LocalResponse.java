package io.headcount.local;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** What the local server writes back: status, headers (a name may repeat, e.g. Set-Cookie) and body bytes. */
public record LocalResponse(int status, Map<String, List<String>> headers, byte[] body) {

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
