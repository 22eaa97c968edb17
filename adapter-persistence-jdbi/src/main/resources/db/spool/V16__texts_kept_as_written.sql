-- Item specs and the options and scope of questions are written by Spool's own codec and read
-- back whole, by the same codec: nothing in SQL looks inside them. As jsonb each one was parsed
-- into PostgreSQL's binary form when written (20,000 specs in a batch's creation, two documents per
-- completed item inside the outcome write) and printed back to text when read (a spec per claimed
-- item). json keeps the text as written and only checks it, as batch_events.payload does (V9).
-- Existing rows keep jsonb's normal form, which is the same JSON.
ALTER TABLE batch_items ALTER COLUMN spec TYPE json USING spec::json;
ALTER TABLE questions ALTER COLUMN options TYPE json USING options::json;
ALTER TABLE questions ALTER COLUMN scope TYPE json USING scope::json;
