-- make watch prints every few seconds how many rows the consumers stored since it started.
-- Summed over the whole ledger, that read every entry of months of data each time. Entries are
-- appended in the order they are stored, so a BRIN index on stored_at (a few pages, next to no
-- cost per claim) finds the recent ones.
CREATE INDEX ingest_ledger_stored_at ON ingest_ledger USING brin (stored_at);

-- The rows stored since a moment, as the ledger counts them (a row that two differently cut
-- messages carried counts twice: this is a rate, not ingest_stored_rows' answer per file).
CREATE FUNCTION ingest_rows_stored_since(since timestamptz)
RETURNS TABLE (stored_rows bigint)
LANGUAGE sql STABLE AS $$
    SELECT coalesce(sum(row_count), 0) FROM ingest_ledger WHERE stored_at >= since
$$;
