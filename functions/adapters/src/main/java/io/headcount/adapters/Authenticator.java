package io.headcount.adapters;

import io.headcount.domain.Caller;
import io.headcount.domain.Role;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Verifies bearer tokens: RS256 or ES256 signature against the configured public key or JWKS, issuer, audience,
 * expiry and not-before. Anything else, {@code alg: none} and HMAC included, is refused.
 */
@ApplicationScoped
public class Authenticator {
    private final JWTParser parser;

    public Authenticator(
            @ConfigProperty(name = "headcount.jwt.issuer") String issuer,
            @ConfigProperty(name = "headcount.jwt.audience") String audience,
            @ConfigProperty(name = "headcount.jwt.public-key") Optional<String> publicKey,
            @ConfigProperty(name = "headcount.jwt.public-key-location") Optional<String> publicKeyLocation) {
        JWTAuthContextInfo context = new JWTAuthContextInfo();
        publicKey.ifPresent(context::setPublicKeyContent);
        publicKeyLocation.ifPresent(context::setPublicKeyLocation);
        if (publicKey.isEmpty() && publicKeyLocation.isEmpty()) {
            throw new IllegalStateException("set headcount.jwt.public-key or headcount.jwt.public-key-location");
        }
        context.setIssuedBy(issuer);
        context.setExpectedAudience(Set.of(audience));
        context.setSignatureAlgorithm(EnumSet.of(SignatureAlgorithm.RS256, SignatureAlgorithm.ES256));
        context.setRequireNamedPrincipal(true);
        this.parser = new DefaultJWTParser(context);
    }

    /** The caller named by an {@code Authorization: Bearer ...} header, or 401. */
    public Caller authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw unauthorized("a bearer token is required");
        }
        JsonWebToken token;
        try {
            token = parser.parse(authorization.substring(7).trim());
        } catch (ParseException | RuntimeException e) {
            throw unauthorized("the token is invalid or expired");
        }
        Object org = token.getClaim("org");
        Set<Role> roles = token.getGroups() == null ? Set.of() : token.getGroups().stream()
                .map(Role::fromClaim)
                .flatMap(Optional::stream)
                .collect(Collectors.toSet());
        return new Caller(token.getSubject(), text(org), roles);
    }

    /** Custom claims may come back as JSON-P values; a JsonString's toString() would keep its quotes. */
    private static String text(Object claim) {
        if (claim instanceof jakarta.json.JsonString json) {
            return json.getString();
        }
        return claim instanceof String s ? s : null;
    }

    private static ApiError unauthorized(String message) {
        return new ApiError(ErrorCode.UNAUTHORIZED, message);
    }
}
