-- Money and per-owner quotas (issue 21). Amounts are nano-dollars (billionths of a dollar), as the
-- domain's Money counts them, so sums over millions of calls stay exact.

-- A batch's budget, what its settled attempts cost, and the estimates its attempts in flight hold.
-- charged_calls counts the attempts that cost something: spent / charged_calls is the estimate a
-- claim reserves for the next attempt.
ALTER TABLE batch_jobs
    ADD COLUMN budget_nanos   bigint CHECK (budget_nanos >= 0),
    ADD COLUMN spent_nanos    bigint NOT NULL DEFAULT 0,
    ADD COLUMN reserved_nanos bigint NOT NULL DEFAULT 0,
    ADD COLUMN charged_calls  bigint NOT NULL DEFAULT 0,
    ADD COLUMN pause_reason   text CHECK (pause_reason IN ('requested', 'budget_exhausted'));

UPDATE batch_jobs SET pause_reason = 'requested' WHERE status = 'paused';

-- What an item's attempts cost, and the estimate its attempt in flight holds.
ALTER TABLE batch_items
    ADD COLUMN cost_nanos     bigint NOT NULL DEFAULT 0,
    ADD COLUMN reserved_nanos bigint NOT NULL DEFAULT 0;

-- An owner's limits, all optional: items in flight, calls per second (a token bucket of one
-- second's burst, refilled by the database clock), and a budget per calendar month (UTC).
ALTER TABLE owner_shares
    ADD COLUMN max_in_flight        integer CHECK (max_in_flight > 0),
    ADD COLUMN calls_per_second     double precision CHECK (calls_per_second > 0),
    ADD COLUMN monthly_budget_nanos bigint CHECK (monthly_budget_nanos >= 0),
    ADD COLUMN call_tokens          double precision NOT NULL DEFAULT 0,
    ADD COLUMN call_tokens_at       timestamptz NOT NULL DEFAULT '2000-01-01 00:00:00+00',
    ADD COLUMN reserved_nanos       bigint NOT NULL DEFAULT 0;

-- What each owner spent per calendar month.
CREATE TABLE owner_spend (
    user_id     uuid   NOT NULL,
    month       date   NOT NULL,
    spent_nanos bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (user_id, month)
);
