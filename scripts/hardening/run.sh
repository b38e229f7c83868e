#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The kthread-bridge authors
# The hardening suite (docs/hardening.md) in one command: the syzlang
# consistency check on the host, then one QEMU guest per kernel running
# scripts/hardening/guest.sh (fuzzer, C and Java stress, kill -9 loop,
# reload loop, limits, fd passing, never-woken auto-stop), and with --debug
# the same on the debug kernel (KASAN, lockdep, kmemleak) plus the C
# contract tests and a kmemleak scan. --debug-gate is the one mode meant
# for scripts/test.sh: the debug kernel only (built once per machine,
# cached in ~/.cache/kthread-bridge/debug-kernel/), with the C tests, 100,000 fuzz calls, the
# stress and kill parts, a kmemleak scan and an rmmod, failing on any
# KASAN, lockdep, WARN or kmemleak report. Ends with "N passed, N failed"
# over all parts of all kernels; exits 1 if any failed.
set -euo pipefail

# shellcheck disable=SC2034  # used by kb_log in lib/common.sh
KB_PROG=hardening/run.sh
# shellcheck source-path=SCRIPTDIR source=../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

usage() {
    cat <<'EOF_USAGE'
Usage: scripts/hardening/run.sh [--kernels LIST] [--debug | --debug-only]
                                [--parts LIST] [--quick]
       scripts/hardening/run.sh --debug-gate

  --kernels LIST  comma-separated (default the matrix: 6.1,6.12,6.1-rt,6.12-rt); "none" for none
  --debug         also build (cached) and run the debug kernel
  --debug-only    only the debug kernel
  --debug-gate    only the debug kernel, parts ctest,fuzz,stress,kill then
                  kmemleak and rmmod, 100000 fuzz calls (KB_FUZZ_CALLS
                  overrides): the gate for scripts/test.sh
  --parts LIST    guest parts (default fuzz,stress,java,kill,reload,limits,
                  fdpass,unwoken; the debug kernel adds ctest and kmemleak)
  --quick         small counts (a smoke run: 50k calls, 10 kills/reloads)

Environment (passed into the guests): KB_FUZZ_CALLS (1000000),
KB_FUZZ_SECONDS (240), KB_FUZZ_SEED, KB_FUZZ_THREADS (4), KB_FUZZ_FILES (3),
KB_STRESS_SECONDS (20), KB_STRESS_SEED, KB_KILL_ROUNDS (100),
KB_RELOAD_ROUNDS (100). Results: build/vm-results/<release>/hardening/.
EOF_USAGE
}

kernels=$(IFS=,; printf %s "${KB_KERNEL_MATRIX[*]}")
debug=0
parts=''
report=''
total_passed=0
total_failed=0

cleanup() {
    [[ -z "$report" ]] || rm -f -- "$report"
}

count() {
    if (($1)); then
        total_passed=$((total_passed + 1))
    else
        total_failed=$((total_failed + 1))
    fi
}

# run_kernel ALIAS PARTS...: one guest; adds its parts to the totals.
run_kernel() {
    local alias=$1 release results rc=0 start line extra=()
    shift
    if [[ "$alias" == debug ]]; then
        release=$(cat "$KB_BUILD/debug-kernel/release")
        # 2048: kernel.threads-max (memory / 8 stacks of 32 KiB under
        # KASAN) must allow a full file of KB_THREADS_PER_FILE_MAX threads
        extra=(--mem 2048)
    else
        release=$(kb_resolve_kernel "$alias") || { count 0; return 0; }
    fi
    results="$KB_BUILD/vm-results/$release/hardening"
    rm -rf "$results"
    mkdir -p "$results"
    start=$SECONDS
    "$KB_ROOT/scripts/vm-run.sh" --kernel "$alias" "${extra[@]+"${extra[@]}"}" \
        --timeout "${KB_HARDENING_TIMEOUT:-1800}" --results "$results" \
        -- scripts/hardening/guest.sh "$@" || rc=$?
    {
        printf '== %s: exit %d in %ds\n' "$release" "$rc" "$((SECONDS - start))"
        sed 's/^/   /' "$results/hardening-summary.txt" 2>/dev/null || printf '   (no summary: see %s/console.log)\n' "$results"
    } >>"$report"
    if [[ -s "$results/hardening-summary.txt" ]]; then
        while read -r line; do
            case "$line" in
                "ok "*) count 1 ;;
                "not ok "*) count 0 ;;
            esac
        done <"$results/hardening-summary.txt"
    fi
    # the guest itself failed (125 kernel, 124 timeout, 126 runner): a failure
    # even when every part that finished passed
    if ((rc != 0 && rc != 1)); then
        count 0
        printf '   guest exit %d: kernel failure, timeout or runner error\n' "$rc" >>"$report"
    fi
}

main() {
    local kernel_list=() part_list=() debug_parts=() k start=$SECONDS quick=0
    while (($#)); do
        case "$1" in
            --kernels) kernels=${2:?}; shift 2 ;;
            --debug) debug=1; shift ;;
            --debug-only) debug=1; kernels=none; shift ;;
            --debug-gate)
                debug=1; kernels=none; parts=fuzz,stress,kill
                export KB_DEBUG_FUZZ_CALLS=${KB_FUZZ_CALLS:-100000}
                # a cap well above what 100,000 calls take under KASAN
                export KB_DEBUG_FUZZ_SECONDS=${KB_FUZZ_SECONDS:-1200}
                export KB_STRESS_SECONDS=${KB_STRESS_SECONDS:-20}
                export KB_KILL_ROUNDS=${KB_KILL_ROUNDS:-30}
                shift ;;
            --parts) parts=${2:?}; shift 2 ;;
            --quick) quick=1; shift ;;
            -h | --help) usage; return 0 ;;
            *) kb_usage_error "unknown argument '$1'" ;;
        esac
    done
    trap cleanup EXIT
    report=$(mktemp)
    if ((quick)); then
        export KB_FUZZ_CALLS=${KB_FUZZ_CALLS:-50000} KB_FUZZ_SECONDS=${KB_FUZZ_SECONDS:-60}
        export KB_STRESS_SECONDS=${KB_STRESS_SECONDS:-8} KB_KILL_ROUNDS=${KB_KILL_ROUNDS:-10}
        export KB_RELOAD_ROUNDS=${KB_RELOAD_ROUNDS:-10}
    fi
    [[ "$kernels" == none ]] || IFS=, read -r -a kernel_list <<<"$kernels"
    if [[ -n "$parts" ]]; then
        IFS=, read -r -a part_list <<<"$parts"
    else
        part_list=(fuzz stress java kill reload limits fdpass unwoken)
    fi

    kb_info "building the native tools"
    make -s -C "$KB_ROOT/native" all >&2
    kb_test_classpath >/dev/null || kb_warn "the java part will fail without the Java build"

    kb_info "syzlang description vs the uapi header"
    mkdir -p "$KB_BUILD/hardening"
    if python3 "$KB_ROOT/scripts/hardening/check-syzlang.py" >"$KB_BUILD/hardening/syzlang.log" 2>&1; then
        count 1
        printf '== host: ok syzlang (%s)\n' "$(tail -n 1 "$KB_BUILD/hardening/syzlang.log")" >>"$report"
    else
        count 0
        printf '== host: not ok syzlang: see build/hardening/syzlang.log\n' >>"$report"
        cat "$KB_BUILD/hardening/syzlang.log" >&2
    fi

    for k in "${kernel_list[@]+"${kernel_list[@]}"}"; do
        run_kernel "$k" "${part_list[@]}"
    done
    if ((debug)); then
        kb_info "debug kernel (cached build; the first one takes minutes)"
        if "$KB_ROOT/scripts/hardening/debug-kernel.sh" >&2; then
            # slower under KASAN: fewer calls unless set
            debug_parts=(ctest "${part_list[@]}" kmemleak rmmod)
            KB_FUZZ_CALLS=${KB_DEBUG_FUZZ_CALLS:-${KB_FUZZ_CALLS:-300000}} \
                KB_FUZZ_SECONDS=${KB_DEBUG_FUZZ_SECONDS:-${KB_FUZZ_SECONDS:-300}} \
                run_kernel debug "${debug_parts[@]}"
        else
            count 0
            printf '== debug: not ok: the debug kernel did not build\n' >>"$report"
        fi
    fi
    printf '\nHardening suite (%ds):\n' "$((SECONDS - start))"
    cat "$report"
    printf '%d passed, %d failed\n' "$total_passed" "$total_failed"
    ((total_failed == 0))
}

main "$@"
