-- How many times "retry failed" has sent an item back. With the attempt number it names one try,
-- so a generator that is deterministic per try (the simulator) answers a retried item anew.
ALTER TABLE batch_items ADD COLUMN round integer NOT NULL DEFAULT 0 CHECK (round >= 0);
