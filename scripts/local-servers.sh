#!/usr/bin/env bash
# The PostgreSQL and RabbitMQ that make run and make test need, on this machine: servers that
# already answer where the settings point are used as they are; else the machine's own are
# started if they are installed; else, where a Docker engine answers, the compose stack's
# postgres and rabbitmq services (on the same ports). So an engine never makes these
# commands collide with servers that already run here. Then it creates the role, database
# and broker user that the settings name, where they are missing. It
# acts as the machine's administrator: `postgres` over the local socket (or
# POSTGRES_SUPERUSER) and rabbitmqctl. Servers on another host are left alone: nothing is
# created there, and the apps' own one-line refusal tells what is missing.
#
# Settings come from the environment (make exports them), else from .env.
#
# --quick (make run, make test): when both servers answer and this clone already set them up
# for the same settings (a stamp in target/), nothing more is asked, which saves the
# rabbitmqctl call's Erlang start-up on every run.
set -euo pipefail
cd "$(dirname "$0")/.."

while IFS='=' read -r name value; do
	[[ -z "$name" || "$name" == \#* ]] && continue
	[[ -z "${!name:-}" ]] && export "$name=$value"
done <.env

log() { printf 'local-servers: %s\n' "$*"; }

# PGHOST and PGPORT from POSTGRES_HOST (one host or a list) and POSTGRES_PORT, as the apps
# read them: pg_isready and psql below ask the same servers, the primary where there are several.
source scripts/postgres-env.sh
postgres_env

# Whether every host in a comma-separated list is this machine.
is_local() {
	local host
	IFS=',' read -ra hosts <<<"$1"
	for host in "${hosts[@]}"; do
		host=${host%:*}
		case "$host" in
		localhost | 127.* | ::1 | "[::1]") ;;
		*) return 1 ;;
		esac
	done
}

wait_for() { # wait_for SECONDS DESCRIPTION COMMAND...
	local deadline=$((SECONDS + $1)) what=$2
	shift 2
	until "$@" >/dev/null 2>&1; do
		if ((SECONDS >= deadline)); then
			log "$what did not come up within $1 s"
			return 1
		fi
		sleep 1
	done
}

# The compose stack's service of that name, where a Docker engine answers; its image's
# entrypoint creates the user and database of the settings.
compose_up() {
	docker info >/dev/null 2>&1 || return 1
	log "starting compose's $1 (docker compose up $1)"
	docker compose up -d --wait "$1"
	compose_started=yes
}

pg() { # psql as the administrator, into the database postgres
	psql -X -q -v ON_ERROR_STOP=1 -U "${POSTGRES_SUPERUSER:-postgres}" -d postgres "$@"
}

postgres_up() {
	if pg_isready -q; then
		return
	fi
	if [[ $POSTGRES_HOST == *,* ]]; then
		# a primary and its standbys are the user's own to start: this script knows only
		# the machine's one server
		log "PostgreSQL does not answer on any of $POSTGRES_WHERE: start them, then run this again"
		return 1
	fi
	if ! command -v pg_ctlcluster >/dev/null || [[ ! -d /etc/postgresql ]]; then
		compose_up postgres && return
		log "PostgreSQL does not answer on $POSTGRES_WHERE and is not installed here"
		return 1
	fi
	log "PostgreSQL does not answer on $POSTGRES_WHERE: starting it"
	pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n 1)" main start
	wait_for 60 PostgreSQL pg_isready -q
}

# The role may create databases because every test class makes its own, and roles because
# RestrictedRoleIT makes one that may only write rows; and CHECKPOINT (PostgreSQL 15+), which
# make bench runs before it measures loads onto the table it grew.
postgres_role() {
	if PGPASSWORD=$POSTGRES_PASSWORD psql -X -q -U "$POSTGRES_USERNAME" -d "$POSTGRES_DATABASE" -tAc "SELECT rolcreatedb AND rolcreaterole AND CASE WHEN current_setting('server_version_num')::int < 150000 THEN true ELSE pg_has_role(current_user, 'pg_checkpoint', 'MEMBER') END FROM pg_roles WHERE rolname = current_user" \
		2>/dev/null | grep -qx t; then
		return
	fi
	log "creating PostgreSQL role $POSTGRES_USERNAME and database $POSTGRES_DATABASE"
	pg -v role="$POSTGRES_USERNAME" -v password="$POSTGRES_PASSWORD" -v db="$POSTGRES_DATABASE" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN CREATEDB CREATEROLE', :'role')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('ALTER ROLE %I LOGIN CREATEDB CREATEROLE PASSWORD %L', :'role', :'password') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'role')
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db') \gexec
SELECT format('ALTER DATABASE %I OWNER TO %I', :'db', :'role') \gexec
SELECT format('GRANT pg_checkpoint TO %I', :'role') WHERE current_setting('server_version_num')::int >= 150000 \gexec
SQL
}

# Whether a broker answers where the apps look: any node of RABBITMQ_ADDRESSES, else
# RABBITMQ_HOST:RABBITMQ_PORT.
rabbitmq_answers() {
	local address
	IFS=',' read -ra addresses <<<"${RABBITMQ_ADDRESSES:-$RABBITMQ_HOST:$RABBITMQ_PORT}"
	for address in "${addresses[@]}"; do
		[[ $address == *:* ]] || address=$address:$RABBITMQ_PORT
		if timeout 5 bash -c "exec 3<>/dev/tcp/${address%:*}/${address##*:}" 2>/dev/null; then
			return 0
		fi
	done
	return 1
}

rabbitmq_up() {
	if rabbitmq_answers; then
		return
	fi
	if ! command -v rabbitmq-server >/dev/null; then
		compose_up rabbitmq && return
		log "RabbitMQ does not answer on ${RABBITMQ_ADDRESSES:-$RABBITMQ_HOST:$RABBITMQ_PORT} and is not installed here"
		return 1
	fi
	log "RabbitMQ does not answer: starting it"
	rabbitmq-server -detached
	wait_for 120 RabbitMQ rabbitmq-diagnostics -q check_port_connectivity
	wait_for 30 RabbitMQ rabbitmq_answers
}

# Debian's rabbitmqctl lets only root and rabbitmq through; anyone else runs the tool itself,
# which reaches the broker with its Erlang cookie in ~/.erlang.cookie.
rabbitmqctl() {
	if [[ $EUID -ne 0 && -x /usr/lib/rabbitmq/bin/rabbitmqctl ]]; then
		/usr/lib/rabbitmq/bin/rabbitmqctl "$@"
	else
		command rabbitmqctl "$@"
	fi
}

rabbitmq_user() {
	if ! rabbitmqctl -q ping >/dev/null 2>&1; then
		log "rabbitmqctl cannot reach the broker as $(id -un): run this as root once, or put the broker's" \
			"Erlang cookie (/var/lib/rabbitmq/.erlang.cookie) in ~/.erlang.cookie"
		return 1
	fi
	if rabbitmqctl -q authenticate_user "$RABBITMQ_USERNAME" "$RABBITMQ_PASSWORD" >/dev/null 2>&1; then
		return
	fi
	log "creating RabbitMQ user $RABBITMQ_USERNAME"
	if ! rabbitmqctl -q list_users | awk '{print $1}' | grep -qxF "$RABBITMQ_USERNAME"; then
		rabbitmqctl -q add_user "$RABBITMQ_USERNAME" "$RABBITMQ_PASSWORD" >/dev/null
	fi
	rabbitmqctl -q change_password "$RABBITMQ_USERNAME" "$RABBITMQ_PASSWORD" >/dev/null
	rabbitmqctl -q set_user_tags "$RABBITMQ_USERNAME" management >/dev/null
	rabbitmqctl -q set_permissions -p / "$RABBITMQ_USERNAME" '.*' '.*' '.*' >/dev/null
}

stamp=target/local-servers.stamp
fingerprint=$(printf '%s\n' "$POSTGRES_HOST" "$POSTGRES_PORT" "$POSTGRES_USERNAME" "$POSTGRES_PASSWORD" \
	"$POSTGRES_DATABASE" "$RABBITMQ_HOST" "$RABBITMQ_PORT" "$RABBITMQ_USERNAME" "$RABBITMQ_PASSWORD" | sha1sum)
if [[ "${1:-}" == --quick && -f $stamp && "$(cat $stamp)" == "$fingerprint" ]] &&
	pg_isready -q && rabbitmq_answers; then
	exit 0
fi

if is_local "$POSTGRES_HOST"; then
	postgres_up
	postgres_role
else
	log "PostgreSQL at $POSTGRES_HOST is not on this machine: nothing set up there"
fi
if is_local "${RABBITMQ_ADDRESSES:-$RABBITMQ_HOST}"; then
	compose_started=
	rabbitmq_up
	[[ -n $compose_started ]] || rabbitmq_user
else
	log "RabbitMQ at ${RABBITMQ_ADDRESSES:-$RABBITMQ_HOST} is not on this machine: nothing set up there"
fi
mkdir -p target
echo "$fingerprint" >$stamp
