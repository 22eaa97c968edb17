-- An event's payload is its wire JSON, made once by the domain's codec when it is appended, and
-- a progress stream sends it exactly as stored. jsonb would re-format it (its own key order and
-- spacing) and parse it on every insert; json keeps the text as written and only checks it.
-- Existing rows keep jsonb's normal form, which is the same JSON.
ALTER TABLE batch_events ALTER COLUMN payload TYPE json USING payload::json;
