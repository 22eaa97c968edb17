package dev.spool.adapter.http.auth;

import io.jsonwebtoken.Jwts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.crypto.SecretKey;

/**
 * Signs HS256 tokens with the shared secret: the dev-mode token printed at start-up, and tokens for
 * tests. A production deployment gets its tokens from its identity provider instead.
 */
public final class TokenIssuer {
  private final JwtSettings settings;
  private final Clock clock;

  public TokenIssuer(JwtSettings settings, Clock clock) {
    if (!(settings.keys() instanceof KeySource.Pinned pinned
        && pinned.key() instanceof SecretKey)) {
      throw new IllegalArgumentException("only a shared secret can issue tokens");
    }
    this.settings = settings;
    this.clock = clock;
  }

  public String issue(UUID user, Set<String> roles, Duration validFor) {
    Instant now = clock.instant();
    var builder =
        Jwts.builder()
            .subject(user.toString())
            .claim("roles", List.copyOf(roles))
            .issuedAt(Date.from(now))
            .expiration(Date.from(now.plus(validFor)));
    settings.issuer().ifPresent(builder::issuer);
    settings.audience().ifPresent(a -> builder.audience().add(a));
    return builder
        .signWith((SecretKey) ((KeySource.Pinned) settings.keys()).key(), Jwts.SIG.HS256)
        .compact();
  }
}
