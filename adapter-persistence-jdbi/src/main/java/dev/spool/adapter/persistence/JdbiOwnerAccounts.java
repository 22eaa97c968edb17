package dev.spool.adapter.persistence;

import dev.spool.application.model.OwnerAccount;
import dev.spool.application.port.out.OwnerAccounts;
import dev.spool.domain.batch.UserId;
import dev.spool.domain.fairness.OwnerPolicy;
import dev.spool.domain.money.Money;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/** {@link OwnerAccounts} on owner_shares and owner_spend. */
final class JdbiOwnerAccounts implements OwnerAccounts {
  private static final String UPSERT =
      """
      INSERT INTO owner_shares (user_id, weight, max_in_flight, calls_per_second,
          monthly_budget_nanos)
      VALUES (:user, :weight, :maxInFlight, :callsPerSecond, :monthlyBudget)
      ON CONFLICT (user_id) DO UPDATE SET weight = excluded.weight,
          max_in_flight = excluded.max_in_flight, calls_per_second = excluded.calls_per_second,
          monthly_budget_nanos = excluded.monthly_budget_nanos\
      """;

  private static final String ACCOUNT =
      """
      SELECT o.weight, o.max_in_flight, o.calls_per_second, o.monthly_budget_nanos,
          (SELECT coalesce(sum(reserved_nanos), 0) FROM batch_jobs b
           WHERE b.user_id = o.user_id AND b.reserved_nanos > 0) AS reserved_nanos,
          %s AS month,
          coalesce((SELECT spent_nanos FROM owner_spend s
                    WHERE s.user_id = o.user_id AND s.month = %s), 0) AS month_spent,
          (SELECT coalesce(sum(in_flight), 0) FROM batch_jobs b
           WHERE b.user_id = o.user_id AND b.in_flight > 0) AS in_flight
      FROM owner_shares o WHERE o.user_id = :user\
      """
          .formatted(Sql.THIS_MONTH, Sql.THIS_MONTH);

  private final JdbiTransactions tx;

  JdbiOwnerAccounts(JdbiTransactions tx) {
    this.tx = tx;
  }

  @Override
  public void configure(Map<UserId, OwnerPolicy> policies) {
    tx.inTransaction(() ->
        tx.withHandle(h -> {
          policies.forEach((owner, policy) ->
              h.createUpdate(UPSERT)
                  .bind("user", owner.value())
                  .bind("weight", policy.weight())
                  .bind(
                      "maxInFlight",
                      policy.maxInFlight().isPresent() ? policy.maxInFlight().getAsInt() : null)
                  .bind(
                      "callsPerSecond",
                      policy.callsPerSecond().isPresent()
                          ? policy.callsPerSecond().getAsDouble()
                          : null)
                  .bind("monthlyBudget", policy.monthlyBudget().map(Money::nanos).orElse(null))
                  .execute());
          return null;
        }));
  }

  @Override
  public OwnerAccount account(UserId owner) {
    return tx.withHandle(h ->
        h.createQuery(ACCOUNT)
            .bind("user", owner.value())
            .map((rs, ctx) -> {
              int maxInFlight = rs.getInt("max_in_flight");
              OptionalInt inFlightQuota =
                  rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(maxInFlight);
              double calls = rs.getDouble("calls_per_second");
              OptionalDouble callQuota =
                  rs.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(calls);
              Optional<Money> budget = Rows.optionalMoney(rs, "monthly_budget_nanos");
              return new OwnerAccount(
                  owner,
                  new OwnerPolicy(rs.getDouble("weight"), inFlightQuota, callQuota, budget),
                  YearMonth.from(rs.getDate("month").toLocalDate()),
                  new Money(rs.getLong("month_spent")),
                  new Money(rs.getLong("reserved_nanos")),
                  rs.getInt("in_flight"));
            })
            .findOne()
            .orElseGet(() ->
                new OwnerAccount(
                    owner,
                    OwnerPolicy.DEFAULT,
                    YearMonth.now(ZoneOffset.UTC),
                    Money.ZERO,
                    Money.ZERO,
                    0)));
  }
}
