package dev.spool.bootstrap.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.adapter.http.auth.JwtSettings;
import dev.spool.adapter.http.auth.RoleClaims;
import dev.spool.adapter.llm.SimulatorSettings;
import dev.spool.bootstrap.http.Bodies;
import dev.spool.bootstrap.http.TestServer;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The page signs in through a real OpenID Connect provider (NAV's mock-oauth2-server) with the
 * Authorization Code flow and PKCE, in headless Chromium: the redirect, the callback, the batch
 * list as the signed-in user, and sign-out through the provider.
 */
class WebSignInIT {
  private static MockOAuth2Server idp;
  private static TestServer server;
  private Browser browser;

  @BeforeAll
  static void start() {
    idp = new MockOAuth2Server();
    idp.start();
    String issuer = idp.issuerUrl("campus").toString();
    server =
        TestServer.start(
            SimulatorSettings.instant(5),
            Optional.empty(),
            Map.of("SPOOL_OIDC_ISSUER", issuer, "SPOOL_OIDC_CLIENT_ID", "spool-web"),
            JwtSettings.oidc(URI.create(issuer))
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

  @BeforeEach
  void openBrowser() {
    browser = Browser.start();
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.screenshot("end-of-oidc-sign-in");
      browser.close();
    }
  }

  @Test
  void a_faculty_member_signs_in_at_the_identity_provider_sees_their_batches_and_signs_out()
      throws Exception {
    String user = UUID.randomUUID().toString();
    String token =
        idp.issueToken(
                "campus",
                user,
                "spool-web",
                Map.of("realm_access", Map.of("roles", List.of("Faculty"))))
            .serialize();
    String mine =
        server
            .api()
            .post("/api/v1/generation/batch", token, Bodies.generation(2, 1))
            .data()
            .get("batchId")
            .asText();
    idp.enqueueCallback(
        new DefaultOAuth2TokenCallback(
            "campus",
            user,
            "JWT",
            List.of("spool-web"),
            Map.of("realm_access", Map.of("roles", List.of("Faculty")), "name", "Ada Lovelace")));

    browser.open(server.api().base() + "/");
    browser.awaitElement("#sign-in-idp").click();

    browser.awaitElement("tr[data-batch-id='" + mine + "']");
    assertThat(browser.driver().getCurrentUrl())
        .as("the code left the address bar")
        .doesNotContain("code=")
        .doesNotContain("state=");
    browser.awaitText("#user-name", "Ada Lovelace");
    Object stored =
        browser.script(
            "return [localStorage.length, sessionStorage.getItem('spool.token') !== null]");
    assertThat(stored.toString()).isEqualTo("[0, true]");
    browser.screenshot("oidc-signed-in");

    browser.find("#sign-out").click();
    browser.awaitElement("#sign-in-idp");
    assertThat(browser.script("return sessionStorage.getItem('spool.token')")).isNull();
  }
}
