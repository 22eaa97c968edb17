package dev.spool.adapter.http.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.application.port.in.Actor;
import io.jsonwebtoken.Jwts;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class JwtVerifierTest {
  private static final String SECRET = "a-shared-secret-of-at-least-32-bytes!!";
  private final Instant now = Instant.parse("2026-11-24T10:00:00Z");
  private final Clock clock = Clock.fixed(now, ZoneOffset.UTC);
  private final UUID user = UUID.randomUUID();

  private String hs256(String secret) {
    return Jwts.builder()
        .subject(user.toString())
        .claim("roles", List.of("faculty"))
        .expiration(Date.from(now.plusSeconds(600)))
        .signWith(
            new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"),
            Jwts.SIG.HS256)
        .compact();
  }

  @Test
  void a_valid_token_becomes_an_actor_with_its_subject_and_roles() {
    Actor actor = new JwtVerifier(JwtSettings.secret(SECRET), clock).verify(hs256(SECRET));

    assertThat(actor.id().value()).isEqualTo(user);
    assertThat(actor.roles()).isEqualTo(Set.of("faculty"));
  }

  @Test
  void a_secret_shorter_than_32_bytes_is_refused() {
    assertThatThrownBy(() -> JwtSettings.secret("short"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
  }

  @Test
  void an_rs256_server_refuses_an_hs256_token_signed_with_its_public_key() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();
    String pem =
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----\n";
    JwtVerifier verifier = new JwtVerifier(JwtSettings.publicKey(pem), clock);
    String confused =
        Jwts.builder()
            .subject(user.toString())
            .signWith(new SecretKeySpec(pem.getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
            .compact();
    String genuine =
        Jwts.builder()
            .subject(user.toString())
            .expiration(Date.from(now.plusSeconds(60)))
            .signWith(pair.getPrivate(), Jwts.SIG.RS256)
            .compact();

    assertThatThrownBy(() -> verifier.verify(confused)).isInstanceOf(Unauthenticated.class);
    assertThat(verifier.verify(genuine).id().value()).isEqualTo(user);
  }

  @Test
  void an_ec_p256_key_verifies_es256_tokens() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    KeyPair pair = generator.generateKeyPair();
    String pem =
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----";
    JwtSettings settings = JwtSettings.publicKey(pem);
    String token =
        Jwts.builder()
            .subject(user.toString())
            .expiration(Date.from(now.plusSeconds(60)))
            .signWith(pair.getPrivate(), Jwts.SIG.ES256)
            .compact();

    assertThat(((KeySource.Pinned) settings.keys()).algorithm()).isEqualTo("ES256");
    assertThat(new JwtVerifier(settings, clock).verify(token).id().value()).isEqualTo(user);
  }

  @Test
  void a_key_that_is_not_pem_is_refused_with_a_reason() {
    assertThatThrownBy(() -> JwtSettings.publicKey("hello"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void expiry_is_checked_with_a_small_skew() {
    String token =
        Jwts.builder()
            .subject(user.toString())
            .expiration(Date.from(now.minusSeconds(10)))
            .signWith(
                new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"),
                Jwts.SIG.HS256)
            .compact();
    JwtVerifier lenient = new JwtVerifier(JwtSettings.secret(SECRET), clock);
    JwtVerifier strict =
        new JwtVerifier(
            new JwtSettings(
                JwtSettings.secret(SECRET).keys(),
                Optional.empty(),
                Optional.empty(),
                Duration.ZERO,
                JwtSettings.DEFAULT_MAX_LIFETIME,
                RoleClaims.DEFAULT),
            clock);

    assertThat(lenient.verify(token).id().value()).isEqualTo(user);
    assertThatThrownBy(() -> strict.verify(token))
        .isInstanceOf(Unauthenticated.class)
        .hasMessageContaining("expired");
  }

  @Test
  void the_issuer_prints_tokens_the_verifier_accepts() {
    JwtSettings settings =
        JwtSettings.secret(SECRET).withIssuer(Optional.of("me")).withAudience(Optional.of("you"));
    String token =
        new TokenIssuer(settings, clock).issue(user, Set.of("faculty"), Duration.ofHours(1));

    assertThat(new JwtVerifier(settings, clock).verify(token).hasRole("faculty")).isTrue();
    assertThatThrownBy(() ->
            new JwtVerifier(JwtSettings.secret(SECRET).withIssuer(Optional.of("other")), clock)
                .verify(token))
        .isInstanceOf(Unauthenticated.class);
  }

  private String signed(java.util.Map<String, Object> claims) {
    return Jwts.builder()
        .claims(claims)
        .signWith(
            new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"),
            Jwts.SIG.HS256)
        .compact();
  }

  private java.util.Map<String, Object> validClaims() {
    java.util.Map<String, Object> claims = new java.util.HashMap<>();
    claims.put("sub", user.toString());
    claims.put("iat", now.getEpochSecond());
    claims.put("exp", now.plusSeconds(600).getEpochSecond());
    return claims;
  }

  private void refusedWith(java.util.Map<String, Object> claims, String reason) {
    JwtVerifier verifier = new JwtVerifier(JwtSettings.secret(SECRET), clock);
    assertThatThrownBy(() -> verifier.verify(signed(claims)))
        .as(claims.toString())
        .isInstanceOf(Unauthenticated.class)
        .hasMessageContaining(reason);
  }

  @Test
  void the_claims_helper_makes_a_token_the_verifier_accepts() {
    assertThat(
            new JwtVerifier(JwtSettings.secret(SECRET), clock).verify(signed(validClaims())).id())
        .isEqualTo(new dev.spool.domain.batch.UserId(user));
  }

  @Test
  void a_subject_that_only_parses_as_a_uuid_is_refused_so_two_spellings_never_alias() {
    for (String alias :
        new String[] {
          "1-1-1-1-1", user.toString().toUpperCase(java.util.Locale.ROOT), " " + user
        }) {
      var claims = validClaims();
      claims.put("sub", alias);
      refusedWith(claims, "canonical");
    }
  }

  @Test
  void a_token_without_exp_is_refused() {
    var claims = validClaims();
    claims.remove("exp");
    refusedWith(claims, "expiry");
  }

  /** jjwt's builder turns a string {@code exp} into a number, so this token is signed by hand. */
  private String handSigned(String payloadJson) throws Exception {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String signingInput =
        b64.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8))
            + "."
            + b64.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8));
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return signingInput
        + "."
        + b64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void time_claims_given_as_strings_are_refused() throws Exception {
    JwtVerifier verifier = new JwtVerifier(JwtSettings.secret(SECRET), clock);
    long exp = now.plusSeconds(600).getEpochSecond();
    long iat = now.getEpochSecond();
    String numeric = "{\"sub\":\"%s\",\"iat\":%d,\"exp\":%d}".formatted(user, iat, exp);
    assertThat(verifier.verify(handSigned(numeric)).id().value()).isEqualTo(user);

    for (String time : new String[] {"exp", "iat", "nbf"}) {
      String payload =
          "{\"sub\":\"%s\",\"iat\":%d,\"exp\":%d,\"%s\":\"%d\"}"
              .formatted(user, iat, exp, time, iat)
              .replace("\"" + time + "\":" + (time.equals("exp") ? exp : iat) + ",", "");
      assertThatThrownBy(() -> verifier.verify(handSigned(payload)))
          .as(payload)
          .isInstanceOf(Unauthenticated.class)
          .hasMessageContaining(time + " claim must be a number");
    }
  }

  @Test
  void an_exp_beyond_the_longest_lifetime_is_refused() {
    var year33000 = validClaims();
    year33000.put("exp", 978_307_200_000L); // about the year 33,000
    refusedWith(year33000, "longest lifetime");

    var longLived = validClaims();
    longLived.put("iat", now.minus(Duration.ofDays(40)).getEpochSecond());
    longLived.put("exp", now.plus(Duration.ofDays(1)).getEpochSecond());
    refusedWith(longLived, "lives longer");
  }

  @Test
  void the_longest_lifetime_is_configurable() {
    JwtVerifier hourly =
        new JwtVerifier(JwtSettings.secret(SECRET).withMaxLifetime(Duration.ofHours(1)), clock);
    var twoHours = validClaims();
    twoHours.put("exp", now.plus(Duration.ofHours(2)).getEpochSecond());

    assertThatThrownBy(() -> hourly.verify(signed(twoHours))).isInstanceOf(Unauthenticated.class);
    assertThat(hourly.verify(signed(validClaims())).id().value()).isEqualTo(user);
  }

  @Test
  void iat_in_the_future_beyond_the_skew_is_refused_and_within_it_accepted() {
    var future = validClaims();
    future.put("iat", now.plusSeconds(120).getEpochSecond());
    refusedWith(future, "iat is in the future");

    var withinSkew = validClaims();
    withinSkew.put("iat", now.plusSeconds(10).getEpochSecond());
    assertThat(
            new JwtVerifier(JwtSettings.secret(SECRET), clock)
                .verify(signed(withinSkew))
                .id()
                .value())
        .isEqualTo(user);
  }
}
