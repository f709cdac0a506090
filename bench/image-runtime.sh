#!/usr/bin/env bash
# Builds the image's Java runtime on this machine: jlink from JDK 25 with the module list of the Dockerfile's
# runtime stage (the same line, read from the Dockerfile), into DIR. Prints DIR. Rebuilt when the Dockerfile is newer.
#
# usage: bench/image-runtime.sh [DIR]   (default /tmp/formgate-bench/runtime; env JDK25, default
#                                        /usr/lib/jvm/temurin-25-jdk-amd64)
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DIR=${1:-/tmp/formgate-bench/runtime}
JDK25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
MODULES=$(grep -o 'jlink --add-modules [^ ]*' "$REPO/Dockerfile" | head -1 | awk '{print $3}')
[ -n "$MODULES" ] || { echo "no 'jlink --add-modules' line in $REPO/Dockerfile" >&2; exit 1; }
if [ ! -x "$DIR/bin/java" ] || [ "$REPO/Dockerfile" -nt "$DIR/release" ]; then
  rm -rf "$DIR"
  "$JDK25/bin/jlink" --add-modules "$MODULES" --strip-debug --no-header-files --no-man-pages --output "$DIR" >&2
fi
echo "$DIR"
