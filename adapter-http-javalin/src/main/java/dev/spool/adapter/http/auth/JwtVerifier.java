package dev.spool.adapter.http.auth;

import dev.spool.application.port.in.Actor;
import dev.spool.domain.batch.UserId;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.Header;
import io.jsonwebtoken.IncorrectClaimException;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.Locator;
import io.jsonwebtoken.MissingClaimException;
import io.jsonwebtoken.PrematureJwtException;
import io.jsonwebtoken.UnsupportedJwtException;
import java.security.Key;
import java.time.Clock;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Verifies bearer tokens with jjwt and turns them into an {@link Actor}. The algorithm is pinned to
 * the configured key, so {@code alg=none} and HS/RS confusion are refused; {@code exp} and {@code
 * nbf} are checked with a small skew; issuer and audience when configured. The subject is the user
 * id (a UUID); roles come from a {@code role} string or a {@code roles} array.
 */
public final class JwtVerifier {
  private final JwtParser parser;

  public JwtVerifier(JwtSettings settings, Clock clock) {
    var builder =
        Jwts.parser()
            .keyLocator(pinned(settings))
            .clockSkewSeconds(settings.clockSkew().toSeconds())
            .clock(() -> Date.from(clock.instant()));
    settings.issuer().ifPresent(builder::requireIssuer);
    settings.audience().ifPresent(builder::requireAudience);
    this.parser = builder.build();
  }

  /**
   * @throws Unauthenticated saying what is wrong with the token
   */
  public Actor verify(String token) {
    Claims claims;
    try {
      claims = parser.parseSignedClaims(token).getPayload();
    } catch (ExpiredJwtException e) {
      throw new Unauthenticated("the token has expired");
    } catch (PrematureJwtException e) {
      throw new Unauthenticated("the token is not valid yet");
    } catch (IncorrectClaimException | MissingClaimException e) {
      throw new Unauthenticated("the token's " + e.getClaimName() + " claim is not accepted");
    } catch (UnsupportedJwtException e) {
      throw new Unauthenticated("the token is not a signed JWT this server accepts");
    } catch (JwtException | IllegalArgumentException e) {
      throw new Unauthenticated("the token is malformed or its signature is invalid");
    }
    return new Actor(subject(claims), roles(claims));
  }

  private static Locator<Key> pinned(JwtSettings settings) {
    return (Header header) -> {
      if (!settings.algorithm().equals(header.getAlgorithm())) {
        throw new UnsupportedJwtException("tokens must be signed with " + settings.algorithm());
      }
      return settings.key();
    };
  }

  private static UserId subject(Claims claims) {
    try {
      return new UserId(UUID.fromString(String.valueOf(claims.getSubject())));
    } catch (IllegalArgumentException e) {
      throw new Unauthenticated("the token's subject must be a user id (a UUID)");
    }
  }

  private static Set<String> roles(Claims claims) {
    Set<String> roles = new HashSet<>();
    if (claims.get("role") instanceof String role) {
      roles.add(role);
    }
    if (claims.get("roles") instanceof Collection<?> many) {
      many.stream().filter(String.class::isInstance).map(String.class::cast).forEach(roles::add);
    }
    return roles;
  }
}
