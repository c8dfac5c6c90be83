#!/usr/bin/env bash
# A Docker engine, Compose v2 and local stand-ins for the images the project names, for the
# compose stack's system tests (system-tests/.../stack/*StackIT): ../shared/docker-standins/setup.sh,
# then a check that the engine and Compose answer. .ci/run calls it before make test.
#
# setup.sh exits 1 whenever an image has no stand-in (Grafana never has one here), so its
# status is not the verdict: the engine and Compose answering are. It also may install the
# first file named docker-compose in Debian's package, which can be lintian's override
# rather than the binary; the package's binary is then put in its place and setup.sh run
# again to finish.
set -uo pipefail
cd "$(dirname "$0")/.."
setup=../shared/docker-standins/setup.sh
plugin_dir=/usr/local/lib/docker/cli-plugins
package_binary=${STANDINS_CACHE:-/var/cache/docker-standins}/compose/x/usr/libexec/docker/cli-plugins/docker-compose

log() { echo "docker-standins: $*"; }

[[ -x $setup ]] || { log "$setup is missing: the compose stack's tests need it"; exit 1; }
"$setup"
if ! docker compose version >/dev/null 2>&1 && [[ -x $package_binary ]]; then
	log "putting the package's own docker-compose binary in $plugin_dir"
	install -m 755 "$package_binary" "$plugin_dir/docker-compose"
	"$setup"
fi
docker info >/dev/null 2>&1 || { log "no Docker engine answers"; exit 1; }
docker compose version >/dev/null 2>&1 || { log "docker compose does not answer"; exit 1; }
