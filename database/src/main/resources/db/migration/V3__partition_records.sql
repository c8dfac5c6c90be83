-- records becomes range-partitioned on record_time, keeping every row.
--
-- Why: a hash index walks a value's whole overflow chain on every insert, and all rows of one
-- sensor share one value, so an insert costs as much as the rows that sensor already has in
-- the index. Per partition, the chain holds only that partition's rows: inserts stay as cheap
-- as into an empty table however long the pipeline runs, and old partitions can be dropped
-- whole (RECORDS_RETENTION). The primary key, the BRIN and the HASH index are declared once,
-- on the parent, so every partition has all three.
--
-- Partitions appear before the rows that need them: each consumer calls
-- records_ensure_partition for every partition-sized span its batch touches, in a short
-- transaction of its own before the batch's (RECORDS_PARTITION_INTERVAL is the span). A user's
-- own COPY calls it first too: SELECT records_ensure_partitions(first, last, span).

ALTER TABLE records RENAME TO records_unpartitioned;
ALTER TABLE records_unpartitioned RENAME CONSTRAINT records_pkey TO records_unpartitioned_pkey;
ALTER INDEX records_record_time_brin RENAME TO records_unpartitioned_record_time_brin;
ALTER INDEX records_sensor_id_hash RENAME TO records_unpartitioned_sensor_id_hash;

-- One row per sensor reading. The key makes a redelivered reading an update, not a duplicate.
CREATE TABLE records (
    record_time timestamptz      NOT NULL,
    sensor_id   text             NOT NULL,
    value       double precision NOT NULL,
    CONSTRAINT records_pkey PRIMARY KEY (sensor_id, record_time)
) PARTITION BY RANGE (record_time);

-- Readings arrive roughly in time order, so a BRIN index stays tiny and still prunes
-- time-range scans; autosummarize keeps new block ranges summarised without a VACUUM.
CREATE INDEX records_record_time_brin ON records USING brin (record_time) WITH (autosummarize = on);

-- Sensors are looked up by equality only, which a HASH index serves in less space than a B-tree.
CREATE INDEX records_sensor_id_hash ON records USING hash (sensor_id);

-- The partitions of records with their bounds, oldest first.
CREATE FUNCTION records_partitions()
RETURNS TABLE (partition regclass, from_time timestamptz, to_time timestamptz)
LANGUAGE sql STABLE AS $$
    SELECT c.oid::regclass, b[1]::timestamptz, b[2]::timestamptz
    FROM pg_inherits i
    JOIN pg_class c ON c.oid = i.inhrelid
    CROSS JOIN LATERAL regexp_match(pg_get_expr(c.relpartbound, c.oid),
                                    $re$FROM \('([^']+)'\) TO \('([^']+)'\)$re$) AS b
    WHERE i.inhparent = 'records'::regclass
    ORDER BY 2
$$;

-- Makes sure a partition holds the instant at_time: if none does, creates the one of the given
-- span that contains it (spans counted from 2000-01-01 UTC), narrowed to the gap between its
-- neighbours where partitions of another span are there already. Safe with any number of
-- callers at once: they take turns on an advisory lock, and a caller that finds the partition
-- made meanwhile creates nothing. It runs with its owner's rights, so that a consumer whose role
-- may only write rows (CONSUMER_APPLY_MIGRATIONS=false) can still make the partitions it needs.
-- Returns whether it created one.
CREATE FUNCTION records_ensure_partition(at_time timestamptz, span interval)
RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    lower_bound timestamptz := date_bin(span, at_time, timestamptz '2000-01-01 00:00:00+00');
    upper_bound timestamptz := lower_bound + span;
    name text;
BEGIN
    IF EXISTS (SELECT FROM records_partitions() p WHERE p.from_time <= at_time AND at_time < p.to_time) THEN
        RETURN false;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('records_ensure_partition'));
    IF EXISTS (SELECT FROM records_partitions() p WHERE p.from_time <= at_time AND at_time < p.to_time) THEN
        RETURN false;
    END IF;
    SELECT greatest(lower_bound, max(p.to_time)) INTO lower_bound
    FROM records_partitions() p WHERE p.to_time <= at_time;
    SELECT least(upper_bound, min(p.from_time)) INTO upper_bound
    FROM records_partitions() p WHERE p.from_time > at_time;
    name := 'records_' || to_char(lower_bound AT TIME ZONE 'UTC', 'YYYYMMDD_HH24MISS');
    EXECUTE format('CREATE TABLE %I PARTITION OF records FOR VALUES FROM (%L) TO (%L)',
                   name, lower_bound, upper_bound);
    RETURN true;
END
$$;

-- Makes sure partitions hold every instant from first_time to last_time, for a load of
-- one's own (psql \copy): SELECT records_ensure_partitions('2024-01-01', '2024-01-31', '1 hour').
-- Returns how many it created.
CREATE FUNCTION records_ensure_partitions(first_time timestamptz, last_time timestamptz, span interval)
RETURNS integer LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    at_time timestamptz := first_time;
    made integer := 0;
BEGIN
    WHILE at_time <= last_time LOOP
        IF records_ensure_partition(at_time, span) THEN
            made := made + 1;
        END IF;
        SELECT p.to_time INTO at_time FROM records_partitions() p
        WHERE p.from_time <= at_time AND at_time < p.to_time;
    END LOOP;
    RETURN made;
END
$$;

-- Drops, whole, every partition whose every row is older than cutoff (RECORDS_RETENTION), but
-- never one a transaction still writes to: such a partition is passed over until the next call,
-- as is any when the table cannot be had within two seconds. Returns how many it dropped.
CREATE FUNCTION records_drop_partitions_before(cutoff timestamptz)
RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    expired regclass;
    dropped integer := 0;
BEGIN
    SET LOCAL lock_timeout = '2s';
    FOR expired IN SELECT p.partition FROM records_partitions() p WHERE p.to_time <= cutoff LOOP
        BEGIN
            EXECUTE format('LOCK TABLE %s IN ACCESS EXCLUSIVE MODE NOWAIT', expired);
            EXECUTE format('DROP TABLE %s', expired);
            dropped := dropped + 1;
        EXCEPTION WHEN lock_not_available THEN
            NULL;
        END;
    END LOOP;
    RETURN dropped;
END
$$;

-- The rows already there move into partitions of one hour, the default span.
SELECT records_ensure_partition(t, interval '1 hour')
FROM (SELECT DISTINCT date_bin(interval '1 hour', record_time, timestamptz '2000-01-01 00:00:00+00') AS t
      FROM records_unpartitioned) AS spans;
INSERT INTO records (record_time, sensor_id, value)
SELECT record_time, sensor_id, value FROM records_unpartitioned;
DROP TABLE records_unpartitioned;
