#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The kthread-bridge authors
# The main job: boot a Debian kernel in QEMU with the module loaded and run
# the Java demo, which creates, wakes and stops real kernel threads.
set -euo pipefail

KB_PROG=demo.sh
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() {
    cat <<'EOF_USAGE'
Usage: scripts/demo.sh [--kernel K] [--no-setup] [--json]

Sets up what is missing (scripts/setup.sh), builds the jar and the module,
boots kernel K (default 6.1; 6.12, 6.1-rt) under QEMU and runs
`java -jar target/kthread-bridge-*.jar` inside as root. --json prints the
demo's JSON document instead of the tables.
EOF_USAGE
}

cleanup() {
    :
}

build() {
    kb_info "building (mvn -B -q package, no tests)"
    mvn -B -q -Dvm.skip -DskipTests package >&2
}

main() {
    local kernel=default setup=1 demo_args=() java_home jar
    while (($#)); do
        case "$1" in
            --kernel) kernel=${2:?}; shift 2 ;;
            --no-setup) setup=0; shift ;;
            --json) demo_args+=(--json); shift ;;
            -h | --help) usage; return 0 ;;
            *) kb_log "error: unknown argument '$1'"; usage >&2; return 2 ;;
        esac
    done
    trap cleanup EXIT
    cd "$KB_ROOT"
    if ((setup)); then
        "$KB_ROOT/scripts/setup.sh" --kernels "$kernel" >&2
    fi
    java_home=$(find_java_home) || kb_die "a JDK >= $KB_JAVA_MIN is required"
    export JAVA_HOME=$java_home PATH="$java_home/bin:$PATH"
    build
    jar=$(ls "$KB_ROOT"/target/kthread-bridge-*.jar | head -n 1)
    "$KB_ROOT/scripts/vm-run.sh" --kernel "$kernel" --timeout 300 \
        --results "$KB_BUILD/vm-results/demo" -- \
        "$java_home/bin/java" -XX:TieredStopAtLevel=1 -jar "$jar" "${demo_args[@]+"${demo_args[@]}"}"
}

main "$@"
