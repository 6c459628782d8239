package io.headcount.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/** Tokens an attacker would try; every function must answer them with 401. */
public final class HostileTokens {

    private HostileTokens() {
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
