package dev.spool.adapter.llm.provider;

import dev.spool.domain.dispatch.BatchItemError;
import dev.spool.domain.dispatch.BatchPipelineError;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a provider's failure means for Spool: a 429 waits as long as the provider asked, 5xx,
 * timeouts and dropped connections are retried, a refused request fails the item (retryably), and
 * rejected credentials or an unknown model fail the whole batch at once.
 */
final class ProviderErrors {
  static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);
  static final Duration LONGEST_RETRY_AFTER = Duration.ofMinutes(10);
  private static final int MAX_DETAIL = 300;
  private static final Pattern GO_DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");
  private static final List<String> RESET_HEADERS =
      List.of(
          "x-ratelimit-reset-requests",
          "x-ratelimit-reset-tokens",
          "anthropic-ratelimit-requests-reset",
          "anthropic-ratelimit-tokens-reset",
          "anthropic-ratelimit-input-tokens-reset",
          "anthropic-ratelimit-output-tokens-reset");

  private final String provider;
  private final String model;
  private final Optional<String> apiKey;
  private final Clock clock;

  ProviderErrors(String provider, String model, Optional<String> apiKey, Clock clock) {
    this.provider = provider;
    this.model = model;
    this.apiKey = apiKey;
    this.clock = clock;
  }

  /** The item or batch error for a failed call. */
  RuntimeException map(RuntimeException failure) {
    Optional<ProviderHttpError> http = cause(failure, ProviderHttpError.class);
    if (http.isPresent()) {
      return fromStatus(http.get());
    }
    if (cause(failure, HttpTimeoutException.class).isPresent()
        || cause(failure, dev.langchain4j.exception.TimeoutException.class).isPresent()) {
      return BatchItemError.retryable("TIMEOUT", provider + " did not answer in time");
    }
    if (cause(failure, java.net.ConnectException.class).isPresent()) {
      return BatchItemError.retryable(
          "CONNECTION_ERROR",
          provider + " could not be reached: the connection was refused or the host is down");
    }
    Optional<IOException> io = cause(failure, IOException.class);
    if (io.isPresent()) {
      return BatchItemError.retryable(
          "CONNECTION_ERROR", provider + " connection failed: " + describe(io.get()));
    }
    return BatchItemError.retryable(
        "PROVIDER_ERROR", provider + " call failed: " + describe(failure));
  }

  private RuntimeException fromStatus(ProviderHttpError error) {
    int status = error.statusCode();
    String detail = detail(error.getMessage());
    String what = provider + " answered HTTP " + status + ": " + detail;
    if (status == 401 || status == 403) {
      return new BatchPipelineError(
          provider + " refused the credentials (HTTP " + status + "): " + detail);
    }
    if (status == 404) {
      return new BatchPipelineError(
          provider + " does not know the model \"" + model + "\" (HTTP 404): " + detail);
    }
    if (status == 429 && detail.contains("insufficient_quota")) {
      return new BatchPipelineError(provider + " says the account is out of quota: " + detail);
    }
    if (status == 429) {
      return BatchItemError.rateLimited(what, retryAfter(error).orElse(DEFAULT_RETRY_AFTER));
    }
    if (status >= 500 || status == 408 || status == 409 || status == 425) {
      return new BatchItemError("PROVIDER_ERROR", what, true, retryAfter(error));
    }
    return BatchItemError.retryable("PROVIDER_REJECTED", what);
  }

  /**
   * How long the provider asked to wait: {@code retry-after-ms}, then {@code Retry-After} (seconds
   * or an HTTP date), then the longest of the providers' rate-limit reset headers.
   */
  Optional<Duration> retryAfter(ProviderHttpError error) {
    Optional<Duration> wait =
        error
            .header("retry-after-ms")
            .flatMap(ProviderErrors::number)
            .map(ms -> Duration.ofMillis(ms.longValue()))
            .or(() -> error.header("retry-after").flatMap(this::retryAfterValue))
            .or(() ->
                RESET_HEADERS.stream()
                    .flatMap(h -> error.header(h).stream())
                    .flatMap(v -> reset(v).stream())
                    .max(Duration::compareTo));
    return wait.filter(d -> !d.isNegative())
        .map(d -> d.compareTo(LONGEST_RETRY_AFTER) > 0 ? LONGEST_RETRY_AFTER : d);
  }

  private Optional<Duration> retryAfterValue(String value) {
    Optional<Double> seconds = number(value);
    if (seconds.isPresent()) {
      return Optional.of(Duration.ofMillis((long) (seconds.get() * 1000)));
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return Optional.of(Duration.between(clock.instant(), at));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** A reset header: a Go-style duration ({@code 6m0s}, {@code 20ms}) or an RFC 3339 time. */
  private Optional<Duration> reset(String value) {
    try {
      return Optional.of(Duration.between(clock.instant(), Instant.parse(value)));
    } catch (DateTimeParseException notATime) {
      Matcher m = GO_DURATION.matcher(value.trim());
      double millis = 0;
      int matched = 0;
      while (m.find()) {
        double n = Double.parseDouble(m.group(1));
        millis +=
            switch (m.group(2)) {
              case "h" -> n * 3_600_000;
              case "m" -> n * 60_000;
              case "s" -> n * 1_000;
              default -> n;
            };
        matched += m.group().length();
      }
      return matched > 0 && matched == value.trim().length()
          ? Optional.of(Duration.ofMillis((long) millis))
          : Optional.empty();
    }
  }

  private static Optional<Double> number(String value) {
    try {
      return Optional.of(Double.parseDouble(value.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The body, shortened, with the API key scrubbed should a provider ever echo it. */
  private String detail(String body) {
    String text = body == null ? "" : body.replaceAll("\\s+", " ").trim();
    if (apiKey.isPresent() && !apiKey.get().isBlank()) {
      text = text.replace(apiKey.get(), "***");
    }
    return text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) + "…" : text;
  }

  private String describe(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return detail(message);
  }

  private static <T extends Throwable> Optional<T> cause(Throwable failure, Class<T> type) {
    return Stream.iterate(failure, t -> t != null, Throwable::getCause)
        .limit(20)
        .filter(type::isInstance)
        .map(type::cast)
        .findFirst();
  }
}
