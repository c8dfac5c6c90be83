#!/bin/bash
# The two cases of the issue "The table grows": 1,000,000 rows (100 sensors) through make run
# into an emptied records, then the same rows into records holding earlier rows of the same
# sensors, each after a checkpoint, both in this one invocation. Run from the project's root,
# against the database .env names (it truncates records and ingest_ledger there):
#
#   scripts/bench/growth-cases.sh long-term 5 100000 2021-01-10 "2021-01-10 00:00"
#       10,000,000 earlier rows 5 s apart, then 1,000,000 more, 5 s apart
#   scripts/bench/growth-cases.sh within-day 1 40000 2021-03-01T12:00 "2021-03-01 11:06:40"
#       4,000,000 rows 00:00-11:06 of a day, then 1,000,000 more from 12:00 to 14:46
#
# Arguments: a name, seconds between readings, earlier rows per sensor, where the new rows
# start (GEN_START_DATE, UTC), where the earlier rows end (UTC). The role needs CHECKPOINT
# (pg_checkpoint, which make setup_test_env grants).
set -euo pipefail
while IFS='=' read -r name value; do # .env, where the environment does not say otherwise
	[[ -z "$name" || "$name" == \#* || -n "${!name:-}" ]] || export "$name=$value"
done <.env
source scripts/postgres-env.sh
postgres_env
export PGUSER=${POSTGRES_USERNAME} PGPASSWORD=${POSTGRES_PASSWORD} PGDATABASE=${POSTGRES_DATABASE}
name=$1 interval=$2 earlier_per_sensor=$3 data_start=$4 earlier_end=$5
dir=${TMPDIR:-/tmp}/growth-cases/$name
rm -rf "$dir" && mkdir -p "$dir"
make -s gen_csv_demo TARGET_FILE_DIR="$dir/data" GEN_NUM_SENSORS=100 GEN_NUM_RECORDS=10000 \
	GEN_RECORD_INTERVAL="$interval" GEN_START_DATE="$data_start" GEN_TIMEZONE=UTC >/dev/null
sensors=$(ls "$dir/data" | sed 's/\.csv$//' | paste -sd, -)
run() { # LABEL: make run of the data set, after a checkpoint, with an empty ledger and state
	psql -qX -c "TRUNCATE ingest_ledger" -c CHECKPOINT
	rm -rf "$dir/state"
	echo "$1: $(make -s run TARGET_FILE_DIR="$dir/data" PRODUCER_STATE_DIR="$dir/state" 2>&1 | grep -o 'run: .*')"
}
psql -qX -c "TRUNCATE records, ingest_ledger"
run "empty table"
psql -qX -c "TRUNCATE records, ingest_ledger"
psql -qX -c "SELECT records_ensure_partitions(timestamptz '$earlier_end+00' - make_interval(secs => $interval * $earlier_per_sensor), timestamptz '$earlier_end+00', make_interval(secs => 3600))" >/dev/null
psql -qX -c "INSERT INTO records SELECT timestamptz '$earlier_end+00' - make_interval(secs => $interval * (n + 1)), s, n * 0.25
	FROM unnest(string_to_array('$sensors', ',')) s, generate_series(0, $earlier_per_sensor - 1) n"
psql -qX -c "VACUUM ANALYZE records"
echo "earlier rows: $(psql -qXAt -c 'SELECT count(*) FROM records')"
run "grown table"
