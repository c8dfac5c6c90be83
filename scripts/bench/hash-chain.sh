#!/bin/bash
# How the cost of COPY into a table with the contract's indexes (primary key, BRIN, HASH) grows
# with the rows each sensor already has there: rounds of 360,000 rows (100 sensors x 3600 s,
# 1 s apart), successive hours, into one unpartitioned table, each round timed. It is what
# chose RECORDS_PARTITION_INTERVAL (docs/benchmarks.md, "Partition interval"). Needs psql as a
# superuser (PGUSER=postgres by default) on PGHOST; makes a database named chain and drops it.
# ROUNDS=12 scripts/bench/hash-chain.sh
set -e
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres}
psql -qX -c "DROP DATABASE IF EXISTS chain" -c "CREATE DATABASE chain"
psql -qX -d chain <<'SQL'
CREATE TABLE t (record_time timestamptz NOT NULL, sensor_id text NOT NULL, value float8 NOT NULL, PRIMARY KEY (sensor_id, record_time));
CREATE INDEX ON t USING brin (record_time) WITH (autosummarize = on);
CREATE INDEX ON t USING hash (sensor_id);
SQL
for h in $(seq 0 $((${ROUNDS:-24} - 1))); do
  psql -qX -d chain -c "\copy (SELECT timestamptz '2021-01-01 00:00:00+00' + make_interval(hours => $h, secs => s), 's' || lpad(k::text, 3, '0'), s * 0.5 FROM generate_series(0, 3599) s, generate_series(1, 100) k) TO '${TMPDIR:-/tmp}/hash-chain-round.csv' CSV"
  start=$(date +%s.%N)
  psql -qX -d chain -c "\copy t FROM '${TMPDIR:-/tmp}/hash-chain-round.csv' CSV"
  end=$(date +%s.%N)
  printf 'rows per sensor before: %6d  copy of 360,000 rows: %.2f s\n' $((h * 3600)) $(echo "$end - $start" | bc)
done
psql -qX -c "DROP DATABASE chain"
