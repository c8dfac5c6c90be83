#!/bin/bash
# COPY into the partitioned records (PostgreSQL routes each row) against COPY straight into the
# one partition the rows fall in: an hour of 100 sensors' readings (360,000 rows, as a batch of
# the consumers falls in one partition), ROUNDS times each, alternating, each into a fresh
# partition. Needs a migrated database (make migrate) and psql; PG* variables say where
# (default: this machine's, as a superuser). It truncates records.
set -e
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres} PGDATABASE=${PGDATABASE:-sensor_ingest}
rows=${TMPDIR:-/tmp}/copy-routing.csv
psql -qX -c "TRUNCATE records"
for round in $(seq 1 ${ROUNDS:-5}); do
	for target in parent partition; do
		hour="2030-01-01 00:00+00"
		hour=$(psql -qXAt -c "SELECT (timestamptz '$hour' + make_interval(hours => $round * 2 + $([ $target = parent ] && echo 0 || echo 1)))::text")
		psql -qX -c "\\copy (SELECT timestamptz '$hour' + make_interval(secs => s), 's' || k, s * 0.5 FROM generate_series(0, 3599) s, generate_series(1, 100) k ORDER BY 2, 1) TO '$rows' CSV"
		partition=$(psql -qXAt -c "SELECT records_ensure_partition('$hour', '1 hour'); SELECT partition FROM records_partitions() WHERE from_time = '$hour'" | tail -1)
		table=$([ $target = parent ] && echo records || echo "$partition")
		psql -qX -c CHECKPOINT
		start=$(date +%s.%N)
		psql -qX -c "\\copy $table FROM '$rows' CSV"
		end=$(date +%s.%N)
		printf 'round %d, into %-9s (%s): %.3f s\n' "$round" "$target" "$table" "$(echo "$end - $start" | bc)"
	done
done
psql -qX -c "TRUNCATE records"
