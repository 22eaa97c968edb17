package dev.spool.bootstrap.http;

import static dev.spool.bootstrap.http.TestServer.faculty;
import static dev.spool.bootstrap.http.TestServer.tokenBuilder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.adapter.llm.SimulatorSettings;
import dev.spool.bootstrap.http.ApiClient.Reply;
import io.jsonwebtoken.Jwts;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The auth matrix: each kind of bad credential is refused with 401, each misuse with 403. */
class AuthIT {
  private static final String BATCHES = "/api/v1/generation/batch";
  private static TestServer server;
  private static ApiClient api;
  private final UUID user = UUID.randomUUID();

  @BeforeAll
  static void start() {
    server =
        TestServer.start(
            SimulatorSettings.defaults().withLatency(Duration.ofMillis(100), Duration.ZERO));
    api = server.api();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private void refused(Reply reply) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(401);
    assertThat(reply.errorCode()).isEqualTo("UNAUTHORIZED");
    assertThat(reply.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
  }

  @Test
  void a_valid_token_is_accepted() {
    assertThat(api.get(BATCHES, faculty(user)).status()).isEqualTo(200);
  }

  @Test
  void no_token_and_a_header_that_is_not_bearer_are_refused() {
    refused(api.get(BATCHES, null));
    refused(api.send("GET", BATCHES, null, null, Map.of("Authorization", "Basic dXNlcjpwYXNz")));
    refused(api.send("GET", BATCHES, null, null, Map.of("Authorization", "Bearer")));
  }

  @Test
  void a_malformed_token_is_refused() {
    refused(api.get(BATCHES, "not-a-jwt"));
    refused(api.get(BATCHES, "a.b.c"));
  }

  @Test
  void a_bad_signature_is_refused() {
    String token =
        tokenBuilder(user, "faculty")
            .signWith(
                new SecretKeySpec(
                    "another-secret-that-is-long-enough-000000".getBytes(StandardCharsets.UTF_8),
                    "HmacSHA256"),
                Jwts.SIG.HS256)
            .compact();
    refused(api.get(BATCHES, token));
    String valid = faculty(user);
    String tampered =
        valid.substring(0, valid.lastIndexOf('.') + 1)
            + "AAAA"
            + valid.substring(valid.lastIndexOf('.') + 5);
    refused(api.get(BATCHES, tampered));
  }

  @Test
  void an_unsigned_alg_none_token_is_refused() {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header = b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
    String claims =
        b64.encodeToString(
            ("{\"sub\":\"%s\",\"roles\":[\"faculty\"],\"iss\":\"%s\",\"aud\":\"%s\"}"
                    .formatted(user, TestServer.ISSUER, TestServer.AUDIENCE))
                .getBytes(StandardCharsets.UTF_8));
    refused(api.get(BATCHES, header + "." + claims + "."));
  }

  @Test
  void a_token_signed_with_another_algorithm_is_refused() throws Exception {
    var rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    String rs256 =
        tokenBuilder(user, "faculty").signWith(rsa.generateKeyPair().getPrivate()).compact();
    String hs512 =
        tokenBuilder(user, "faculty")
            .signWith(
                new SecretKeySpec(
                    (TestServer.SECRET + TestServer.SECRET).getBytes(StandardCharsets.UTF_8),
                    "HmacSHA512"),
                Jwts.SIG.HS512)
            .compact();
    refused(api.get(BATCHES, rs256));
    refused(api.get(BATCHES, hs512));
  }

  @Test
  void an_expired_token_is_refused() {
    Instant past = Instant.now().minus(Duration.ofHours(2));
    String token =
        tokenBuilder(user, "faculty")
            .issuedAt(Date.from(past))
            .expiration(Date.from(past.plus(Duration.ofMinutes(30))))
            .signWith(key(), Jwts.SIG.HS256)
            .compact();
    refused(api.get(BATCHES, token));
  }

  @Test
  void a_token_that_is_not_valid_yet_is_refused() {
    String token =
        tokenBuilder(user, "faculty")
            .notBefore(Date.from(Instant.now().plus(Duration.ofMinutes(10))))
            .signWith(key(), Jwts.SIG.HS256)
            .compact();
    refused(api.get(BATCHES, token));
  }

  @Test
  void the_wrong_issuer_or_audience_is_refused() {
    String issuer =
        tokenBuilder(user, "faculty")
            .issuer("https://evil.test")
            .signWith(key(), Jwts.SIG.HS256)
            .compact();
    String audience =
        tokenBuilder(user, "faculty")
            .audience()
            .single("someone-else")
            .signWith(key(), Jwts.SIG.HS256)
            .compact();
    refused(api.get(BATCHES, issuer));
    refused(api.get(BATCHES, audience));
  }

  @Test
  void a_subject_that_is_not_a_user_id_is_refused() {
    String token =
        tokenBuilder(user, "faculty").subject("alice").signWith(key(), Jwts.SIG.HS256).compact();
    refused(api.get(BATCHES, token));
  }

  @Test
  void a_second_spelling_of_the_same_uuid_is_another_subject_and_is_refused() {
    UUID aliased = UUID.fromString("00000001-0001-0001-0001-000000000001");
    assertThat(api.get(BATCHES, faculty(aliased)).status()).isEqualTo(200);

    refused(
        api.get(
            BATCHES,
            tokenBuilder(aliased, "faculty")
                .subject("1-1-1-1-1")
                .signWith(key(), Jwts.SIG.HS256)
                .compact()));
  }

  @Test
  void a_token_that_never_expires_or_expires_in_the_year_33000_is_refused() {
    String forever =
        tokenBuilder(user, "faculty").expiration(null).signWith(key(), Jwts.SIG.HS256).compact();
    String farFuture =
        tokenBuilder(user, "faculty")
            .expiration(new Date(978_307_200_000_000L))
            .signWith(key(), Jwts.SIG.HS256)
            .compact();
    refused(api.get(BATCHES, forever));
    refused(api.get(BATCHES, farFuture));
  }

  @Test
  void the_role_may_come_as_a_single_role_claim() {
    String token =
        tokenBuilder(user)
            .claims(Map.of("role", "faculty"))
            .signWith(key(), Jwts.SIG.HS256)
            .compact();
    assertThat(api.post(BATCHES, token, Bodies.generation(1, 1)).status()).isEqualTo(201);
  }

  @Test
  void a_token_in_the_url_is_not_accepted() {
    refused(api.get(BATCHES + "?access_token=" + faculty(user), null));
    refused(api.get(BATCHES + "?token=" + faculty(user), null));
  }

  @Test
  void a_stream_ticket_serves_every_reconnect_of_its_own_batch_s_stream_only() {
    String owner = faculty(user);
    String id = api.post(BATCHES, owner, Bodies.generation(50, 1)).data().get("batchId").asText();
    String other =
        api.post(BATCHES, owner, Bodies.generation(50, 1)).data().get("batchId").asText();
    Reply issued = api.post(BATCHES + "/" + id + "/stream-ticket", owner, null);
    String ticket = issued.data().get("ticket").asText();
    Reply misused = api.post(BATCHES + "/" + other + "/stream-ticket", owner, null);
    String forOther = misused.data().get("ticket").asText();

    try (SseStream first =
        SseStream.open(api, BATCHES + "/" + id + "/progress?ticket=" + ticket, Map.of())) {
      assertThat(first.status()).isEqualTo(200);
      first.await(e -> e.name().equals("batch.progress"), Duration.ofSeconds(5));
    }
    try (SseStream reconnected =
        SseStream.open(api, BATCHES + "/" + id + "/progress?ticket=" + ticket, Map.of())) {
      assertThat(reconnected.status())
          .as("an EventSource reconnects to the same URL")
          .isEqualTo(200);
      reconnected.await(e -> e.name().equals("batch.progress"), Duration.ofSeconds(5));
    }
    refused(api.get(BATCHES + "/" + id + "/progress?ticket=" + forOther, null));
    refused(api.get(BATCHES + "/" + other + "/progress?ticket=" + forOther, null));
    refused(api.get(BATCHES + "/" + id + "/progress?ticket=made-up", null));
    assertThat(issued.status()).isEqualTo(201);
    api.post(BATCHES + "/" + id + "/cancel", owner, null);
    api.post(BATCHES + "/" + other + "/cancel", owner, null);
  }

  private static SecretKeySpec key() {
    return new SecretKeySpec(TestServer.SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }
}
