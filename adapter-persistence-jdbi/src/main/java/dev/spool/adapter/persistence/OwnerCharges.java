package dev.spool.adapter.persistence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * What a transaction's outcome writes cost their owners this month, added to {@code owner_spend} as
 * the transaction's last statement, owners in key order.
 *
 * <p>Last, because an outcome write's transaction goes on to lock other batches (its refill claim).
 * Charged in the middle, one node held an owner's spend row while waiting for a batch that another
 * node held while waiting for the same spend row: a deadlock. Taken last, the spend rows are never
 * held while waiting for anything but each other, and those are taken in one order.
 */
final class OwnerCharges implements JdbiTransactions.AtCommit {
  private static final String CHARGE =
      """
      INSERT INTO owner_spend AS os (user_id, month, spent_nanos)
      SELECT c.user_id, %s, c.cost FROM unnest(:owners, :costs) AS c(user_id, cost)
      ORDER BY c.user_id
      ON CONFLICT (user_id, month) DO UPDATE SET spent_nanos = os.spent_nanos + excluded.spent_nanos\
      """
          .formatted(Sql.THIS_MONTH);

  private final Map<UUID, Long> nanos = new HashMap<>();

  void add(UUID owner, long cost) {
    nanos.merge(owner, cost, Math::addExact);
  }

  @Override
  public void run(Handle handle) {
    if (nanos.isEmpty()) {
      return;
    }
    List<UUID> owners = new ArrayList<>(nanos.keySet());
    List<Long> costs = owners.stream().map(nanos::get).toList();
    handle
        .createUpdate(CHARGE)
        .bind("owners", SqlArrays.of(UUID.class, owners))
        .bind("costs", SqlArrays.of(Long.class, costs))
        .execute();
  }
}
