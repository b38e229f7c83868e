#!/bin/bash
# scripts/bench/jmh.sh [JMH-ARGS...]: the call-path comparison on the host
# (no module needed): one kb_ioctl() on /dev/null (-ENOTTY at once) from C,
# the project's FFM bindings, JNI and JNA, all in one JMH run, then the
# C baseline outside the JVM (kb_ioctl_loop). Writes build/bench/jmh/:
# result.json (JMH), summary.md (ns/op and ratios to C), c-loop.json.
# Default JMH options suit the shared 2-core machine: -f 1 -wi 3 -i 5 -w 1s -r 1s.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
OUT=build/bench/jmh
mkdir -p "$OUT"
ARGS="${*:--f 1 -wi 3 -i 5 -w 1s -r 1s}"
mvn -B -q -Pjmh -Dvm.skip -DskipTests verify \
  "-Djmh.args=$ARGS -rf json -rff $ROOT/$OUT/result.json" | tee "$OUT/jmh.log"
build/native/jni/kb_ioctl_loop 1000000 5 | tee "$OUT/c-loop.txt" | tail -1 > "$OUT/c-loop.json"
java_cmd="$JAVA_HOME/bin/java"
"$java_cmd" -cp target/kb-cli.jar dev.kthreadbridge.cli.Main jmh-summary \
  "$OUT/result.json" --c-loop "$OUT/c-loop.json" --out "$OUT" || \
  echo "jmh.sh: kb-cli.jar jmh-summary failed; raw results in $OUT/result.json" >&2
