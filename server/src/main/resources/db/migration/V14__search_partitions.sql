-- search_task hash-partitioned by workspace (docs/benchmarks.md#search). One GIN index over the whole table keeps one
-- posting list per word for every workspace: a common word's list grows with the table, and a search in a workspace
-- of a thousand tasks read thousands of index pages at a million tasks. Every query names its workspace, so it now
-- reads one partition and that partition's index, a sixty-fourth of the whole. The primary key takes the workspace,
-- as a key of a partitioned table must hold the partition key; every statement names both.
ALTER TABLE search_task RENAME TO search_task_unpartitioned;
ALTER INDEX search_task_pkey RENAME TO search_task_unpartitioned_pkey;
ALTER INDEX search_task_document_idx RENAME TO search_task_unpartitioned_document_idx;

CREATE TABLE search_task (
    task_id      UUID        NOT NULL,
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
            || setweight(to_tsvector('english'::regconfig, comments), 'D')) STORED,
    CONSTRAINT search_task_pkey PRIMARY KEY (workspace_id, task_id)
) PARTITION BY HASH (workspace_id);

DO $$
BEGIN
    FOR r IN 0..63 LOOP
        EXECUTE format('CREATE TABLE search_task_p%s PARTITION OF search_task FOR VALUES WITH (MODULUS 64, REMAINDER %s)',
                       lpad(r::text, 2, '0'), r);
    END LOOP;
END $$;

INSERT INTO search_task (task_id, workspace_id, project_id, status, assignee_id, title, labels, labels_text,
                         description, comments, updated_at, version)
SELECT task_id, workspace_id, project_id, status, assignee_id, title, labels, labels_text,
       description, comments, updated_at, version
FROM search_task_unpartitioned;

DROP TABLE search_task_unpartitioned;

-- Built after the copy, in one sort per partition; without fast update, as before (V12).
CREATE INDEX search_task_document_idx ON search_task USING gin (workspace_id, document) WITH (fastupdate = off);
