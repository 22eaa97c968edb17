package dev.spool.bootstrap.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runnable jar as a real process on loopback: started with the given environment, its output
 * kept (and echoed with a prefix), killed with SIGKILL or stopped with SIGTERM.
 */
final class SpoolProcess implements AutoCloseable {
  static final Path JAR = Path.of("target", "spool.jar");
  private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");
  private static final Pattern EMBEDDED_PORT =
      Pattern.compile("embedded PostgreSQL running on port (\\d+)");

  /**
   * Servers still running when the test JVM exits, such as after a test timed out or the fork was
   * killed for hanging: they are killed with it rather than left behind on the machine.
   */
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly)));
  }

  private final String name;
  private final Process process;
  private final List<String> lines = new CopyOnWriteArrayList<>();

  private SpoolProcess(String name, Process process) {
    this.name = name;
    this.process = process;
    RUNNING.add(process);
    process.onExit().thenRun(() -> RUNNING.remove(process));
    Thread.ofVirtual()
        .start(() -> {
          try (BufferedReader reader =
              new BufferedReader(
                  new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            reader
                .lines()
                .forEach(line -> {
                  lines.add(line);
                  System.out.println("[" + name + "] " + line);
                });
          } catch (IOException | UncheckedIOException e) {
            // the process ended
          }
        });
  }

  /** Starts the jar and waits until it listens. */
  static SpoolProcess start(String name, Map<String, String> environment, Duration wait) {
    try {
      ProcessBuilder builder =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx512m",
                  "-jar",
                  JAR.toString())
              .redirectErrorStream(true);
      builder.environment().putAll(environment);
      SpoolProcess spool = new SpoolProcess(name, builder.start());
      spool.awaitLine(LISTENING, wait);
      return spool;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, String> environment(Path data, int port, String... more) {
    Map<String, String> env = new HashMap<>();
    env.put("SPOOL_DATA_DIR", data.toString());
    env.put("SPOOL_PORT", String.valueOf(port));
    env.put("SPOOL_JWT_SECRET", dev.spool.bootstrap.http.TestServer.SECRET);
    for (int i = 0; i < more.length; i += 2) {
      env.put(more[i], more[i + 1]);
    }
    return env;
  }

  String base() {
    return find(LISTENING).orElseThrow();
  }

  /** The port of the embedded PostgreSQL it started, if it started one. */
  int embeddedDatabasePort() {
    return Integer.parseInt(find(EMBEDDED_PORT).orElseThrow());
  }

  List<String> lines() {
    return lines;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** {@code kill -9}: no shutdown hook runs, nothing is flushed. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException(name + " did not die");
    }
  }

  private String awaitLine(Pattern pattern, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < deadline) {
      var found = find(pattern);
      if (found.isPresent()) {
        return found.get();
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited early: " + String.join("\n", lines));
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException(name + " did not print " + pattern + " within " + wait);
  }

  private java.util.Optional<String> find(Pattern pattern) {
    for (String line : lines) {
      Matcher m = pattern.matcher(line);
      if (m.find()) {
        return java.util.Optional.of(m.group(1));
      }
    }
    return java.util.Optional.empty();
  }

  /** SIGTERM, without waiting: the process drains and stops on its own. */
  void terminate() {
    process.destroy();
  }

  /** Waits up to {@code wait} for the process to exit; true if it did. */
  boolean awaitExit(Duration wait) throws InterruptedException {
    return process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Lines of its output that contain {@code text}. */
  long count(String text) {
    return lines.stream().filter(l -> l.contains(text)).count();
  }

  /** SIGTERM, then SIGKILL if it does not stop in time. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
