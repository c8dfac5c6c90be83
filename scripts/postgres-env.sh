# Sourced, not run: turns POSTGRES_HOST and POSTGRES_PORT into libpq's PGHOST and PGPORT, as
# the apps read them (DatabaseSettings). POSTGRES_HOST is one host or a list, each entry
# `host` (on POSTGRES_PORT) or `host:port`, `[v6]:port` for an IPv6 address. With several,
# libpq tries them in turn and PGTARGETSESSIONATTRS=read-write takes the primary, so
# pg_isready, psql and everything built on them answer for the servers the apps use.
postgres_env() {
	local entry host port hosts=() ports=() where=()
	IFS=',' read -ra entries <<<"$POSTGRES_HOST"
	for entry in "${entries[@]}"; do
		entry=${entry// /}
		if [[ $entry == \[*\]:* ]]; then # [v6]:port
			host=${entry%%]*} host=${host#[} port=${entry##*]:}
		elif [[ $entry == *:*:* || $entry != *:* ]]; then # a bare IPv6 address, or a host alone
			host=${entry#[} host=${host%]} port=$POSTGRES_PORT
		else
			host=${entry%:*} port=${entry##*:}
		fi
		hosts+=("$host") ports+=("$port") where+=("$host:$port")
	done
	PGHOST=$(IFS=','; echo "${hosts[*]}")
	PGPORT=$(IFS=','; echo "${ports[*]}")
	export PGHOST PGPORT
	if ((${#hosts[@]} > 1)); then
		export PGTARGETSESSIONATTRS=read-write
	else
		unset PGTARGETSESSIONATTRS
	fi
	# for messages: where the apps look, every server named
	POSTGRES_WHERE=$(IFS=','; echo "${where[*]}")
}
