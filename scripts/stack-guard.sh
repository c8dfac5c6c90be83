#!/usr/bin/env bash
# make up's check before the stack starts. The stack publishes its ports on BIND_ADDRESS
# (.env: 127.0.0.1, this machine only); opened beyond loopback, it must not run with the
# development credentials that .env ships (dev-only-*). One line names the first such
# setting, exit status 2. Settings come from the environment (make exports them).
set -euo pipefail

case "${BIND_ADDRESS:-127.0.0.1}" in
127.* | localhost | ::1 | "[::1]") exit 0 ;;
esac
for name in POSTGRES_PASSWORD RABBITMQ_PASSWORD RABBITMQ_CLUSTER_COOKIE GRAFANA_ADMIN_PASSWORD; do
	if [[ "${!name:-}" == dev-only-* ]]; then
		echo "make up: BIND_ADDRESS=$BIND_ADDRESS opens the stack's ports beyond this machine, but $name is" \
			".env's development value: give it a real one in the environment" >&2
		exit 2
	fi
done
