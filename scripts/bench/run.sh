#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The kthread-bridge authors
# The experiments of `kb bench` inside QEMU guests on each kernel of the
# matrix, then `kb report` over them.
set -euo pipefail

# shellcheck disable=SC2034  # used by kb_log in lib/common.sh
KB_PROG=bench/run.sh
# shellcheck source=../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

KERNELS=()
ITER=300
SCALE_MAX=1000
CYCLES=500
ROUNDS=9
WARMUP=20
WARMUP_CYCLES=20000
CYCLES_SMP=1
FILES_THREADS=1,2,4
FILES_DURATION=0.25
FILES_ROUNDS=60
FILES_WARMUP=20
EXPS=(lifecycle wakeup control scale files cycles)
TIMEOUT=1500
OUT=$KB_BUILD/bench
BUILD=1
OBSERVE=()

usage() {
    cat <<'EOF_USAGE'
Usage: scripts/bench/run.sh [options]

Runs `java -jar kb-cli.jar bench` (java/kthread-bridge-cli/target) in a QEMU guest per kernel
(scripts/vm-run.sh) and merges the runs with `kb report`.

  --kernels "6.1 6.12 6.1-rt 6.12-rt"  kernels (aliases of scripts/lib/common.sh); default: the matrix
  --experiments "..."          any of lifecycle wakeup control scale files cycles (default: all six)
  --iterations N               lifecycle samples; wakeup and control take N/5 per series (default 300)
  --scale-max N                most live kthreads in the scale experiment (default 1000;
                               10000 is affordable once under TCG)
  --cycles N --rounds R        cycles experiment: R rounds, each a block of N create->wake->stop
                               cycles per path: Java API / raw FFM / C (build/native/kb_cycle),
                               in an order rotating round by round, then in-kernel (default 500, 9)
  --warmup S                   at least S seconds of Java cycles before the rounds, for the JIT (default 20)
  --warmup-cycles N            and at least N of them (default 20000; 20 s alone gave 4,353 on 6.1-rt)
  --cycles-smp N               vCPUs of the cycles guest (default 1, see below)
  --files-threads LIST         files experiment: Java threads per configuration, one shared open file
                               vs one file each (default 1,2,4)
  --files-duration S           seconds per block of the files experiment (default 0.25)
  --files-rounds R             its rounds, the side that goes first alternating (default 60:
                               short blocks, many rounds, as the host's load moves within seconds)
  --files-warmup S             its unmeasured rounds before, for at least S seconds (default 20)
  --timeout S                  per-guest timeout for vm-run.sh (default 1500)
  --out DIR                    default build/bench: DIR/<release>/ (cycles in DIR/<release>/cycles/),
                               DIR/compare/
  --trace                      also trace each run in the guest's kernel: DIR/<release>/trace.json
                               (Trace Event Format: Perfetto, chrome://tracing; docs/experiments.md)
  --jfr                        also record the JFR events of each run: DIR/<release>/bench.jfr
  --html                       also write DIR/<release>/report.html (tables, SVG plots, the trace's
                               timeline), self-contained
  --no-build                   use the existing kb-cli.jar and build/native

The cycles experiment runs in a guest of its own with one vCPU: under TCG
a wake-up that crosses to an idle vCPU waits milliseconds for it (measured:
kb_cycle 200-230 cycles/s with 2 vCPUs, 2900-4800 with one, in the same
hour), which buries the user-space cost the experiment compares. The other
experiments need two vCPUs (pinned vs not, loaded CPUs, threads on one
file side by side) and get them.

Every report states the kernel, the accelerator (KB_ACCEL, decided as
vm-run.sh does: KVM if kvm_intel/kvm_amd is loaded, else TCG) and the host.
Exit status: 0 if every guest run succeeded, 1 otherwise, 2 usage.
EOF_USAGE
}

parse_args() {
    while (($#)); do
        case "$1" in
            --kernels) read -ra KERNELS <<<"${2:?}"; shift 2 ;;
            --experiments) read -ra EXPS <<<"${2:?}"; shift 2 ;;
            --iterations) ITER=${2:?}; shift 2 ;;
            --scale-max) SCALE_MAX=${2:?}; shift 2 ;;
            --cycles) CYCLES=${2:?}; shift 2 ;;
            --rounds) ROUNDS=${2:?}; shift 2 ;;
            --warmup) WARMUP=${2:?}; shift 2 ;;
            --warmup-cycles) WARMUP_CYCLES=${2:?}; shift 2 ;;
            --cycles-smp) CYCLES_SMP=${2:?}; shift 2 ;;
            --files-threads) FILES_THREADS=${2:?}; shift 2 ;;
            --files-duration) FILES_DURATION=${2:?}; shift 2 ;;
            --files-rounds) FILES_ROUNDS=${2:?}; shift 2 ;;
            --files-warmup) FILES_WARMUP=${2:?}; shift 2 ;;
            --timeout) TIMEOUT=${2:?}; shift 2 ;;
            --out) OUT=${2:?}; shift 2 ;;
            --trace) OBSERVE+=(--trace); shift ;;
            --jfr) OBSERVE+=(--jfr); shift ;;
            --html) OBSERVE+=(--html); shift ;;
            --no-build) BUILD=0; shift ;;
            -h|--help) usage; exit 0 ;;
            *) kb_usage_error "unknown option: $1" ;;
        esac
    done
    local e
    for e in "${EXPS[@]}"; do
        case "$e" in
            lifecycle|wakeup|control|scale|files|cycles) ;;
            all) EXPS=(lifecycle wakeup control scale files cycles) ;;
            *) kb_usage_error "unknown experiment: $e" ;;
        esac
    done
    if ((${#KERNELS[@]} == 0)); then
        KERNELS=("${KB_KERNEL_MATRIX[@]}")
    fi
}

build() {
    if ((BUILD)); then
        (cd "$KB_ROOT" && ./mvnw -B -q -Dvm.skip -Dkmod.skip -DskipTests package -pl java/kthread-bridge-cli -am)
        make -s -C "$KB_ROOT/native"
    fi
    [[ -f "$KB_CLI_JAR" ]] || kb_die "$KB_CLI_JAR missing (build first, or drop --no-build)"
}

describe_host() {
    if kb_have_kvm; then
        export KB_ACCEL=KVM
    else
        export KB_ACCEL=TCG
    fi
    local model
    model=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
    KB_HOST_MACHINE="$(uname -r), $(nproc) CPUs ${model}, shared with other QEMU guests"
    export KB_HOST_MACHINE
}

# observe_args DIR: --trace / --jfr DIR/bench.jfr / --html as asked for.
observe_args() {
    local o
    for o in "${OBSERVE[@]+"${OBSERVE[@]}"}"; do
        if [[ "$o" == --jfr ]]; then
            printf '%s\n' --jfr "$1/bench.jfr"
        else
            printf '%s\n' "$o"
        fi
    done
}

# run_bench KERNEL SMP DIR EXPERIMENT...: one guest running `kb bench`.
run_bench() {
    local kernel=$1 smp=$2 dir=$3 observe=()
    shift 3
    rm -rf "$dir"
    mkdir -p "$dir"
    mapfile -t observe < <(observe_args "$dir")
    (cd "$KB_ROOT" && scripts/vm-run.sh --kernel "$kernel" --smp "$smp" --timeout "$TIMEOUT" -- \
        "$JAVA_HOME/bin/java" -jar "$KB_CLI_JAR" bench "$@" \
        --iterations "$ITER" --scale-max "$SCALE_MAX" --cycles "$CYCLES" --rounds "$ROUNDS" \
        --warmup "$WARMUP" --warmup-cycles "$WARMUP_CYCLES" --c-cycle build/native/kb_cycle \
        --files-threads "$FILES_THREADS" --files-duration "$FILES_DURATION" --files-rounds "$FILES_ROUNDS" \
        --files-warmup "$FILES_WARMUP" --out "$dir" --csv --png "${observe[@]+"${observe[@]}"}")
}

# run_kernel KERNEL: the 2-vCPU experiments, then cycles in their own guest.
run_kernel() {
    local kernel=$1 release dir e main=() cycles=0 rc=0
    release=$(kb_resolve_kernel "$kernel")
    dir="$OUT/$release"
    for e in "${EXPS[@]}"; do
        if [[ "$e" == cycles ]]; then
            cycles=1
        else
            main+=("$e")
        fi
    done
    kb_info "kernel $release ($KB_ACCEL) -> $dir"
    rm -rf "$dir"
    if ((${#main[@]})); then
        run_bench "$kernel" 2 "$dir" "${main[@]}" || rc=$?
    fi
    if ((cycles && rc == 0)); then
        run_bench "$kernel" "$CYCLES_SMP" "$dir/cycles" cycles || rc=$?
        if ((${#main[@]} == 0)); then
            # nothing else ran: the cycles run is the kernel's run
            cp "$dir/cycles/bench.json" "$dir/bench.json"
        fi
    fi
    if ((rc != 0)); then
        kb_warn "kernel $release failed with status $rc (see the vm-results directory printed above)"
        return 1
    fi
    DONE_DIRS+=("$dir")
}

main() {
    local status=1 kernel failed=0
    DONE_DIRS=()
    trap kb_cleanup EXIT
    parse_args "$@"
    JAVA_HOME=$(find_java_home) || exit 1
    export JAVA_HOME
    build
    describe_host
    mkdir -p "$OUT"
    for kernel in "${KERNELS[@]}"; do
        run_kernel "$kernel" || failed=1
    done
    if ((${#DONE_DIRS[@]})); then
        "$JAVA_HOME/bin/java" -jar "$KB_CLI_JAR" report "${DONE_DIRS[@]}" --out "$OUT/compare"
    fi
    ((failed)) || status=0
    exit "$status"
}

main "$@"
