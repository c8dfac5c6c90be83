-- A message id names its exact rows: <file fingerprint>:<first line>:<row count> (the issue
-- "Faults a user meets"). Before, it was <file fingerprint>:<first line>, so two messages that
-- start on the same line but hold different numbers of rows (another PRODUCER_BATCH_ROWS after
-- the checkpoints were lost) shared an id, and the second one's extra rows were acknowledged
-- without being written. Ids of the older form stay in the ledger and still read.
--
-- Rows of differently sized messages overlap, so summing row_count per file would count a row
-- stored twice. Every message now also says where its rows start among its file's valid rows
-- (first_row, 0-based): the rows of a file stored are the length of the union of the ranges
-- [first_row, first_row + row_count). Older entries have no first_row and are summed as before.

ALTER TABLE ingest_ledger ADD COLUMN first_row bigint;

-- The file fingerprint starts every message id: the ledger is read per file version.
CREATE INDEX ingest_ledger_fingerprint ON ingest_ledger (split_part(message_id, ':', 1));

-- How many valid rows of each file version the ledger holds, each row counted once however
-- many messages carried it; all file versions when fingerprints is null. The one answer to
-- "how much of this file is stored?" for make status, make run and the producer's done moves.
CREATE FUNCTION ingest_stored_rows(fingerprints text[])
RETURNS TABLE (fingerprint text, stored_rows bigint, messages bigint)
LANGUAGE sql STABLE AS $$
    SELECT split_part(message_id, ':', 1),
           coalesce((SELECT sum(upper(r) - lower(r))
                     FROM unnest(range_agg(int8range(first_row, first_row + row_count))
                                 FILTER (WHERE first_row IS NOT NULL)) AS r), 0)
           + coalesce(sum(row_count) FILTER (WHERE first_row IS NULL), 0),
           count(*)
    FROM ingest_ledger
    WHERE fingerprints IS NULL OR split_part(message_id, ':', 1) = ANY (fingerprints)
    GROUP BY 1
$$;
