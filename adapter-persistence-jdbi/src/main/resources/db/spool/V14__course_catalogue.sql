-- The course catalogue: courses with their student learning outcomes and concepts, so that people
-- pick them by code and title. Batches keep referring to them by id and have no foreign key here:
-- a batch may name a course the catalogue never knew, and removing a course leaves its batches be.
CREATE TABLE catalogue_courses (
    id          uuid PRIMARY KEY,
    code        text NOT NULL,
    title       text NOT NULL,
    -- what a search looks in: code and title, lower-cased
    search_text text GENERATED ALWAYS AS (lower(code || ' ' || title)) STORED
);
CREATE INDEX idx_catalogue_courses_code ON catalogue_courses (lower(code), id);

CREATE TABLE catalogue_topics (
    id        uuid PRIMARY KEY,
    course_id uuid NOT NULL REFERENCES catalogue_courses (id) ON DELETE CASCADE,
    kind      text NOT NULL CHECK (kind IN ('slo', 'concept')),
    code      text NOT NULL,
    title     text NOT NULL
);
CREATE INDEX idx_catalogue_topics_course ON catalogue_topics (course_id, kind, lower(code));
