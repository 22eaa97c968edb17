package dev.spool.adapter.http.auth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * How tokens are verified: one key and the one algorithm it allows (HS256 for a shared secret,
 * RS256 for an RSA key, ES256 for an EC key), or an identity provider's published keys (JWKS,
 * directly or through OpenID Connect discovery); plus issuer and audience checks, and where the
 * roles are.
 *
 * @param clockSkew how far {@code exp}, {@code nbf} and {@code iat} may be off
 * @param maxLifetime the furthest a token's {@code exp} may lie from now, and from its {@code iat}
 */
public record JwtSettings(
    KeySource keys,
    Optional<String> issuer,
    Optional<String> audience,
    Duration clockSkew,
    Duration maxLifetime,
    RoleClaims roles) {
  public static final int MIN_SECRET_BYTES = 32;
  public static final Duration DEFAULT_SKEW = Duration.ofSeconds(30);

  /** Long enough for the dev-mode token (30 days); an identity provider's are far shorter. */
  public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofDays(30);

  public JwtSettings {
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(roles, "roles");
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(audience, "audience");
    Objects.requireNonNull(clockSkew, "clockSkew");
    Objects.requireNonNull(maxLifetime, "maxLifetime");
    if (maxLifetime.isNegative() || maxLifetime.isZero()) {
      throw new IllegalArgumentException("the longest token lifetime must be positive");
    }
  }

  /**
   * A shared HS256 secret.
   *
   * @throws IllegalArgumentException if it is shorter than 32 bytes
   */
  public static JwtSettings secret(String secret) {
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    if (bytes.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException(
          "the secret must be at least " + MIN_SECRET_BYTES + " bytes, was " + bytes.length);
    }
    SecretKey key = new SecretKeySpec(bytes, "HmacSHA256");
    return of(new KeySource.Pinned(key, "HS256"));
  }

  /**
   * A PEM public key ({@code -----BEGIN PUBLIC KEY-----}): RSA for RS256, or EC P-256 for ES256.
   *
   * @throws IllegalArgumentException if it is not such a key
   */
  public static JwtSettings publicKey(String pem) {
    PublicKey key = parse(pem);
    String algorithm =
        switch (key) {
          case RSAPublicKey rsa when rsa.getModulus().bitLength() >= 2048 -> "RS256";
          case RSAPublicKey rsa ->
              throw new IllegalArgumentException("an RSA key must have at least 2048 bits");
          case ECPublicKey ec when ec.getParams().getCurve().getField().getFieldSize() == 256 ->
              "ES256";
          default -> throw new IllegalArgumentException("only RSA and EC P-256 keys are supported");
        };
    return of(new KeySource.Pinned(key, algorithm));
  }

  /**
   * An OpenID Connect provider: its keys are found through {@code
   * <issuer>/.well-known/openid-configuration}'s {@code jwks_uri}, and tokens must name it, exactly
   * as given (with or without its trailing slash, as the provider writes it), as {@code iss}.
   */
  public static JwtSettings oidc(URI issuer) {
    return of(new KeySource.Remote(issuer, true)).withIssuer(Optional.of(issuer.toString()));
  }

  /** A JSON Web Key Set at {@code jwks}, such as an identity provider's {@code jwks_uri}. */
  public static JwtSettings jwks(URI jwks) {
    return of(new KeySource.Remote(jwks, false));
  }

  private static JwtSettings of(KeySource keys) {
    return new JwtSettings(
        keys,
        Optional.empty(),
        Optional.empty(),
        DEFAULT_SKEW,
        DEFAULT_MAX_LIFETIME,
        RoleClaims.DEFAULT);
  }

  public JwtSettings withIssuer(Optional<String> issuer) {
    return new JwtSettings(keys, issuer, audience, clockSkew, maxLifetime, roles);
  }

  public JwtSettings withAudience(Optional<String> audience) {
    return new JwtSettings(keys, issuer, audience, clockSkew, maxLifetime, roles);
  }

  public JwtSettings withMaxLifetime(Duration maxLifetime) {
    return new JwtSettings(keys, issuer, audience, clockSkew, maxLifetime, roles);
  }

  public JwtSettings withRoles(RoleClaims roles) {
    return new JwtSettings(keys, issuer, audience, clockSkew, maxLifetime, roles);
  }

  public JwtSettings withKeys(KeySource keys) {
    return new JwtSettings(keys, issuer, audience, clockSkew, maxLifetime, roles);
  }

  private static PublicKey parse(String pem) {
    String body =
        pem.replace("-----BEGIN PUBLIC KEY-----", "")
            .replace("-----END PUBLIC KEY-----", "")
            .replaceAll("\\s", "");
    byte[] der;
    try {
      der = Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the key is not PEM (base64 between BEGIN/END lines)");
    }
    for (String type : new String[] {"RSA", "EC"}) {
      try {
        return KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(der));
      } catch (java.security.GeneralSecurityException e) {
        // try the next key type
      }
    }
    throw new IllegalArgumentException("the key is neither an RSA nor an EC public key");
  }
}
