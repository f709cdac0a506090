#!/bin/sh
# Starts FormGate as the unprivileged "formgate" user.
#
# Fly.io mounts a volume as an empty root-owned file system, so the data directory has to be handed
# to formgate at start, which needs root for one chown. Root is then dropped for good (setpriv, from
# util-linux) before the JVM starts. Started with --user (not root), this only runs the command.
set -eu

if [ "$(id -u)" = "0" ]; then
    data="${FORMGATE_DATA:-/data}"
    mkdir -p "$data"
    chown -R formgate:formgate "$data"
    exec setpriv --reuid=formgate --regid=formgate --init-groups -- "$@"
fi
exec "$@"
