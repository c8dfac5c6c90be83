-- V2 indexed ingest_ledger.source_file for make status, which has read the ledger by file
-- fingerprint (ingest_ledger_fingerprint, through ingest_stored_rows) since V4: no query reads
-- the source_file index, and every segment a consumer claims paid for it.
DROP INDEX IF EXISTS ingest_ledger_source_file;
