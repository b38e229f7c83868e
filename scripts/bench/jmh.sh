#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The kthread-bridge authors
# The call-path comparison on the host (no module needed): one kb_ioctl()
# on /dev/null (-ENOTTY at once) from C, the project's FFM bindings, JNI and
# JNA in one JMH run, then the C baseline outside the JVM (kb_ioctl_loop).
set -euo pipefail

# shellcheck disable=SC2034  # used by kb_log in lib/common.sh

KB_PROG=jmh.sh
# shellcheck source=../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

readonly OUT_REL=build/bench/jmh

usage() {
    cat <<'EOF_USAGE'
Usage: scripts/bench/jmh.sh [JMH-ARGS...]

Runs java/kthread-bridge-jmh (./mvnw -Pjmh) and writes build/bench/jmh/:
result.json (JMH), summary.md (ns/op and ratios to C), c-loop.json.
Default JMH arguments suit a shared 2-core machine:
IoctlPathBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s (the JFR benchmarks:
scripts/bench/jfr-overhead.sh).
EOF_USAGE
}

cleanup() {
    :
}

main() {
    local args out java_home
    case "${1:-}" in -h | --help) usage; return 0 ;; esac
    trap cleanup EXIT
    java_home=$(find_java_home) || kb_die "a JDK >= $KB_JAVA_MIN is required"
    export JAVA_HOME=$java_home
    cd "$KB_ROOT"
    out="$KB_ROOT/$OUT_REL"
    mkdir -p "$out"
    args="${*:-IoctlPathBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s}"
    ./mvnw -B -q -Pjmh -Dvm.skip -Dkmod.skip -DskipTests verify \
        -pl java/kthread-bridge-jmh,java/kthread-bridge-cli -am \
        "-Djmh.args=$args -rf json -rff $out/result.json" | tee "$out/jmh.log"
    build/native/jni/kb_ioctl_loop 1000000 5 | tee "$out/c-loop.txt" | tail -n 1 >"$out/c-loop.json"
    "$JAVA_HOME/bin/java" -jar "$KB_CLI_JAR" jmh-summary \
        "$out/result.json" --c-loop "$out/c-loop.json" --out "$out" \
        || kb_die "kb jmh-summary failed; raw results in $out/result.json"
}

main "$@"
