package dev.spool.clientit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay in front of a server that cuts its first {@code cuts} connections mid-stream: after
 * {@code framesPerConnection} Server-Sent Events frames (each ending with a blank line) it passes a
 * few bytes of the next frame and closes both sides, as a dropped network would. The client sees a
 * torn frame and a dead socket; it is not told anything else.
 */
final class CuttingRelay implements AutoCloseable {
  private static final int TORN_BYTES = 3;

  private final ServerSocket listener;
  private final InetSocketAddress target;
  private final int framesPerConnection;
  private final int cutsWanted;
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger cuts = new AtomicInteger();
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

  CuttingRelay(int targetPort, int framesPerConnection, int cuts) throws IOException {
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
    this.framesPerConnection = framesPerConnection;
    this.cutsWanted = cuts;
    threads.submit(this::accept);
  }

  int port() {
    return listener.getLocalPort();
  }

  int cuts() {
    return cuts.get();
  }

  int connections() {
    return connections.get();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket();
        server.connect(target);
        boolean cut = connections.incrementAndGet() <= cutsWanted;
        threads.submit(
            () -> pump(client.getInputStream(), server.getOutputStream(), client, server));
        threads.submit(
            () -> down(server.getInputStream(), client.getOutputStream(), cut, client, server));
      } catch (IOException e) {
        // the relay is closing, or one connection failed to open; the client retries
      }
    }
  }

  private static Void pump(InputStream in, OutputStream out, Socket a, Socket b) {
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException gone) {
      // the other direction closed it
    }
    closeQuietly(a, b);
    return null;
  }

  /** Server to client: counts frames and, on a connection to cut, tears one and hangs up. */
  private Void down(InputStream in, OutputStream out, boolean cut, Socket a, Socket b) {
    byte[] buffer = new byte[8192];
    int frames = 0;
    int torn = -1;
    byte previous = 0;
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        int pass = n;
        for (int i = 0; cut && i < n; i++) {
          if (torn >= 0 && ++torn > TORN_BYTES) {
            pass = i;
            break;
          }
          if (torn < 0
              && previous == '\n'
              && buffer[i] == '\n'
              && ++frames == framesPerConnection) {
            torn = 0;
          }
          previous = buffer[i];
        }
        out.write(buffer, 0, pass);
        out.flush();
        if (pass < n) {
          cuts.incrementAndGet();
          break;
        }
      }
    } catch (IOException gone) {
      // the client or the server hung up
    }
    closeQuietly(a, b);
    return null;
  }

  private static void closeQuietly(Socket... sockets) {
    for (Socket socket : sockets) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // already closed
      }
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    threads.shutdownNow();
  }
}
