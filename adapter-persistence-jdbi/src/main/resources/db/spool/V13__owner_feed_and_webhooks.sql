-- The batch-level events that consumers outside one batch follow (status changes and
-- completions; not progress, which is a snapshot and not worth keeping in order) get the id of the
-- transaction that wrote them. A reader that takes only rows of transactions older than every
-- transaction still running (pg_snapshot_xmin) reads them in commit order and never passes one that
-- commits later: the owner feed and the webhook outbox both follow that order. Item events keep the
-- column null, so the hot path pays nothing for it and the partial index holds only these rows.
ALTER TABLE batch_events ADD COLUMN tx xid8;
CREATE INDEX idx_batch_events_committed ON batch_events (tx, seq) WHERE tx IS NOT NULL;

CREATE TABLE webhook_endpoints (
    id                  uuid PRIMARY KEY,
    user_id             uuid        NOT NULL,
    url                 text        NOT NULL,
    description         text        NOT NULL DEFAULT '',
    event_types         text[]      NOT NULL,
    secret              text        NOT NULL,
    -- after a rotation the old secret signs too, for a day, so receivers can switch without a gap
    previous_secret     text,
    previous_until      timestamptz,
    enabled             boolean     NOT NULL DEFAULT true,
    disabled_reason     text CHECK (disabled_reason IN ('owner', 'failing')),
    failing_since       timestamptz,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL
);
CREATE INDEX idx_webhook_endpoints_user ON webhook_endpoints (user_id, created_at, id);

-- One row per event and endpoint. next_attempt_at doubles as the lease: a claim pushes it past the
-- delivery's timeout and bumps lease_token, so a node that dies mid-delivery loses the row to the
-- next claim once that time passes, and its late result is fenced out by the token.
CREATE TABLE webhook_deliveries (
    id                  uuid PRIMARY KEY,
    endpoint_id         uuid        NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    event_id            text        NOT NULL,
    event_type          text        NOT NULL,
    batch_id            uuid        NOT NULL,
    payload             text        NOT NULL,
    status              text        NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts            integer     NOT NULL DEFAULT 0,
    lease_token         bigint      NOT NULL DEFAULT 0,
    next_attempt_at     timestamptz NOT NULL,
    created_at          timestamptz NOT NULL,
    retry_until         timestamptz NOT NULL,
    delivered_at        timestamptz,
    CONSTRAINT webhook_deliveries_once UNIQUE (endpoint_id, event_id)
);
CREATE INDEX idx_webhook_deliveries_due ON webhook_deliveries (next_attempt_at)
    WHERE status = 'pending';
CREATE INDEX idx_webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, created_at DESC, id DESC);

CREATE TABLE webhook_attempts (
    delivery_id         uuid        NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    attempt             integer     NOT NULL,
    at                  timestamptz NOT NULL,
    duration_ms         integer     NOT NULL,
    status_code         integer,
    error               text,
    response_prefix     text,
    PRIMARY KEY (delivery_id, attempt)
);

-- Where the outbox's reader stands in the committed batch events; one row, locked by the node that
-- moves it, so each event becomes deliveries exactly once.
CREATE TABLE webhook_outbox_position (
    singleton           boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    tx                  xid8    NOT NULL,
    seq                 bigint  NOT NULL
);
INSERT INTO webhook_outbox_position (tx, seq) VALUES ('0'::xid8, 0);
