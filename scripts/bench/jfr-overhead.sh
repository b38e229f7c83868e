#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The kthread-bridge authors
# What the JFR events cost on the create -> wake -> stop cycle
# (JfrOverheadBenchmark): events off, events on without a recording, and
# with a recording, in one JMH run inside a VM guest on the real module;
# in the same run, what one call site's instrumentation adds to one ioctl
# (JfrCallSiteBenchmark, resolved to nanoseconds).
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
default; the VM lock is taken) and runs JfrOverheadBenchmark and
JfrCallSiteBenchmark there, in one JMH run.
Writes build/bench/jfr/result.json (JMH) and summary.md: the cycle's
median per benchmark and its ratio to eventsOff; the call site's ns per
ioctl; and what the instrumentation without a recording adds per cycle
(three call sites) as a share of the eventsOff median.
Default JMH options: -f 2 -wi 3 -i 5 -w 2s -r 2s. Under TCG the guest
runs single-threaded TCG unless KB_TCG_THREAD says otherwise.
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
        -cp "$cp" org.openjdk.jmh.Main 'JfrOverheadBenchmark|JfrCallSiteBenchmark' "$@" -rf json -rff "$out/result.json"
}

summarize() {
    local out=$1
    jq -r '
      (map({key: (.benchmark | split(".") | last),
            value: {median: .primaryMetric.scorePercentiles["50.0"],
                    score: .primaryMetric.score, error: .primaryMetric.scoreError}})
       | from_entries) as $m
      | def r(x; n): (x * n | round) / n;
        "| cycle benchmark | median µs/cycle | ratio to eventsOff |",
        "|---|---|---|",
        (["eventsOff", "eventsNoRecording", "eventsRecording"][] as $b
          | select($m[$b] != null)
          | "| \($b) | \(r($m[$b].median; 1000)) | \(r($m[$b].median / $m.eventsOff.median; 10000)) |"),
        "",
        "| call-site benchmark | ns per ioctl (mean ± 99.9% error) |",
        "|---|---|",
        (["bare", "instrumentedOff", "instrumented", "instrumentedRecording"][] as $b
          | select($m[$b] != null)
          | "| \($b) | \(r($m[$b].score; 10)) ± \(r($m[$b].error; 10)) |"),
        (select($m.instrumented != null and $m.bare != null and $m.eventsOff != null)
          | ($m.instrumented.score - $m.bare.score) as $d
          | ($d + $m.instrumented.error + $m.bare.error) as $hi
          | "",
            "Instrumentation without a recording: \(r($d; 10)) ns per call (at most \(r($hi; 10)) ns within the errors);"
            + " 3 calls per cycle = \(r(300 * $d / ($m.eventsOff.median * 1000); 10000))% of the eventsOff median"
            + " (at most \(r(300 * $hi / ($m.eventsOff.median * 1000); 10000))%).")
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
    # one emulator thread (no effect under KVM): multi-threaded TCG has crashed JMH's JVMs at the
    # entry of freshly compiled methods (SIGSEGV/SIGILL, 2026-12-04), single-threaded never here
    KB_TCG_THREAD=${KB_TCG_THREAD:-single} flock /tmp/kb-vm.lock ./scripts/vm-run.sh --kernel "$kernel" --timeout 1800 -- \
        scripts/bench/jfr-overhead.sh --guest "${args[@]}" | tee "$out/jmh.log"
    summarize "$out"
}

main "$@"
