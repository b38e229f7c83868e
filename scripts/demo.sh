#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The kthread-bridge authors
# The main job: boot a Debian kernel in QEMU with the module loaded and run
# the Java demo, which creates, wakes and stops real kernel threads.
set -euo pipefail

# shellcheck disable=SC2034  # used by kb_log in lib/common.sh

KB_PROG=demo.sh
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() {
    cat <<'EOF_USAGE'
Usage: scripts/demo.sh [--kernel K] [--no-setup] [--json]

Sets up what is missing for kernel K (scripts/setup.sh --kernels K), builds
the library and the CLI (no tests, no module for other kernels), boots
kernel K (default 6.1; 6.12, 6.1-rt, 6.12-rt) under QEMU with the module built for it
and runs the demo (`java -jar kb-cli.jar demo`) inside as
root. --json prints the demo's JSON document instead of the tables.
EOF_USAGE
}

cleanup() {
    :
}

# The demo needs the CLI jar (library and shim inside) and nothing else:
# no tests, no javadoc, no module for the matrix (vm-run.sh builds the
# module for the kernel it boots).
build() {
    kb_info "building the library and the CLI (./mvnw, no tests)"
    ./mvnw -B -q -Dvm.skip -Dkmod.skip -DskipTests -Dmaven.javadoc.skip -Dmaven.source.skip \
        package -pl java/kthread-bridge-cli -am >&2
}

main() {
    local kernel=default setup=1 demo_args=() java_home
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
    "$KB_ROOT/scripts/vm-run.sh" --kernel "$kernel" --timeout 300 \
        --results "$KB_BUILD/vm-results/demo" -- \
        "$java_home/bin/java" -XX:TieredStopAtLevel=1 -jar "$KB_CLI_JAR" demo "${demo_args[@]+"${demo_args[@]}"}"
}

main "$@"
