package dev.spool.adapter.http.auth;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.jsonwebtoken.io.AbstractDeserializer;
import java.io.Reader;
import java.util.Map;

/**
 * Reads a token's header and claims as JSON for jjwt, marking what jjwt would coerce: the time
 * claims ({@code exp}, {@code iat}, {@code nbf}) must be JSON numbers, as RFC 7519 says, not
 * strings that happen to parse as dates. A time claim of another type is taken out and named in
 * {@link #NOT_A_NUMBER}, for the verifier to refuse with that name (jjwt would not pass an
 * exception's reason on). No member may appear twice.
 */
final class StrictClaimsReader extends AbstractDeserializer<Map<String, ?>> {
  /** The member that names a time claim that was not a number. */
  static final String NOT_A_NUMBER = "spool:time-claim-not-a-number";

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  @Override
  protected Map<String, ?> doDeserialize(Reader reader) throws Exception {
    Map<String, Object> members = JSON.readValue(reader, MAP);
    if (members.containsKey(NOT_A_NUMBER)) {
      throw new IllegalArgumentException("a reserved member");
    }
    for (String time : new String[] {"exp", "iat", "nbf"}) {
      Object value = members.get(time);
      if (value != null && !(value instanceof Number)) {
        members.remove(time);
        members.put(NOT_A_NUMBER, time);
      }
    }
    return members;
  }
}
