package io.headcount.localkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;

import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokensTest {

    private static final DevKeys RSA = DevKeys.generateInMemory("RS256");

    @Test
    void mintedTokenVerifiesWithThePublicKey() throws Exception {
        Tokens tokens = new Tokens(RSA.privateKey(), "RS256", LocalDefaults.ISSUER, LocalDefaults.AUDIENCE);
        String token = tokens.mint("group-admin", "acme", "ada", 600);

        JwtClaims claims = consumer(RSA.publicKey()).processToClaims(token);
        assertEquals(LocalDefaults.ISSUER, claims.getIssuer());
        assertEquals(List.of(LocalDefaults.AUDIENCE), claims.getAudience());
        assertEquals("ada", claims.getSubject());
        assertEquals(List.of("group-admin"), claims.getStringListClaimValue("groups"));
        assertEquals("acme", claims.getStringClaimValue("org"));
        assertEquals(claims.getIssuedAt().getValue(), claims.getNotBefore().getValue());
        assertEquals(claims.getIssuedAt().getValue() + 600, claims.getExpirationTime().getValue());
        assertFalse(claims.getJwtId().isBlank());

        JsonWebSignature jws = (JsonWebSignature) JsonWebSignature.fromCompactSerialization(token);
        assertEquals("JWT", jws.getHeader("typ"));
        assertEquals("RS256", jws.getAlgorithmHeaderValue());
        assertNull(jws.getKeyIdHeaderValue());
    }

    @Test
    void negativeTtlGivesAnExpiredToken() {
        String token = new Tokens(RSA.privateKey(), "RS256", LocalDefaults.ISSUER, LocalDefaults.AUDIENCE)
                .mint("member", "demo", "member", -60);
        InvalidJwtException thrown = assertThrows(InvalidJwtException.class, () -> consumer(RSA.publicKey()).process(token));
        assertTrue(thrown.hasExpired());
    }

    @Test
    void es256AndCustomClaims() throws Exception {
        DevKeys ec = DevKeys.generateInMemory("ES256");
        String token = new Tokens(ec.privateKey(), "ES256", "https://other", "x")
                .mint(Map.of("iss", LocalDefaults.ISSUER, "aud", LocalDefaults.AUDIENCE, "sub", "bot-1",
                        "exp", System.currentTimeMillis() / 1000 + 60, "groups", List.of("bot"), "extra", 7));
        JwtClaims claims = consumer(ec.publicKey()).processToClaims(token);
        assertEquals("bot-1", claims.getSubject());
        assertEquals(7L, claims.getClaimValue("extra"));
        assertFalse(claims.hasClaim("org"), "nothing is added to custom claims");
    }

    @Test
    void algorithmMustFitTheKey() {
        assertThrows(IllegalArgumentException.class,
                () -> new Tokens(RSA.privateKey(), "ES256", LocalDefaults.ISSUER, LocalDefaults.AUDIENCE));
    }

    @Test
    void tokenCommandPrintsOnlyTheTokenAndRejectsBadArguments(@TempDir Path keys) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = TokenCommand.run(new String[] {"bot", "--org", "acme", "--ttl", "60"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), keys);
        assertEquals(0, status);
        String token = out.toString(StandardCharsets.UTF_8).strip();
        assertEquals(3, token.split("\\.").length);
        JwtClaims claims = consumer(DevKeys.loadOrCreate(keys).publicKey()).processToClaims(token);
        assertEquals("bot", claims.getSubject());
        assertEquals("acme", claims.getStringClaimValue("org"));

        for (String[] bad : List.of(new String[] {}, new String[] {"root"}, new String[] {"admin", "--ttl", "soon"},
                new String[] {"admin", "--org"}, new String[] {"admin", "member"})) {
            ByteArrayOutputStream badOut = new ByteArrayOutputStream();
            ByteArrayOutputStream badErr = new ByteArrayOutputStream();
            assertEquals(2, TokenCommand.run(bad, new PrintStream(badOut), new PrintStream(badErr), keys), String.join(" ", bad));
            assertEquals("", badOut.toString());
            assertTrue(badErr.toString().contains("usage: token ROLE"));
        }
    }

    private static JwtConsumer consumer(PublicKey key) {
        return new JwtConsumerBuilder()
                .setVerificationKey(key)
                .setExpectedIssuer(LocalDefaults.ISSUER)
                .setExpectedAudience(LocalDefaults.AUDIENCE)
                .setRequireExpirationTime()
                .setRequireSubject()
                .build();
    }
}
