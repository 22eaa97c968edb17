package dev.spool.application.port.out;

import java.util.function.Supplier;

/**
 * The transaction boundary. Store and event-log calls made inside {@code work} commit together or
 * not at all; a nested call joins the transaction already open on this thread.
 */
public interface Transactions {

  <T> T inTransaction(Supplier<T> work);

  default void run(Runnable work) {
    inTransaction(() -> {
      work.run();
      return null;
    });
  }
}
