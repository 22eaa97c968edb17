package dev.spool.adapter.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spool.application.port.in.Actor;
import dev.spool.domain.SpoolException;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code /mcp} behind the API's bearer tokens: a request without a valid one gets 401 with {@code
 * WWW-Authenticate: Bearer resource_metadata="…"}, as the MCP authorization specification asks, and
 * never reaches the SDK; one with a valid token is passed on with its caller. Also serves the OAuth
 * protected-resource metadata (RFC 9728) that the header points at.
 */
final class McpServlet extends HttpServlet {
  static final String CALLER = "spool.caller";
  static final String METADATA_PATH = "/.well-known/oauth-protected-resource";
  private static final String BEARER = "bearer ";

  private final HttpServlet transport;
  private final Function<String, Actor> verifier;
  private final Optional<String> issuer;
  private final ObjectMapper json;

  McpServlet(
      HttpServlet transport,
      Function<String, Actor> verifier,
      Optional<String> issuer,
      ObjectMapper json) {
    this.transport = transport;
    this.verifier = verifier;
    this.issuer = issuer;
    this.json = json;
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse res)
      throws ServletException, IOException {
    String path = req.getRequestURI();
    if (path.startsWith(METADATA_PATH)) {
      metadata(req, res);
      return;
    }
    String header = req.getHeader("Authorization");
    if (header == null
        || header.length() <= BEARER.length()
        || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      unauthorized(req, res, "send a bearer token: Authorization: Bearer ...");
      return;
    }
    Actor actor;
    try {
      actor = verifier.apply(header.substring(BEARER.length()).trim());
    } catch (SpoolException e) {
      unauthorized(req, res, e.getMessage());
      return;
    }
    req.setAttribute(CALLER, new SpoolTools.Caller(actor, base(req)));
    transport.service(req, res);
  }

  /** Where the client reached us: the links tools return point there. */
  static String base(HttpServletRequest req) {
    String forwardedProto = req.getHeader("X-Forwarded-Proto");
    String scheme = forwardedProto != null ? forwardedProto : req.getScheme();
    String host = req.getHeader("Host");
    if (host == null || host.isBlank()) {
      host = req.getServerName() + ":" + req.getServerPort();
    }
    return scheme + "://" + host;
  }

  private void unauthorized(HttpServletRequest req, HttpServletResponse res, String message)
      throws IOException {
    res.setStatus(401);
    res.setHeader(
        "WWW-Authenticate",
        "Bearer error=\"invalid_token\", resource_metadata=\"" + base(req) + METADATA_PATH + "\"");
    res.setContentType("application/json");
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", "UNAUTHORIZED");
    error.put("message", message);
    error.put("details", List.of());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("data", null);
    body.put("error", error);
    json.writeValue(res.getOutputStream(), body);
  }

  private void metadata(HttpServletRequest req, HttpServletResponse res) throws IOException {
    if (!req.getMethod().equals("GET")) {
      res.setStatus(405);
      return;
    }
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("resource", base(req) + "/mcp");
    document.put("authorization_servers", issuer.map(List::of).orElse(List.of()));
    document.put("bearer_methods_supported", List.of("header"));
    document.put("resource_name", "Spool");
    document.put("resource_documentation", base(req) + "/openapi.json");
    res.setStatus(200);
    res.setContentType("application/json");
    res.setHeader("Cache-Control", "max-age=3600");
    json.writeValue(res.getOutputStream(), document);
  }
}
