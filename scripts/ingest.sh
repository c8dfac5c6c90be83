#!/usr/bin/env bash
# The command line, started the fast way Spring Boot documents for its jars on Java 25: from
# the jar's extracted form (java -Djarmode=tools -jar app.jar extract) with an AOT cache of the
# classes the command loads and links. The consumers start the same way (FastStart in ingest-cli).
#
# The first run of each command makes its own cache as it exits (-XX:AOTCacheOutput), into a
# file of its own, moved into place only when that run exits 0, so that no JVM maps a
# half-written or a failed run's cache. A rebuilt jar gets a new folder. Where extracting
# fails, the jar starts as it is.
#
# Usage: scripts/ingest.sh JAR COMMAND [ARGUMENTS...]
# JAVA (default java) and PRODUCER_JAVA_OPTS come from the environment, as make exports them.
set -uo pipefail

jar=$1
command=$2
shift 2
java=${JAVA:-java}
# shellcheck disable=SC2206 # the options are words, as make passes them
options=(${PRODUCER_JAVA_OPTS:-} -Xlog:aot=off -Xlog:cds=off)

stamp=$(stat -c '%s-%Y' "$jar") || exit 2
dir="$(dirname "$jar")/fast-$stamp"
app="$dir/$(basename "$jar")"
if [[ ! -f "$app" ]]; then
	# extracted beside, then moved into place whole; should another run have been quicker,
	# its folder is used
	scratch="$dir.$$"
	if "$java" -Djarmode=tools -jar "$jar" extract --destination "$scratch" >/dev/null &&
		mv -T "$scratch" "$dir" 2>/dev/null; then
		# earlier builds' folders go; one still being extracted has a dot in its name
		for old in "$(dirname "$jar")"/fast-*; do
			[[ "$old" == "$dir" || "$(basename "$old")" == *.* ]] || rm -rf "$old"
		done
	fi
	rm -rf "$scratch"
	[[ -f "$app" ]] || exec "$java" "${options[@]}" -jar "$jar" "$command" "$@"
fi

# A cache made under a Java agent would hold the agent's classes, and one mapped under a flight
# recording crashed Java 17 here: with either, the extracted jar starts without one.
case " ${PRODUCER_JAVA_OPTS:-} " in
*-javaagent* | *-agentlib* | *-agentpath* | *StartFlightRecording*)
	exec "$java" "${options[@]}" -jar "$app" "$command" "$@"
	;;
esac

archive="$dir/$command.aot"
if [[ -f "$archive" ]]; then
	exec "$java" "${options[@]}" -XX:AOTCache="$archive" -jar "$app" "$command" "$@"
fi

# The training run: in the background so that this script can pass SIGTERM on. A script's
# background job ignores SIGINT, so Ctrl-C is passed on as SIGTERM, which the command line
# handles the same way; its standard input would be /dev/null, so it gets this script's.
training="$archive.$$"
exec 3<&0
"$java" "${options[@]}" -XX:AOTCacheOutput="$training" -jar "$app" "$command" "$@" <&3 &
pid=$!
trap 'kill -TERM "$pid" 2>/dev/null' TERM INT
status=0
wait "$pid" || status=$?
# a signal ends wait early: wait again for the command's own status
while kill -0 "$pid" 2>/dev/null; do
	status=0
	wait "$pid" || status=$?
done
if [[ $status -eq 0 && -s "$training" ]]; then
	mv -f "$training" "$archive"
else
	rm -f "$training"
fi
exit "$status"
