-- Deleting a batch of a million items took 3.2 s in one transaction, and cancelling one 15.5 s.
-- A deletion now marks the batch (every read leaves it out at once, and its idempotency key is
-- free again) and its rows are purged in bounded chunks afterwards; pending items of a cancelled
-- batch are likewise cancelled in chunks. Every node's housekeeping looks for both each second:
-- two partial indexes hold just the batches with such work left, so the look costs nothing
-- however many batches were cancelled or deleted before.
ALTER TABLE batch_jobs ADD COLUMN deleted_at timestamptz;
CREATE INDEX idx_batch_jobs_deleted ON batch_jobs (deleted_at) WHERE deleted_at IS NOT NULL;
CREATE INDEX idx_batch_jobs_cancelling ON batch_jobs (id)
    WHERE status = 'cancelled' AND deleted_at IS NULL
      AND total_items > completed_items + failed_items + cancelled_items + in_flight;
