package dev.spool.application.port.out;

import dev.spool.application.model.OwnerAccount;
import dev.spool.domain.batch.UserId;
import dev.spool.domain.fairness.OwnerPolicy;
import java.time.YearMonth;
import java.util.Map;

/** Owners' policies (weights, quotas, monthly budgets) and what they spent. */
public interface OwnerAccounts {

  /**
   * Sets the policies of the owners listed, on every node; an owner not listed keeps its own. Spend
   * and fair-share clocks are kept.
   */
  void configure(Map<UserId, OwnerPolicy> policies);

  /** Where {@code owner} stands this month (UTC); the default policy for an owner never seen. */
  OwnerAccount account(UserId owner);

  /** Owners without a store of their own: the default policy, nothing spent. */
  OwnerAccounts NONE =
      new OwnerAccounts() {
        @Override
        public void configure(Map<UserId, OwnerPolicy> policies) {}

        @Override
        public OwnerAccount account(UserId owner) {
          return new OwnerAccount(
              owner,
              OwnerPolicy.DEFAULT,
              YearMonth.now(java.time.ZoneOffset.UTC),
              dev.spool.domain.money.Money.ZERO,
              dev.spool.domain.money.Money.ZERO,
              0);
        }
      };
}
