-- Spool's schema. It starts from seed 001's batch_jobs and batch_items and adds what leases,
-- idempotency, the outbox and the shared rate limiter need.

CREATE TABLE batch_jobs (
    id                uuid PRIMARY KEY,
    user_id           uuid        NOT NULL,            -- the owner (the token's subject)
    course_id         uuid        NOT NULL,
    name              text,
    config            jsonb       NOT NULL,
    status            text        NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'running', 'paused', 'completed',
                          'completed_with_errors', 'failed', 'cancelled')),
    total_items       integer     NOT NULL CHECK (total_items > 0),
    completed_items   integer     NOT NULL DEFAULT 0,
    failed_items      integer     NOT NULL DEFAULT 0,
    cancelled_items   integer     NOT NULL DEFAULT 0,
    in_flight         integer     NOT NULL DEFAULT 0,  -- across all nodes, kept under the row lock
    concurrency       integer     NOT NULL CHECK (concurrency > 0),
    -- what the batch may use now: halved on 429s, grown back by successes (AIMD)
    effective_concurrency integer NOT NULL CHECK (effective_concurrency > 0),
    success_streak    integer     NOT NULL DEFAULT 0,
    max_retries       integer     NOT NULL CHECK (max_retries >= 0),
    prompt_tokens     bigint      NOT NULL DEFAULT 0,
    completion_tokens bigint      NOT NULL DEFAULT 0,
    idempotency_key   text,
    failure_reason    text,
    version           bigint      NOT NULL DEFAULT 0,
    created_at        timestamptz NOT NULL DEFAULT now(),
    started_at        timestamptz,
    paused_at         timestamptz,
    completed_at      timestamptz,
    CONSTRAINT batch_jobs_counts_add_up CHECK (
        completed_items >= 0 AND failed_items >= 0 AND cancelled_items >= 0 AND in_flight >= 0
        AND completed_items + failed_items + cancelled_items + in_flight <= total_items),
    CONSTRAINT batch_jobs_effective_within_limit CHECK (effective_concurrency <= concurrency),
    CONSTRAINT batch_jobs_idempotency UNIQUE (user_id, idempotency_key)
);

CREATE INDEX idx_batch_jobs_user ON batch_jobs (user_id, created_at DESC, id DESC);
CREATE INDEX idx_batch_jobs_status ON batch_jobs (status);
-- the claim's first step: running batches with free slots, oldest first
CREATE INDEX idx_batch_jobs_running ON batch_jobs (created_at) WHERE status = 'running';

CREATE TABLE questions (
    id                uuid PRIMARY KEY,
    batch_id          uuid        NOT NULL REFERENCES batch_jobs (id) ON DELETE CASCADE,
    item_id           uuid        NOT NULL,
    user_id           uuid        NOT NULL,
    course_id         uuid        NOT NULL,
    type              text        NOT NULL,
    difficulty        text        NOT NULL,
    stem              text        NOT NULL,
    options           jsonb       NOT NULL,
    correct_option    text        NOT NULL,
    explanation       text        NOT NULL,
    scope             jsonb       NOT NULL,
    provider          text        NOT NULL,
    model             text        NOT NULL,
    prompt_tokens     bigint      NOT NULL DEFAULT 0,
    completion_tokens bigint      NOT NULL DEFAULT 0,
    created_at        timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX idx_questions_batch ON questions (batch_id);

CREATE TABLE batch_items (
    id                uuid PRIMARY KEY,
    batch_id          uuid        NOT NULL REFERENCES batch_jobs (id) ON DELETE CASCADE,
    position          integer     NOT NULL,
    spec              jsonb       NOT NULL,
    -- deferred: a completion writes the item and its question in one transaction
    question_id       uuid REFERENCES questions (id) DEFERRABLE INITIALLY DEFERRED,
    status            text        NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'in_progress', 'completed', 'failed', 'cancelled')),
    attempts          integer     NOT NULL DEFAULT 0,
    error_code        text,
    error_message     text,
    lease_owner       text,
    lease_token       uuid,
    lease_expires_at  timestamptz,
    not_before        timestamptz,
    prompt_tokens     bigint      NOT NULL DEFAULT 0,
    completion_tokens bigint      NOT NULL DEFAULT 0,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    started_at        timestamptz,
    completed_at      timestamptz,
    CONSTRAINT batch_items_lease_while_in_progress CHECK (
        (status = 'in_progress') = (lease_token IS NOT NULL))
);

-- seed 001's idx_batch_items_batch, made unique and ordered: items in position order
CREATE UNIQUE INDEX idx_batch_items_batch ON batch_items (batch_id, position);
-- seed 001's idx_batch_items_status, narrowed to what is asked: one status of one batch
CREATE INDEX idx_batch_items_status ON batch_items (batch_id, status, position);
-- claims: only pending rows are in it, so its size follows the work left, not the table
CREATE INDEX idx_batch_items_claimable ON batch_items (batch_id, position)
    WHERE status = 'pending';
-- lease recovery: only rows in flight
CREATE INDEX idx_batch_items_leases ON batch_items (lease_expires_at)
    WHERE status = 'in_progress';
CREATE INDEX idx_batch_items_lease_owner ON batch_items (lease_owner)
    WHERE status = 'in_progress';
-- throughput: the latest completions of a batch
CREATE INDEX idx_batch_items_completions ON batch_items (batch_id, completed_at DESC)
    WHERE status = 'completed';

-- The event log and outbox: written in the transaction of the change it describes.
CREATE TABLE batch_events (
    seq        bigserial PRIMARY KEY,
    batch_id   uuid        NOT NULL REFERENCES batch_jobs (id) ON DELETE CASCADE,
    type       text        NOT NULL,
    payload    jsonb       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX idx_batch_events_batch ON batch_events (batch_id, seq);

-- Token buckets every node draws from, so all of them share one provider budget.
CREATE TABLE rate_limit_buckets (
    name              text PRIMARY KEY,
    capacity          double precision NOT NULL CHECK (capacity > 0),
    refill_per_second double precision NOT NULL CHECK (refill_per_second > 0),
    available         double precision NOT NULL,
    updated_at        timestamptz      NOT NULL
);
