-- Work taken off the hot path of batch_items, as V4 did for events and questions. Measured in B1
-- through the server (20,000 items, concurrency 500): creating the batch took 230-270 ms, writing
-- each group of about 250 outcomes about 20 ms.

-- 1. Its two foreign keys. Inserting a batch's items checked the batch once per row (65 of the
-- 245 ms a 20,000-item insert took), and every completion checked its question at commit. The
-- guarantees hold without them: items are inserted only in the transaction that inserts their
-- batch, and questions only in the statement that completes their items, while that transaction
-- holds their batch's row lock. Items are deleted with their batch by whoever deletes it: the purge
-- of a deleted batch (DeletedBatches, items first) and retention (Dependents), in place of the
-- cascade.
ALTER TABLE batch_items DROP CONSTRAINT batch_items_batch_id_fkey;
ALTER TABLE batch_items DROP CONSTRAINT batch_items_question_id_fkey;

-- 2. One index insertion per completion. A batch's latest completion times (for its rate and ETA)
-- were read from a partial index of completed items; each completed item has exactly one question,
-- written in the same statement with the item's completion time as its created_at, so the
-- questions' index by batch, keyed by that time as well, answers the same read.
DROP INDEX idx_batch_items_completions;
DROP INDEX idx_questions_batch;
CREATE INDEX idx_questions_batch ON questions (batch_id, created_at DESC);
