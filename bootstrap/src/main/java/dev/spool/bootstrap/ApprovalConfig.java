package dev.spool.bootstrap;

import dev.spool.application.model.ApprovalPolicy;
import dev.spool.domain.money.Money;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * Which batches that ask for approval may skip it: {@code SPOOL_APPROVAL_SKIP_BELOW_ITEMS} (a batch
 * of fewer items runs at once; 0, the default, lets none skip by size) and {@code
 * SPOOL_APPROVAL_SKIP_BELOW_USD} (a batch whose projected cost, its items times a first call's
 * price, is below this runs at once; unset, none skips by cost).
 */
final class ApprovalConfig {
  private ApprovalConfig() {}

  /**
   * @throws ConfigurationError naming the first variable that is wrong
   */
  static ApprovalPolicy fromEnvironment(Map<String, String> environment) {
    Env env = new Env(environment);
    int items = (int) env.whole("SPOOL_APPROVAL_SKIP_BELOW_ITEMS", 0, 1_000_000, 0);
    Optional<Money> cost =
        env.text("SPOOL_APPROVAL_SKIP_BELOW_USD")
            .map(text -> {
              try {
                BigDecimal usd = new BigDecimal(text);
                if (usd.signum() > 0) {
                  return Money.usd(usd);
                }
              } catch (RuntimeException e) {
                // reported below
              }
              throw new ConfigurationError(
                  "SPOOL_APPROVAL_SKIP_BELOW_USD",
                  "must be an amount of dollars above 0, such as 1.00, was '" + text + "'");
            });
    return new ApprovalPolicy(items, cost);
  }
}
