-- Weighted fair share across owners, and across each owner's batches (issue 21). The clocks are
-- virtual times of start-time fair queuing (the domain's FairShare): a claim orders candidates by
-- them and charges what it took. Every owner with a batch has a row; a claim locks the rows of the
-- owners it serves, so two nodes never charge one owner from the same stale clock.
CREATE TABLE owner_shares (
    user_id      uuid PRIMARY KEY,
    weight       double precision NOT NULL DEFAULT 1 CHECK (weight > 0 AND weight <= 1000),
    virtual_time double precision NOT NULL DEFAULT 0,   -- finish tag of its last claimed item
    last_start   double precision NOT NULL DEFAULT 0,   -- start tag of its last claimed item
    batch_clock  double precision NOT NULL DEFAULT 0    -- the same among its own batches
);

INSERT INTO owner_shares (user_id) SELECT DISTINCT user_id FROM batch_jobs;

-- items claimed for the batch, in its owner's batch clock
ALTER TABLE batch_jobs ADD COLUMN virtual_time double precision NOT NULL DEFAULT 0;
