-- A batch's row is read by every status read, list, control call and stream: it now keeps its
-- config's summary, not the listed items of an item-list batch (each of which is stored as the
-- batch's item already). One user's 100 batches of 1 MB each made a list of them read 100 MB.
-- Whether a create repeated under an idempotency key carries the same config is told by a digest
-- of the whole config, taken when it is created; rows from before this migration have none and
-- are matched on their summary.
ALTER TABLE batch_jobs ADD COLUMN config_digest text;

UPDATE batch_jobs
SET config = (config - 'items')
    || jsonb_build_object('itemCount', jsonb_array_length(config -> 'items'))
WHERE config ->> 'kind' = 'items' AND config ? 'items';
