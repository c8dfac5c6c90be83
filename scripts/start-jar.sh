#!/usr/bin/env bash
# How the project starts every one of its JVMs: the command line (from make), and the
# consumers, the migration and chaos's producer (from the command line, through its JarStart).
# It is the fast start Spring Boot documents for its jars on Java 25: from the jar's extracted
# form (java -Djarmode=tools -jar app.jar extract) with an AOT cache of the classes the app
# loads and links.
#
# - The extracted form sits beside the jar, in a folder named for the jar's size and time,
#   so that a rebuilt jar gets its own; earlier builds' folders go. Where extracting fails,
#   the jar starts as it is.
# - Each command (the first argument: run, watch, migrate; "app" where there is none) has a
#   cache of its own. The first start without one makes it as it exits (-XX:AOTCacheOutput),
#   into a claimed file that only one start at a time may write; the file goes into place
#   only when that start exits 0, so that no JVM maps a half-written or a failed run's cache.
#   A claim older than ten minutes belongs to a killed start, and goes.
# - Under a Java agent (the tests' coverage) or a flight recording, the extracted jar starts
#   without a cache: one made there would hold the agent's classes, and one mapped under a
#   flight recording crashed Java 17 here.
#
# Usage: scripts/start-jar.sh JAR [JVM OPTIONS...] -- [ARGUMENTS...]
# JAVA (default java) names the java to run.
set -uo pipefail

jar=$1
shift
options=()
while [[ $# -gt 0 && $1 != -- ]]; do
	options+=("$1")
	shift
done
[[ $# -gt 0 ]] && shift
java=${JAVA:-java}
# the jar as given: the app runs from its extracted copy, so its class path names that
# copy, and the benchmark starts the command line again from this one
options+=(-Xlog:aot=off -Xlog:cds=off "-Dsensor-ingest.jar=$jar")

name=$(basename "$jar" .jar)
stamp=$(stat -c '%s-%Y' "$jar") || exit 2
dir="$(dirname "$jar")/$name.fast-$stamp"
app="$dir/$(basename "$jar")"
if [[ ! -f "$app" ]]; then
	# extracted into a hidden folder, then moved into place whole; should another start
	# have been quicker, its folder is used
	scratch="$(dirname "$jar")/.$name.extract-$$"
	if "$java" -Djarmode=tools -jar "$jar" extract --force --destination "$scratch" >/dev/null 2>&1 &&
		mv -T "$scratch" "$dir" 2>/dev/null; then
		for old in "$(dirname "$jar")/$name".fast-*; do
			[[ "$old" == "$dir" ]] || rm -rf "$old"
		done
		# and what a start stopped while it extracted left
		find "$(dirname "$jar")" -maxdepth 1 -name ".$name.extract-*" -mmin +10 -exec rm -rf {} + 2>/dev/null
	fi
	rm -rf "$scratch"
	[[ -f "$app" ]] || exec "$java" "${options[@]}" -jar "$jar" "$@"
fi

case " ${options[*]} " in
*" -javaagent"* | *" -agentlib"* | *" -agentpath"* | *" -XX:StartFlightRecording"*)
	exec "$java" "${options[@]}" -jar "$app" "$@"
	;;
esac

# a command is a word (run, migrate); an option or a path names none
command=${1:-app}
[[ $command =~ ^[a-z][a-z-]*$ ]] || command=app
archive="$dir/$command.aot"
if [[ -f "$archive" ]]; then
	exec "$java" "${options[@]}" -XX:AOTCache="$archive" -jar "$app" "$@"
fi

training="$archive.training"
find "$dir" -maxdepth 1 -name "$command.aot.training" -mmin +10 -delete 2>/dev/null
if ! (set -o noclobber && : >"$training") 2>/dev/null; then
	# another start makes the cache
	exec "$java" "${options[@]}" -jar "$app" "$@"
fi

# The training start: in the background so that this script can pass SIGTERM on. A script's
# background job ignores SIGINT, so Ctrl-C is passed on as SIGTERM, which every app handles
# the same way; its standard input would be /dev/null, so it gets this script's.
exec 3<&0
"$java" "${options[@]}" -XX:AOTCacheOutput="$training" -jar "$app" "$@" <&3 &
pid=$!
trap 'kill -TERM "$pid" 2>/dev/null' TERM INT
status=0
wait "$pid" || status=$?
# a signal ends wait early: wait again for the app's own status
while kill -0 "$pid" 2>/dev/null; do
	status=0
	wait "$pid" || status=$?
done
if [[ $status -eq 0 && -s "$training" ]]; then
	mv -f "$training" "$archive"
else
	rm -f "$training" "$training.config"
fi
exit "$status"
