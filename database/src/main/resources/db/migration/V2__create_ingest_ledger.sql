-- One row per message stored, written in the same transaction as its rows: a message whose
-- id is here is already in records, so a redelivery is acknowledged without touching them.
CREATE TABLE ingest_ledger (
    message_id  text        NOT NULL,
    source_file text,
    first_line  bigint,
    row_count   integer     NOT NULL,
    stored_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT ingest_ledger_pkey PRIMARY KEY (message_id)
);

-- make status sums the rows stored per file.
CREATE INDEX ingest_ledger_source_file ON ingest_ledger (source_file);
