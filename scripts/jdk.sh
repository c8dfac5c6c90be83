#!/usr/bin/env bash
# Prints the home of a JDK 25 or newer, which the build and every process of the project run
# on: JAVA_HOME when it is one, else the newest under /usr/lib/jvm; prints nothing when there
# is none. A JDK's release file names its version, so no JVM starts to ask.
set -uo pipefail

major() {
	sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null
}

if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/javac" && "$(major "$JAVA_HOME")" -ge 25 ]] 2>/dev/null; then
	echo "$JAVA_HOME"
	exit 0
fi
best=
best_major=0
for home in /usr/lib/jvm/*; do
	version=$(major "$home")
	if [[ -L "$home" || ! -x "$home/bin/javac" || -z "$version" ]]; then
		continue
	fi
	if ((version >= 25 && version > best_major)); then
		best=$home
		best_major=$version
	fi
done
[[ -n "$best" ]] && echo "$best"
exit 0
