package io.headcount.testing;

import io.headcount.localkit.DevKeys;
import io.headcount.localkit.LocalDefaults;
import io.headcount.localkit.Tokens;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.params.provider.Arguments;

/** Tokens an attacker would try; every function must answer them with 401. */
public final class HostileTokens {

    private HostileTokens() {
    }

    /** Makes the token when the test runs (keys exist only once the test resource has started). */
    @FunctionalInterface
    public interface TokenSource {
        String get() throws Exception;
    }

    /**
     * Every token a function must refuse with 401, as {@code (name, TokenSource)} arguments for a parameterized
     * test; each would otherwise be a valid token of {@code role} for {@code subject} in {@code org}.
     */
    public static Stream<Arguments> unauthenticated(String org, String role, String subject) {
        long now = Instant.now().getEpochSecond();
        return Stream.of(
                Arguments.of("no token", (TokenSource) () -> null),
                Arguments.of("not a JWT", (TokenSource) () -> "not-a-token"),
                Arguments.of("empty bearer", (TokenSource) () -> ""),
                Arguments.of("alg none", (TokenSource) () -> unsigned(claims(org, role, subject, now, 600))),
                Arguments.of("HS256 keyed with the public key",
                        (TokenSource) () -> hmacWithPublicKey(claims(org, role, subject, now, 600))),
                Arguments.of("expired", (TokenSource) () -> StoreResource.tokens().mint(role, org, subject, -120)),
                Arguments.of("not yet valid", (TokenSource) () -> {
                    Map<String, Object> c = claims(org, role, subject, now, 7200);
                    c.put("nbf", now + 3600);
                    return StoreResource.tokens().mint(c);
                }),
                Arguments.of("wrong issuer", (TokenSource) () -> new Tokens(StoreResource.keys().privateKey(),
                        "RS256", "https://evil.example", LocalDefaults.AUDIENCE).mint(role, org, subject, 600)),
                Arguments.of("wrong audience", (TokenSource) () -> new Tokens(StoreResource.keys().privateKey(),
                        "RS256", LocalDefaults.ISSUER, "someone-else").mint(role, org, subject, 600)),
                Arguments.of("tampered payload (member -> admin)", (TokenSource) () -> tamper(
                        StoreResource.tokens().mint("member", org, subject, 600))),
                Arguments.of("signed by another RSA key", (TokenSource) () -> new Tokens(
                        DevKeys.generateInMemory("RS256").privateKey(), "RS256", LocalDefaults.ISSUER,
                        LocalDefaults.AUDIENCE).mint(role, org, subject, 600)),
                Arguments.of("signed by an unknown EC key", (TokenSource) () -> new Tokens(
                        DevKeys.generateInMemory("ES256").privateKey(), "ES256", LocalDefaults.ISSUER,
                        LocalDefaults.AUDIENCE).mint(role, org, subject, 600)),
                Arguments.of("no expiry", (TokenSource) () -> {
                    Map<String, Object> c = claims(org, role, subject, now, 600);
                    c.remove("exp");
                    return StoreResource.tokens().mint(c);
                }),
                Arguments.of("no subject", (TokenSource) () -> {
                    Map<String, Object> c = claims(org, role, subject, now, 600);
                    c.remove("sub");
                    return StoreResource.tokens().mint(c);
                }));
    }

    /** The claims of a valid token, to be spoiled by the caller. */
    public static Map<String, Object> claims(String org, String role, String subject, long now, long ttl) {
        Map<String, Object> c = new HashMap<>();
        c.put("iss", LocalDefaults.ISSUER);
        c.put("aud", LocalDefaults.AUDIENCE);
        c.put("sub", subject);
        c.put("groups", List.of(role));
        c.put("org", org);
        c.put("iat", now);
        c.put("exp", now + ttl);
        return c;
    }

    /** {@code alg: none}: claims without a signature. */
    public static String unsigned(Map<String, Object> claims) throws JoseException {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(toClaims(claims).toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
        jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
        return jws.getCompactSerialization();
    }

    /** The key-confusion attack: HMAC with the trusted RSA public key's bytes as the shared secret. */
    public static String hmacWithPublicKey(Map<String, Object> claims) throws JoseException {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(toClaims(claims).toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKey(new HmacKey(StoreResource.keys().publicPem().getBytes(StandardCharsets.US_ASCII)));
        jws.setDoKeyValidation(false);
        return jws.getCompactSerialization();
    }

    /** Swaps the payload for one claiming the admin role; the signature stays that of the original. */
    public static String tamper(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"member\"", "\"admin\"");
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    private static JwtClaims toClaims(Map<String, Object> claims) {
        JwtClaims c = new JwtClaims();
        claims.forEach(c::setClaim);
        return c;
    }
}
