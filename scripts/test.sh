#!/bin/bash
# All the tests, from a fresh clone: setup (apt, idempotent), checkpatch,
# `mvn -B verify` (host tests, module W=1 builds, C and Java kernel tests
# in QEMU on every kernel of the matrix), then the VM runner's own tests.
set -euo pipefail

KB_PROG=test.sh
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() {
    cat <<'EOF_USAGE'
Usage: scripts/test.sh [--no-setup] [-- MAVEN_ARGS...]

Runs every test of the project; exits non-zero when any fails.
  --no-setup   skip scripts/setup.sh (packages already installed)
EOF_USAGE
}

cleanup() {
    :
}

main() {
    local setup=1 start=$SECONDS java_home
    while (($#)); do
        case "$1" in
            --no-setup) setup=0; shift ;;
            -h | --help) usage; return 0 ;;
            --) shift; break ;;
            *) kb_log "error: unknown argument '$1'"; usage >&2; return 2 ;;
        esac
    done
    trap cleanup EXIT
    cd "$KB_ROOT"
    ((setup)) && "$KB_ROOT/scripts/setup.sh"
    java_home=$(find_java_home) || kb_die "a JDK >= $KB_JAVA_MIN is required"
    export JAVA_HOME=$java_home PATH="$java_home/bin:$PATH"

    kb_info "checkpatch (make -C kmod style)"
    make -s -C kmod style
    kb_info "mvn -B verify"
    mvn -B verify "$@"
    kb_info "VM runner self-tests"
    "$KB_ROOT/scripts/tests/runner-selftest.sh"
    kb_info "all tests passed in $((SECONDS - start))s"
}

main "$@"
