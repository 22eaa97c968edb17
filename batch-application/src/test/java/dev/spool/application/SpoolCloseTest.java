package dev.spool.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.application.fake.InMemorySpool;
import dev.spool.application.fake.ScriptedGenerator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpoolCloseTest {
  private final InMemorySpool fakes = new InMemorySpool();
  private final List<String> closed = new ArrayList<>();

  private AutoCloseable named(String name) {
    return () -> closed.add(name);
  }

  @Test
  void closing_a_spool_closes_what_it_owns_last_registered_first() {
    Spool spool =
        Spool.builder(fakes.ports(new ScriptedGenerator()))
            .closing(named("store"))
            .closing(named("pool"))
            .build();
    spool.start();

    spool.close();

    assertThat(closed).containsExactly("pool", "store");
  }

  @Test
  void a_resource_that_fails_to_close_does_not_keep_the_others_open() {
    Spool spool =
        Spool.builder(fakes.ports(new ScriptedGenerator()))
            .closing(named("store"))
            .closing(() -> {
              throw new java.io.IOException("disk gone");
            })
            .build();

    assertThatThrownBy(spool::close)
        .isInstanceOf(IllegalStateException.class)
        .hasRootCauseMessage("disk gone");
    assertThat(closed).containsExactly("store");
  }
}
