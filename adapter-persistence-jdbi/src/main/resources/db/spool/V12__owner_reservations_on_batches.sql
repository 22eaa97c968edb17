-- An owner's reservations are the sum of its batches' (batch_jobs.reserved_nanos): keeping a copy
-- on owner_shares made every outcome write lock owner rows, and a claim inside such a write (the
-- refill) locks owner rows in another order, which deadlocked.
ALTER TABLE owner_shares DROP COLUMN reserved_nanos;
