#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The kthread-bridge authors
# The kernel tests on every kernel of the matrix, one QEMU guest each:
# C contract tests and the Java suite (scripts/guest/kernel-tests.sh).
# Called by the pom in the verify phase; fails when any kernel fails.
set -euo pipefail

# shellcheck disable=SC2034  # used by kb_log in lib/common.sh

KB_PROG=vm-test.sh
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

timeout_s=${KB_VM_TEST_TIMEOUT:-900}
report=''

usage() {
    cat <<'EOF_USAGE'
Usage: scripts/vm-test.sh [--suite c|c-user|java|java-device|java-user]... [KERNEL...]

Boots each KERNEL (default: the matrix 6.1 6.12 6.1-rt 6.12-rt) with the module
loaded and runs the kernel tests inside (default suites: c c-user java;
c-user and java-user run as an unprivileged member of the node's group
with node_access=1, docs/security.md). Builds build/native (make -C
native); the Java suite needs java/kernel-tests/target/lib from
`./mvnw -B -Dvm.skip -DskipTests package`. Results go to
build/vm-results/<release>/tests/; a per-kernel summary is printed last.
KB_VM_TEST_TIMEOUT sets the per-kernel timeout (default 900 s).
EOF_USAGE
}

cleanup() {
    [[ -z "$report" ]] || rm -f -- "$report"
}

test_kernel() {
    local alias=$1 release results rc=0 start
    shift
    release=$(kb_resolve_kernel "$alias") || return 1
    results="$KB_BUILD/vm-results/$release/tests"
    rm -rf "$results"
    start=$SECONDS
    "$KB_ROOT/scripts/vm-run.sh" --kernel "$release" --timeout "$timeout_s" \
        --results "$results" -- scripts/guest/kernel-tests.sh "$@" || rc=$?
    {
        printf '== %s: exit %d in %ds\n' "$release" "$rc" "$((SECONDS - start))"
        sed 's/^/   /' "$results/summary.txt" 2>/dev/null || printf '   (no summary: see %s)\n' "$results/console.log"
    } >>"$report"
    return "$rc"
}

main() {
    local kernels=() suites=() alias failed=0
    while (($#)); do
        case "$1" in
            -h | --help) usage; return 0 ;;
            --suite) suites+=("${2:?}"); shift 2 ;;
            *) kernels+=("$1"); shift ;;
        esac
    done
    ((${#kernels[@]})) || kernels=("${KB_KERNEL_MATRIX[@]}")
    trap cleanup EXIT
    report=$(mktemp)
    make -s -C "$KB_ROOT/native" || kb_die "make -C native failed"
    for alias in "${kernels[@]}"; do
        test_kernel "$alias" "${suites[@]+"${suites[@]}"}" || failed=1
    done
    printf '\nKernel tests in the VM:\n'
    cat "$report"
    if ((failed)); then
        kb_log "error: kernel tests failed (see above)"
        return 1
    fi
}

main "$@"
