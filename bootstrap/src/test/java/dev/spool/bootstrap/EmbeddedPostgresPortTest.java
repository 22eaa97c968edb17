package dev.spool.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The embedded PostgreSQL's port is never the one the HTTP server is about to bind. */
class EmbeddedPostgresPortTest {

  @Test
  void the_port_picked_for_postgresql_is_free_and_never_the_reserved_one() throws Exception {
    int reserved = EmbeddedPostgresServer.freePortOtherThan(0);
    for (int i = 0; i < 200; i++) {
      int picked = EmbeddedPostgresServer.freePortOtherThan(reserved);

      assertThat(picked).isNotEqualTo(reserved).isBetween(1, 65_535);
      try (var socket = new java.net.ServerSocket(picked)) {
        assertThat(socket.getLocalPort()).as("still free to bind").isEqualTo(picked);
      }
      reserved = picked; // a port just released is the likeliest to be handed out again
    }
  }
}
