-- Full-text search over tasks (processing group "search", docs/architecture.md#search).
-- Both extensions ship with PostgreSQL (contrib) and are trusted: the database owner may create them.
CREATE EXTENSION IF NOT EXISTS btree_gin;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- One row per live task: what it is found by, and what a hit shows. The document weighs the title above the labels,
-- the labels above the description and the description above the comments.
CREATE TABLE search_task (
    task_id      UUID        NOT NULL PRIMARY KEY,
    workspace_id UUID        NOT NULL,
    project_id   UUID        NOT NULL,
    status       VARCHAR(20) NOT NULL,
    assignee_id  UUID,
    title        TEXT        NOT NULL,
    labels       TEXT[]      NOT NULL DEFAULT '{}',
    labels_text  TEXT        NOT NULL DEFAULT '',
    description  TEXT        NOT NULL DEFAULT '',
    comments     TEXT        NOT NULL DEFAULT '',
    updated_at   TIMESTAMPTZ NOT NULL,
    version      BIGINT      NOT NULL,
    document     TSVECTOR GENERATED ALWAYS AS (
        setweight(to_tsvector('english'::regconfig, title), 'A')
            || setweight(to_tsvector('english'::regconfig, labels_text), 'B')
            || setweight(to_tsvector('english'::regconfig, description), 'C')
            || setweight(to_tsvector('english'::regconfig, comments), 'D')) STORED
);
-- Workspace and words in one GIN index (btree_gin): a search reads only its workspace's postings. Without fast
-- update: its pending list, scanned linearly by every search until a vacuum merges it, put 12 ms into each search
-- after an import of 20,000 tasks; inserting straight into the tree costs the writer instead (docs/benchmarks.md#search).
CREATE INDEX search_task_document_idx ON search_task USING gin (workspace_id, document) WITH (fastupdate = off);

-- The live comments of each task, folded into search_task.comments whenever one changes.
CREATE TABLE search_comment (
    comment_id   UUID        NOT NULL PRIMARY KEY,
    workspace_id UUID        NOT NULL,
    task_id      UUID        NOT NULL,
    body         TEXT        NOT NULL,
    deleted      BOOLEAN     NOT NULL DEFAULT false,
    version      BIGINT      NOT NULL,
    seq          BIGSERIAL   NOT NULL
);
CREATE INDEX search_comment_task_idx ON search_comment (task_id, seq);

-- The words of each workspace's titles and labels, with how many tasks use them: "did you mean" looks here for the
-- closest spelling (trigram similarity) when a query finds nothing.
CREATE TABLE search_word (
    workspace_id UUID NOT NULL,
    word         TEXT NOT NULL,
    uses         INT  NOT NULL,
    PRIMARY KEY (workspace_id, word)
);
CREATE INDEX search_word_trgm_idx ON search_word USING gin (workspace_id, word gin_trgm_ops) WITH (fastupdate = off);
