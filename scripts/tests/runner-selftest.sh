#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The kthread-bridge authors
# Self-test of scripts/vm-run.sh: each case boots a guest and checks the
# documented exit status.  Needs no kthread_bridge module (--no-module);
# WARN and hung-task cases use scripts/tests/provoke/kb_provoke.ko, built
# here for the guest kernel (stock Debian kernels have no lkdtm).
set -euo pipefail

# shellcheck disable=SC2034  # used by the kb_log in lib/common.sh
KB_PROG=runner-selftest.sh
# shellcheck source-path=SCRIPTDIR source=../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

kernel=default
only=''
with_module=0
passed=0
failed=0
failures=()

usage() {
    cat <<'USAGE'
Usage: scripts/tests/runner-selftest.sh [--kernel K] [--only NAME] [--module]

Runs scripts/vm-run.sh on kernel K (6.1 default, 6.12, 6.1-rt, 6.12-rt or a release)
and checks its exit status for: true (0), exit 3 (3), --chdir to a host
directory (0: the command runs there), --chdir to one the guest lacks (126), sysrq crash (125),
WARN (125), D-state hang caught by the hung-task detector (125), sleep past
the timeout (124, in-guest timeout), a frozen guest (one CPU spinning with
interrupts off, watchdogs off: 124, host timeout).  With --module also: the kthread_bridge module loads
and /dev/kthread_bridge exists (0), rmmod fails because the device is still
open after a passing command (125).  Results under build/vm-results/selftest/<release>/.
Ends with "N passed, N failed"; exits non-zero on any failure.
USAGE
}

parse_args() {
    while (($#)); do
        case "$1" in
            --kernel) kernel=${2:?}; shift 2 ;;
            --only) only=${2:?}; shift 2 ;;
            --module) with_module=1; shift ;;
            -h | --help) usage; exit 0 ;;
            *) kb_usage_error "unknown argument '$1'" ;;
        esac
    done
}

# Build kb_provoke.ko for RELEASE into build/provoke/RELEASE; print its path.
build_provoke() {
    local release=$1 out="$KB_BUILD/provoke/$1" src="$KB_ROOT/scripts/tests/provoke"
    mkdir -p "$out"
    cp -p "$src/Kbuild" "$src/kb_provoke.c" "$out/"
    make -s -C "/lib/modules/$release/build" M="$out" modules >&2 2>/dev/null ||
        make -C "/lib/modules/$release/build" M="$out" modules >&2
    printf '%s\n' "$out/kb_provoke.ko"
}

# check NAME WANT [vm-run options] -- COMMAND...
check() {
    local name=$1 want=$2 got=0 log
    shift 2
    [[ -z "$only" || "$only" == "$name" ]] || return 0
    log="$results_root/$name.log"
    printf '%-14s ' "$name"
    "$KB_ROOT/scripts/vm-run.sh" --kernel "$release" \
        --results "$results_root/$name" "$@" >"$log" 2>&1 || got=$?
    if ((got == want)); then
        passed=$((passed + 1))
        printf 'ok   (exit %d, %s)\n' "$got" "$(sed -n 's/.* after \([0-9.]*s\).*/\1/p' "$log" | tail -n 1)"
    else
        failed=$((failed + 1))
        failures+=("$name")
        printf 'FAIL (exit %d, want %d; see %s)\n' "$got" "$want" "$log"
    fi
}

main() {
    local provoke
    trap kb_cleanup EXIT
    parse_args "$@"
    release=$(kb_resolve_kernel "$kernel")
    results_root="$KB_BUILD/vm-results/selftest/$release"
    rm -rf "$results_root"
    mkdir -p "$results_root"
    provoke=$(build_provoke "$release")
    provoke=${provoke#"$KB_ROOT/"}
    kb_info "kernel $release, results in $results_root"

    check true 0 --no-module --timeout 60 -- true
    check exit-3 3 --no-module --timeout 60 -- sh -c 'exit 3'
    # shellcheck disable=SC2016  # $PWD is the guest's
    check chdir 0 --no-module --timeout 60 --chdir /usr/share -- sh -c '[ "$PWD" = /usr/share ]'
    check chdir-missing 126 --no-module --timeout 60 --chdir /nonexistent-kb-dir -- true
    check sysrq-crash 125 --no-module --timeout 60 -- sh -c 'echo c > /proc/sysrq-trigger'
    check warn 125 --no-module --timeout 60 -- insmod "$provoke" action=warn
    check hung-task 125 --no-module --timeout 90 \
        --append sysctl.kernel.hung_task_timeout_secs=5 -- insmod "$provoke" action=hang
    check guest-timeout 124 --no-module --timeout 30 -- sleep 1000
    check host-timeout 124 --no-module --timeout 25 --smp 1 \
        --append nowatchdog -- insmod "$provoke" action=freeze
    if ((with_module)); then
        check module-load 0 --timeout 60 -- test -c /dev/kthread_bridge
        check rmmod-busy 125 --timeout 60 \
            -- sh -c 'sleep 100 </dev/kthread_bridge >/dev/null 2>&1 & sleep 1'
    fi

    printf '%d passed, %d failed\n' "$passed" "$failed"
    ((failed == 0))
}

main "$@"
