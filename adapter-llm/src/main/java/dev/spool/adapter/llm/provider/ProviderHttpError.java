package dev.spool.adapter.llm.provider;

import dev.langchain4j.exception.HttpException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A provider's non-2xx answer, with its headers: LangChain4j's own {@link HttpException} keeps only
 * the status and body, and Spool needs {@code Retry-After} and the rate-limit reset headers.
 */
final class ProviderHttpError extends HttpException {
  private final transient Map<String, List<String>> headers;

  ProviderHttpError(int status, String body, Map<String, List<String>> headers) {
    super(status, body);
    this.headers = Map.copyOf(headers);
  }

  /** The first value of {@code name}, matched without regard to case. */
  Optional<String> header(String name) {
    return headers.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
        .map(e -> e.getValue().getFirst())
        .findFirst();
  }
}
