#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The kthread-bridge authors
# Runs inside the guest (scripts/vm-run.sh): the C contract tests, then the
# Java tests (host and device) from the packaged jar, with reports written
# to the results directory. Exits non-zero when any suite fails.
set -euo pipefail

# shellcheck disable=SC2034  # used by kb_log in lib/common.sh

KB_PROG=kernel-tests.sh
# shellcheck source=../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

usage() {
    cat <<'EOF_USAGE'
Usage (inside a guest): scripts/guest/kernel-tests.sh [c|java]...

Runs the C contract tests (build/native/kb_test) and the JUnit suite
(every test class of the library and the CLI, from the jars in
java/kernel-tests/target/lib) against /dev/kthread_bridge. Writes
c-tests.log, junit/ and summary.txt into $KB_RESULTS. Default: both.
EOF_USAGE
}

results=${KB_RESULTS:-$KB_BUILD/guest-results}
summary=''

cleanup() {
    :
}

run_c() {
    local rc=0
    kb_info "C contract tests"
    "$KB_BUILD/native/kb_test" 2>&1 | tee "$results/c-tests.log" || rc=${PIPESTATUS[0]}
    printf 'C: %s (exit %d)\n' "$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$results/c-tests.log" | tail -n 1)" "$rc" >>"$summary"
    return "$rc"
}

run_java() {
    local java_home cp rc=0
    java_home=$(find_java_home) || return 1
    cp=$(kb_test_classpath) || return 1
    kb_info "Java tests with $java_home and $cp"
    # The jar's own copy of the shim is extracted and loaded: no library path.
    "$java_home/bin/java" --enable-native-access=ALL-UNNAMED \
        -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
        -Dkthreadbridge.test.repoDir="$KB_ROOT" -Dkthreadbridge.test.device=true \
        -cp "$cp" \
        org.junit.platform.console.ConsoleLauncher execute \
        --disable-banner --details=summary --details-theme=ascii \
        --select-package dev.kthreadbridge --fail-if-no-tests \
        --reports-dir "$results/junit" 2>&1 | tee "$results/java-tests.log" || rc=${PIPESTATUS[0]}
    printf 'Java: %s (exit %d)\n' \
        "$(grep -E 'tests (successful|failed|skipped)' "$results/java-tests.log" | tr -s ' []' ' ' | paste -sd, -)" \
        "$rc" >>"$summary"
    return "$rc"
}

main() {
    local suites=("$@") suite failed=0
    case "${1:-}" in -h | --help) usage; return 0 ;; esac
    ((${#suites[@]})) || suites=(c java)
    trap cleanup EXIT
    mkdir -p "$results"
    summary="$results/summary.txt"
    : >"$summary"
    for suite in "${suites[@]}"; do
        case "$suite" in
            c) run_c || failed=1 ;;
            java) run_java || failed=1 ;;
            *) kb_log "error: unknown suite '$suite'"; usage >&2; return 2 ;;
        esac
    done
    cat "$summary"
    return "$failed"
}

main "$@"
