-- Every read of batch_events is by batch: a batch's events after a sequence (SSE replay, the
-- fan-out, the outbox consumers), its latest sequence, and deletion with its batch. The primary
-- key on seq alone served none of them, yet each of the two events per item paid an insertion
-- into it, beside the (batch_id, seq) index that the reads use. That index becomes the key.
-- seq stays a bigserial, unique on its own; it just no longer needs an index to prove it.
ALTER TABLE batch_events DROP CONSTRAINT batch_events_pkey;
ALTER TABLE batch_events ADD CONSTRAINT batch_events_pkey PRIMARY KEY (batch_id, seq);
DROP INDEX idx_batch_events_batch;
