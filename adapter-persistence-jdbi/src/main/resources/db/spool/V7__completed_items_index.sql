-- Status-filtered item pages walk a partial index of their status in position order: pending
-- (idx_batch_items_claimable), in flight, failed and cancelled had one; completed pages walked the
-- whole batch's (batch_id, position) and filtered, which on a batch of 1,000,000 items with few
-- completions read the million. Completions get theirs too. The filter is written into each
-- page's statement as a literal, so that a generic plan can use these partial indexes as well.
CREATE INDEX idx_batch_items_completed ON batch_items (batch_id, position)
    WHERE status = 'completed';
