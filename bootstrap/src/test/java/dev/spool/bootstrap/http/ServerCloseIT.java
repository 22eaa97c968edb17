package dev.spool.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.adapter.llm.SimulatorSettings;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A service that embeds the server and closes it can exit: closing leaves none of the server's
 * non-daemon threads behind (HTTP, dispatcher, MCP, webhooks, database).
 */
class ServerCloseIT {

  @Test
  void closing_the_server_leaves_no_thread_that_would_keep_the_jvm_alive() throws Exception {
    Set<Thread> before = nonDaemonThreads();
    TestServer server = TestServer.start(SimulatorSettings.instant(7));
    assertThat(server.api().get("/health/ready", null).status()).isEqualTo(200);
    assertThat(startedSince(before)).as("the running server's own threads").isNotEmpty();

    server.close();

    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!startedSince(before).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(startedSince(before))
        .as("non-daemon threads the server started that closing it did not end")
        .isEmpty();
  }

  private static java.util.List<String> startedSince(Set<Thread> before) {
    return nonDaemonThreads().stream()
        .filter(t -> !before.contains(t))
        .map(Thread::getName)
        .sorted()
        .toList();
  }

  private static Set<Thread> nonDaemonThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !t.isDaemon() && t.isAlive())
        .collect(Collectors.toSet());
  }
}
