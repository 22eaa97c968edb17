package dev.spool.adapter.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers (a request it refuses before Javalin sees it, such as an illegal URI)
 * in the API's JSON envelope instead of an HTML page, with no detail of the server inside.
 */
final class JsonErrorHandler extends ErrorHandler {

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback)
      throws IOException {
    String errorCode = code >= 500 ? "INTERNAL_ERROR" : "MALFORMED_REQUEST";
    String text =
        code >= 500
            ? "the server could not handle this request"
            : "the request is malformed: " + HttpStatus.getMessage(code);
    String body =
        "{\"data\":null,\"error\":{\"code\":\""
            + errorCode
            + "\",\"message\":\""
            + text.replace("\\", "\\\\").replace("\"", "\\\"")
            + "\",\"details\":[]}}";
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
  }
}
