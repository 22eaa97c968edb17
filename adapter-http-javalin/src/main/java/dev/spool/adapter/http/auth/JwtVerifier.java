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
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Verifies bearer tokens with jjwt and turns them into an {@link Actor}. The algorithm is pinned to
 * the configured key, so {@code alg=none} and HS/RS confusion are refused; {@code exp} and {@code
 * nbf} are checked with a small skew; issuer and audience when configured. Every token must expire
 * ({@code exp}, a number) within the configured maximum lifetime, and may not claim to be issued in
 * the future. The subject is the user id as a canonical lowercase UUID, compared exactly, so two
 * spellings of one UUID can't act as one user; roles are read as {@link RoleClaims} says.
 */
public final class JwtVerifier {
  private final JwtParser parser;
  private final JwtSettings settings;
  private final Clock clock;

  public JwtVerifier(JwtSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    var builder =
        Jwts.parser()
            .json(new StrictClaimsReader())
            .keyLocator(
                switch (settings.keys()) {
                  case KeySource.Pinned pinned -> pinned(pinned);
                  case KeySource.Remote remote -> new RemoteKeys(remote);
                })
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
    if (claims.get(StrictClaimsReader.NOT_A_NUMBER) instanceof String time) {
      throw new Unauthenticated(
          "the token's " + time + " claim must be a number (seconds since 1970)");
    }
    checkTimes(claims);
    return new Actor(subject(claims), settings.roles().read(claims));
  }

  /** A token must expire, within the maximum lifetime, and must not be issued in the future. */
  private void checkTimes(Claims claims) {
    Date expiration = claims.getExpiration();
    if (expiration == null) {
      throw new Unauthenticated("the token must have an expiry (exp)");
    }
    Instant now = clock.instant();
    Instant exp = expiration.toInstant();
    Duration longest = settings.maxLifetime().plus(settings.clockSkew());
    if (Duration.between(now, exp).compareTo(longest) > 0) {
      throw new Unauthenticated(
          "the token's exp is further away than the longest lifetime allowed ("
              + settings.maxLifetime()
              + ")");
    }
    Date issued = claims.getIssuedAt();
    if (issued != null) {
      Instant iat = issued.toInstant();
      if (iat.isAfter(now.plus(settings.clockSkew()))) {
        throw new Unauthenticated("the token's iat is in the future");
      }
      if (Duration.between(iat, exp).compareTo(longest) > 0) {
        throw new Unauthenticated(
            "the token lives longer than allowed (" + settings.maxLifetime() + ")");
      }
    }
  }

  private static Locator<Key> pinned(KeySource.Pinned pinned) {
    return (Header header) -> {
      if (!pinned.algorithm().equals(header.getAlgorithm())) {
        throw new UnsupportedJwtException("tokens must be signed with " + pinned.algorithm());
      }
      return pinned.key();
    };
  }

  private static UserId subject(Claims claims) {
    String subject = String.valueOf(claims.getSubject());
    try {
      UUID id = UUID.fromString(subject);
      if (id.toString().equals(subject)) {
        return new UserId(id);
      }
    } catch (IllegalArgumentException e) {
      // refused below
    }
    throw new Unauthenticated(
        "the token's subject must be a user id: a UUID in canonical lowercase form");
  }
}
