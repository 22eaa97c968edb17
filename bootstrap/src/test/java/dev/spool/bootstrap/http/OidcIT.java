package dev.spool.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.spool.adapter.http.auth.JwtSettings;
import dev.spool.adapter.http.auth.KeySource;
import dev.spool.adapter.http.auth.RoleClaims;
import dev.spool.adapter.llm.SimulatorSettings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tokens from a real OpenID Connect provider (NAV's mock-oauth2-server): the server finds the
 * provider's keys through discovery, checks issuer and audience, reads roles from a nested claim,
 * and does not let tokens with forged key ids make it hammer the provider. Key rotation runs
 * against a key set the test publishes and changes itself.
 */
class OidcIT {
  private static final String BATCHES = "/api/v1/generation/batch";
  private static MockOAuth2Server idp;
  private static TestServer server;
  private static String issuer;

  @BeforeAll
  static void start() {
    idp = new MockOAuth2Server();
    idp.start();
    issuer = idp.issuerUrl("institution").toString();
    server =
        TestServer.start(
            SimulatorSettings.instant(3),
            Optional.empty(),
            Map.of(),
            JwtSettings.oidc(URI.create(issuer))
                .withAudience(Optional.of("spool"))
                .withRoles(new RoleClaims(Optional.of("realm_access.roles"), "Faculty")));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (idp != null) {
      idp.shutdown();
    }
  }

  private static String token(String audience, List<String> roles, long expirySeconds) {
    return idp.issueToken(
            "institution",
            UUID.randomUUID().toString(),
            audience,
            Map.of("realm_access", Map.of("roles", roles)),
            expirySeconds)
        .serialize();
  }

  @Test
  void a_providers_token_with_the_faculty_role_in_a_nested_claim_creates_a_batch() {
    String token = token("spool", List.of("offline_access", "FACULTY"), 3600);

    var created = server.api().post(BATCHES, token, Bodies.generation(2, 1));

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(server.api().get(BATCHES, token).status()).isEqualTo(200);
  }

  @Test
  void without_the_faculty_role_a_valid_token_reads_but_cannot_create() {
    String token = token("spool", List.of("student"), 3600);

    assertThat(server.api().get(BATCHES, token).status()).isEqualTo(200);
    assertThat(server.api().post(BATCHES, token, Bodies.generation(2, 1)).status()).isEqualTo(403);
  }

  @Test
  void an_expired_token_and_one_for_another_audience_are_refused() {
    var expired = server.api().get(BATCHES, token("spool", List.of("Faculty"), -600));
    var elsewhere = server.api().get(BATCHES, token("another-app", List.of("Faculty"), 3600));

    assertThat(expired.status()).isEqualTo(401);
    assertThat(expired.json().get("error").get("message").asText()).contains("expired");
    assertThat(elsewhere.status()).isEqualTo(401);
    assertThat(elsewhere.json().get("error").get("message").asText()).contains("aud");
  }

  @Test
  void a_flood_of_forged_key_ids_does_not_flood_the_provider() throws Exception {
    // the provider's keys are known already
    assertThat(server.api().get(BATCHES, token("spool", List.of("Faculty"), 3600)).status())
        .isEqualTo(200);
    drain(); // what came before
    RSAKey forger = new RSAKeyGenerator(2048).keyID("x").generate();
    int refused = 0;
    for (int i = 0; i < 60; i++) {
      String forged =
          sign(
              forger,
              "forged-" + i,
              issuer,
              "spool",
              UUID.randomUUID().toString(),
              List.of("Faculty"));
      if (server.api().get(BATCHES, forged).status() == 401) {
        refused++;
      }
    }
    long keyFetches =
        drain().stream().filter(r -> r.getPath() != null && r.getPath().contains("jwks")).count();

    assertThat(refused).isEqualTo(60);
    assertThat(keyFetches).as("key set fetches for 60 unknown kids").isLessThanOrEqualTo(1);
  }

  @Test
  void a_rotated_in_key_works_without_a_restart_and_a_retired_one_stops_working() throws Exception {
    RSAKey old = new RSAKeyGenerator(2048).keyID("2026-old").generate();
    RSAKey fresh = new RSAKeyGenerator(2048).keyID("2026-new").generate();
    AtomicReference<JWKSet> published = new AtomicReference<>(new JWKSet(old.toPublicJWK()));
    AtomicInteger fetches = new AtomicInteger();
    HttpServer keys = keyServer(published::get, () -> false, fetches);
    String jwksIssuer = "https://idp.rotation.test";
    try (TestServer rotating = trusting(keys, jwksIssuer)) {
      String user = UUID.randomUUID().toString();
      String byOld = sign(old, old.getKeyID(), jwksIssuer, "spool", user, List.of("Faculty"));
      assertThat(rotating.api().get(BATCHES, byOld).status()).isEqualTo(200);

      published.set(new JWKSet(List.of(old.toPublicJWK(), fresh.toPublicJWK())));
      Thread.sleep(1_100);
      String byNew = sign(fresh, fresh.getKeyID(), jwksIssuer, "spool", user, List.of("Faculty"));
      assertThat(rotating.api().get(BATCHES, byNew).status())
          .as("a new kid is looked up at once")
          .isEqualTo(200);

      published.set(new JWKSet(fresh.toPublicJWK()));
      Thread.sleep(2_200);
      var retired = rotating.api().get(BATCHES, byOld);
      if (retired.status() != 401) {
        // the cached set may still hold it for the cache's lifetime: look once more after it
        Thread.sleep(1_200);
        retired = rotating.api().get(BATCHES, byOld);
      }
      assertThat(retired.status())
          .as("the retired key, once the cached set expired")
          .isEqualTo(401);
      assertThat(rotating.api().get(BATCHES, byNew).status()).isEqualTo(200);
    } finally {
      keys.stop(0);
    }
    assertThat(fetches.get()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void while_the_provider_cannot_be_reached_the_last_key_set_it_published_keeps_working()
      throws Exception {
    RSAKey key = new RSAKeyGenerator(2048).keyID("2026-key").generate();
    java.util.concurrent.atomic.AtomicBoolean down =
        new java.util.concurrent.atomic.AtomicBoolean();
    HttpServer keys =
        keyServer(() -> new JWKSet(key.toPublicJWK()), down::get, new AtomicInteger());
    String jwksIssuer = "https://idp.outage.test";
    try (TestServer tolerant = trusting(keys, jwksIssuer)) {
      String user = UUID.randomUUID().toString();
      String token = sign(key, key.getKeyID(), jwksIssuer, "spool", user, List.of("Faculty"));
      assertThat(tolerant.api().get(BATCHES, token).status()).isEqualTo(200);

      down.set(true);
      Thread.sleep(2_500); // the cached set (2 s) has expired: the next request fetches it again

      var during = tolerant.api().get(BATCHES, token);
      assertThat(during.status())
          .as("a known key during the outage: " + during.body())
          .isEqualTo(200);
      RSAKey unknown = new RSAKeyGenerator(2048).keyID("2026-unknown").generate();
      String byUnknown =
          sign(unknown, unknown.getKeyID(), jwksIssuer, "spool", user, List.of("Faculty"));
      assertThat(tolerant.api().get(BATCHES, byUnknown).status()).isEqualTo(401);

      down.set(false);
      assertThat(tolerant.api().get(BATCHES, token).status()).isEqualTo(200);
    } finally {
      keys.stop(0);
    }
  }

  /**
   * A key server on loopback that publishes {@code published} at {@code /keys}, or answers 503
   * while {@code down}; {@code fetches} counts what it was asked.
   */
  private static HttpServer keyServer(
      java.util.function.Supplier<JWKSet> published,
      java.util.function.BooleanSupplier down,
      AtomicInteger fetches)
      throws java.io.IOException {
    HttpServer keys =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    keys.createContext(
        "/keys",
        exchange -> {
          fetches.incrementAndGet();
          if (down.getAsBoolean()) {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
            return;
          }
          byte[] body = published.get().toString().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    keys.start();
    return keys;
  }

  /** A server that takes {@code issuer}'s tokens signed by a key {@code keys} publishes. */
  private static TestServer trusting(HttpServer keys, String issuer) {
    return TestServer.start(
        SimulatorSettings.instant(3),
        Optional.empty(),
        Map.of(),
        rotatingKeys(keys.getAddress().getPort())
            .withIssuer(Optional.of(issuer))
            .withAudience(Optional.of("spool"))
            .withRoles(new RoleClaims(Optional.of("realm_access.roles"), "Faculty")));
  }

  /** Every request the provider has had since the last drain. */
  private static List<RecordedRequest> drain() {
    List<RecordedRequest> requests = new ArrayList<>();
    while (true) {
      try {
        requests.add(idp.takeRequest(300, TimeUnit.MILLISECONDS));
      } catch (RuntimeException none) {
        // the provider's mock throws when no request came within the wait
        return requests;
      }
    }
  }

  /** Keys cached for 2 s and fetched again at most once a second, so the test sees them change. */
  private static JwtSettings rotatingKeys(int port) {
    JwtSettings settings = JwtSettings.jwks(URI.create("http://127.0.0.1:" + port + "/keys"));
    return settings.withKeys(
        ((KeySource.Remote) settings.keys())
            .withTimes(Duration.ofSeconds(2), Duration.ofSeconds(1)));
  }

  private static String sign(
      RSAKey key, String kid, String iss, String audience, String subject, List<String> roles)
      throws Exception {
    Instant now = Instant.now();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(),
            new JWTClaimsSet.Builder()
                .issuer(iss)
                .audience(audience)
                .subject(subject)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600)))
                .claim("realm_access", Map.of("roles", new ArrayList<>(roles)))
                .build());
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }
}
