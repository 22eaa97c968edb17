-- A provider's 429 with a retry-after holds the shared request budget: no node is granted a
-- permit until then.
ALTER TABLE rate_limit_buckets ADD COLUMN held_until timestamptz;
