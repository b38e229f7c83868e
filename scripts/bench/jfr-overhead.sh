#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The kthread-bridge authors
# What the JFR events cost on the create -> wake -> stop cycle
# (JfrOverheadBenchmark): events off, events on without a recording, and
# with a recording, in one JMH run inside a VM guest on the real module.
set -euo pipefail

# shellcheck disable=SC2034  # used by kb_log in lib/common.sh
KB_PROG=jfr-overhead.sh
# shellcheck source=../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

readonly OUT_REL=build/bench/jfr

usage() {
    cat <<'EOF_USAGE'
Usage: scripts/bench/jfr-overhead.sh [--kernel K] [JMH-ARGS...]

On the host: builds java/kthread-bridge-jmh, then boots a guest (6.12 by
default; the VM lock is taken) and runs JfrOverheadBenchmark there.
Writes build/bench/jfr/result.json (JMH) and summary.md (median per
benchmark and the ratios to eventsOff).
Default JMH options: -f 2 -wi 3 -i 5 -w 2s -r 2s.
EOF_USAGE
}

# In the guest: the JMH run itself.
guest() {
    local out=$1
    shift
    local cp
    # JMH's forks report to the parent over loopback, which the guest leaves down
    ip link set lo up
    cp="java/kthread-bridge-jmh/target/classes:$(cat java/kthread-bridge-jmh/target/jmh-classpath.txt)"
    # UseAVX=0: JIT-compiled code died of SIGILL now and then under QEMU TCG (2026-12-04)
    "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -XX:UseAVX=0 \
        "-Dkthreadbridge.library.path=$KB_ROOT/build/native/libkthreadbridge.so" \
        -cp "$cp" org.openjdk.jmh.Main JfrOverheadBenchmark "$@" -rf json -rff "$out/result.json"
}

summarize() {
    local out=$1
    jq -r '
      (map({key: (.benchmark | split(".") | last),
            value: .primaryMetric.scorePercentiles["50.0"]}) | from_entries) as $m
      | "| benchmark | median µs/cycle | ratio to eventsOff |",
        "|---|---|---|",
        (["eventsOff", "eventsNoRecording", "eventsRecording"][] as $b
          | select($m[$b] != null)
          | "| \($b) | \($m[$b] * 1000 | round / 1000) | \(($m[$b] / $m.eventsOff) * 10000 | round / 10000) |")
    ' "$out/result.json" >"$out/summary.md"
    cat "$out/summary.md"
}

main() {
    local kernel=6.12 out java_home args
    case "${1:-}" in -h | --help) usage; return 0 ;; esac
    java_home=$(find_java_home) || kb_die "a JDK >= $KB_JAVA_MIN is required"
    export JAVA_HOME=$java_home
    cd "$KB_ROOT"
    out="$KB_ROOT/$OUT_REL"
    if [[ "${1:-}" == --guest ]]; then
        shift
        guest "$out" "$@"
        return
    fi
    if [[ "${1:-}" == --kernel ]]; then
        kernel=$2
        shift 2
    fi
    mkdir -p "$out"
    rm -f "$out/result.json"
    ./mvnw -B -q -o -Dvm.skip -Dkmod.skip -DskipTests package -pl java/kthread-bridge-jmh -am
    args=("$@")
    [[ ${#args[@]} -gt 0 ]] || args=(-f 2 -wi 3 -i 5 -w 2s -r 2s)
    flock /tmp/kb-vm.lock ./scripts/vm-run.sh --kernel "$kernel" --timeout 1800 -- \
        scripts/bench/jfr-overhead.sh --guest "${args[@]}" | tee "$out/jmh.log"
    summarize "$out"
}

main "$@"
