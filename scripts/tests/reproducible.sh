#!/bin/bash
# SPDX-FileCopyrightText: 2026 The kthread-bridge authors
# SPDX-License-Identifier: Apache-2.0
# Reproducible library artifacts: two copies of the project at different
# paths, each built from scratch (shim included), must give byte-identical
# kthread-bridge jars (main, sources and javadoc).
set -euo pipefail

# shellcheck disable=SC2034  # used by kb_log in lib/common.sh
KB_PROG=reproducible.sh
# shellcheck source-path=SCRIPTDIR source=../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

work=''

usage() {
    cat <<'EOF_USAGE'
Usage: scripts/tests/reproducible.sh

Copies the working tree twice (to paths of different lengths), builds the
library module in each (./mvnw -o package -pl java/kthread-bridge, its own
build/native, no tests) and compares the jars byte by byte. Needs the
dependencies in the local repository (any earlier ./mvnw build).
Exit status: 0 identical, 1 different (the differing entries are listed).
EOF_USAGE
}

cleanup() {
    [[ -z "$work" ]] || rm -rf -- "$work"
}

build() {
    local dir=$1
    (cd "$dir" && ./mvnw -B -q -o -Dvm.skip -Dkmod.skip -DskipTests \
        -Dnative.dir="$dir/build/native" package -pl java/kthread-bridge) >"$dir.log" 2>&1 \
        || { cat "$dir.log" >&2; kb_die "the build in $dir failed"; }
}

# explain A B: which entries of two jars differ.
explain() {
    local a=$1 b=$2
    diff <(unzip -Z -v "$a" | grep -E '^(Central directory entry|  file last modified|  32-bit CRC)' ) \
        <(unzip -Z -v "$b" | grep -E '^(Central directory entry|  file last modified|  32-bit CRC)') | head -n 40 >&2 || true
}

main() {
    local a b jar failed=0 name
    case "${1:-}" in -h | --help) usage; return 0 ;; esac
    java_home=$(find_java_home) || kb_die "a JDK >= $KB_JAVA_MIN is required"
    export JAVA_HOME=$java_home
    trap cleanup EXIT
    work=$(mktemp -d /var/tmp/kb-repro.XXXXXX)
    a=$work/a
    b=$work/second-copy-at-a-longer-path
    kb_copy_worktree "$a"
    kb_copy_worktree "$b"
    build "$a"
    build "$b"
    for jar in "$a"/java/kthread-bridge/target/kthread-bridge-*.jar; do
        name=$(basename "$jar")
        [[ "$name" == *-tests.jar ]] && continue
        if cmp -s "$jar" "$b/java/kthread-bridge/target/$name"; then
            kb_info "identical: $name ($(sha256sum <"$jar" | cut -c1-16)…, $(stat -c %s "$jar") bytes)"
        else
            kb_log "error: $name differs between the two builds"
            explain "$jar" "$b/java/kthread-bridge/target/$name"
            failed=1
        fi
    done
    ((failed == 0)) || return 1
    kb_info "the library's jars are reproducible"
}

main "$@"
