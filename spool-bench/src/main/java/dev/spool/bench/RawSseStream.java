package dev.spool.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A lean SSE client for the fan-out benchmark: one socket, one GET, and the body decoded from
 * HTTP/1.1 chunked encoding, with nothing else. The 500 clients share two cores with the server
 * they measure, so a client that costs little leaves the server the CPU it would have on a real
 * deployment, where browsers run elsewhere; {@code java.net.http.HttpClient} spent about as much
 * CPU per event as the server did.
 */
final class RawSseStream implements AutoCloseable {
  private final Socket socket;
  private final InputStream body;

  private RawSseStream(Socket socket, InputStream body) {
    this.socket = socket;
    this.body = body;
  }

  /**
   * Opens {@code uri} with {@code token} as bearer; fails unless the answer is a 200 event stream.
   */
  static RawSseStream open(URI uri, String token) throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
      socket.setTcpNoDelay(true);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET "
                  + uri.getRawPath()
                  + " HTTP/1.1\r\nHost: "
                  + uri.getHost()
                  + ":"
                  + uri.getPort()
                  + "\r\nAuthorization: Bearer "
                  + token
                  + "\r\nAccept: text/event-stream\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
      String status = line(in);
      if (!status.startsWith("HTTP/1.1 200")) {
        throw new IOException("the stream answered " + status);
      }
      boolean chunked = false;
      boolean eventStream = false;
      for (String header = line(in); !header.isEmpty(); header = line(in)) {
        String lower = header.toLowerCase(Locale.ROOT);
        chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
        eventStream |= lower.startsWith("content-type:") && lower.contains("text/event-stream");
      }
      if (!eventStream) {
        throw new IOException("the answer is not an event stream");
      }
      return new RawSseStream(socket, chunked ? new Chunked(in) : in);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /** The decoded body: the event stream's bytes. */
  InputStream body() {
    return body;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  /** One line of the head, without its CR LF. */
  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new EOFException("the connection closed in a line");
      }
      if (b != '\r') {
        bytes.write(b);
      }
    }
    return bytes.toString(StandardCharsets.US_ASCII);
  }

  /** HTTP/1.1 chunked transfer encoding, read as the bytes it carries. */
  private static final class Chunked extends InputStream {
    private final InputStream in;
    private long left;
    private boolean started;
    private boolean ended;

    Chunked(InputStream in) {
      this.in = in;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
      if (ended) {
        return -1;
      }
      if (left == 0) {
        if (started) {
          line(in); // the CR LF that closes the chunk before
        }
        started = true;
        String size = line(in);
        int extension = size.indexOf(';');
        left = Long.parseLong((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
        if (left == 0) {
          ended = true;
          return -1;
        }
      }
      int read = in.read(into, offset, (int) Math.min(length, left));
      if (read < 0) {
        ended = true;
        return -1;
      }
      left -= read;
      return read;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }
  }
}
