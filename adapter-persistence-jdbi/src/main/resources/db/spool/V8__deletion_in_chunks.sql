-- Deleting a batch of a million items took 3.2 s in one transaction, and cancelling one 15.5 s.
-- A deletion now marks the batch (every read leaves it out at once, and its idempotency key is
-- free again) and its rows are purged in bounded chunks afterwards; pending items of a cancelled
-- batch are likewise cancelled in chunks (idx_batch_jobs_status finds such batches).
ALTER TABLE batch_jobs ADD COLUMN deleted_at timestamptz;
CREATE INDEX idx_batch_jobs_deleted ON batch_jobs (deleted_at) WHERE deleted_at IS NOT NULL;
