package dev.spool.adapter.http.auth;

import java.net.URI;
import java.security.Key;
import java.time.Duration;
import java.util.Objects;

/** Where the keys that sign tokens come from. */
public sealed interface KeySource {

  /** One key, and the one algorithm it allows. */
  record Pinned(Key key, String algorithm) implements KeySource {
    public Pinned {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(algorithm, "algorithm");
    }
  }

  /**
   * An identity provider's published keys, chosen by each token's {@code kid}.
   *
   * @param location the JWKS URL, or with {@code discover} the issuer whose discovery document
   *     names it
   * @param cacheFor how long a fetched key set is used before it is fetched again
   * @param refreshAtMostEvery the most often an unknown {@code kid} makes Spool fetch the set:
   *     tokens with forged kids cannot make it hammer the provider
   * @param outageTolerance how long the last key set fetched stays in use while the provider's keys
   *     cannot be fetched, counted from that fetch; zero for not at all
   */
  record Remote(
      URI location,
      boolean discover,
      Duration cacheFor,
      Duration refreshAtMostEvery,
      Duration outageTolerance)
      implements KeySource {
    public static final Duration DEFAULT_CACHE = Duration.ofMinutes(10);
    public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(30);

    /**
     * A day: signed-in users keep working through an identity provider's overnight outage, and a
     * key the provider withdrew while it could not be reached is still refused after a day.
     */
    public static final Duration DEFAULT_OUTAGE_TOLERANCE = Duration.ofDays(1);

    public Remote {
      Objects.requireNonNull(location, "location");
      Objects.requireNonNull(cacheFor, "cacheFor");
      Objects.requireNonNull(refreshAtMostEvery, "refreshAtMostEvery");
      Objects.requireNonNull(outageTolerance, "outageTolerance");
      if (outageTolerance.isNegative()) {
        throw new IllegalArgumentException("outageTolerance must not be negative");
      }
    }

    /** The provider's keys at {@code location}, with the default times. */
    public Remote(URI location, boolean discover) {
      this(location, discover, DEFAULT_CACHE, DEFAULT_REFRESH, DEFAULT_OUTAGE_TOLERANCE);
    }

    public Remote withTimes(Duration cacheFor, Duration refreshAtMostEvery) {
      return new Remote(location, discover, cacheFor, refreshAtMostEvery, outageTolerance);
    }

    public Remote withOutageTolerance(Duration tolerance) {
      return new Remote(location, discover, cacheFor, refreshAtMostEvery, tolerance);
    }
  }
}
