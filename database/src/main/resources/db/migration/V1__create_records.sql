-- One row per sensor reading. The key makes a redelivered reading an update, not a duplicate.
CREATE TABLE records (
    record_time timestamptz      NOT NULL,
    sensor_id   text             NOT NULL,
    value       double precision NOT NULL,
    CONSTRAINT records_pkey PRIMARY KEY (sensor_id, record_time)
);

-- Readings arrive roughly in time order, so a BRIN index stays tiny and still prunes
-- time-range scans; autosummarize keeps new block ranges summarised without a VACUUM.
CREATE INDEX records_record_time_brin ON records USING brin (record_time) WITH (autosummarize = on);

-- Sensors are looked up by equality only, which a HASH index serves in less space than a B-tree.
CREATE INDEX records_sensor_id_hash ON records USING hash (sensor_id);
