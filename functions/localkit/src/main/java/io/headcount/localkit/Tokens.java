package io.headcount.localkit;

import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/** Mints signed JWTs shaped like the ones the functions accept, for tests and the local run. */
public final class Tokens {

    private final PrivateKey key;
    private final String alg;
    private final String issuer;
    private final String audience;

    /** {@code alg} is {@code RS256} (RSA key) or {@code ES256} (EC P-256 key). */
    public Tokens(PrivateKey key, String alg, String issuer, String audience) {
        boolean fits = "RS256".equals(alg) && key instanceof RSAPrivateKey
                || "ES256".equals(alg) && key instanceof ECPrivateKey;
        if (!fits) {
            throw new IllegalArgumentException(alg + " does not fit a " + key.getAlgorithm() + " key; use RS256 with RSA or ES256 with EC");
        }
        this.key = key;
        this.alg = alg;
        this.issuer = issuer;
        this.audience = audience;
    }

    /** RS256 with the default dev keys (created on first use), the local issuer and audience. */
    public static Tokens local() {
        return new Tokens(DevKeys.loadOrCreate(DevKeys.defaultDir()).privateKey(), "RS256",
                LocalDefaults.ISSUER, LocalDefaults.AUDIENCE);
    }

    /** A token for one role in one org, valid for {@code ttlSeconds} from now (negative: already expired). */
    public String mint(String role, String org, String subject, long ttlSeconds) {
        long now = Instant.now().getEpochSecond();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience(audience);
        claims.setSubject(subject);
        claims.setStringListClaim("groups", List.of(role));
        claims.setClaim("org", org);
        claims.setClaim("iat", now);
        claims.setClaim("nbf", now);
        claims.setClaim("exp", now + ttlSeconds);
        claims.setClaim("jti", UUID.randomUUID().toString());
        return sign(claims);
    }

    /** A token with exactly these claims, nothing added: for tests of missing or odd claims. */
    public String mint(Map<String, Object> claims) {
        JwtClaims jwtClaims = new JwtClaims();
        claims.forEach(jwtClaims::setClaim);
        return sign(jwtClaims);
    }

    private String sign(JwtClaims claims) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setAlgorithmHeaderValue("RS256".equals(alg)
                ? AlgorithmIdentifiers.RSA_USING_SHA256
                : AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign the token", e);
        }
    }
}
