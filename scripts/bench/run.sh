#!/bin/bash
# scripts/bench/run.sh [options]: the experiments of `kb bench` inside the
# QEMU guest on each kernel of the matrix, then `kb report` over them.
#
#   --kernels "6.1 6.12 6.1-rt"   kernels (aliases of scripts/lib/common.sh); default: the matrix
#   --iterations N                lifecycle samples; wakeup takes N/5 per condition (default 300)
#   --scale-max N                 most live kthreads in the scale experiment (default 1000;
#                                 10000 is affordable once under TCG for the docs)
#   --cycles N --rounds R         cycles experiment: N create->wake->stop cycles per round, R rounds,
#                                 Java / C (build/native/kb_cycle) / in-kernel interleaved (default 500, 5)
#   --experiments "..."           default "all" (lifecycle wakeup scale cycles)
#   --timeout S                   per-guest timeout for vm-run.sh (default 1500)
#   --out DIR                     default build/bench; per kernel DIR/<release>/, comparison DIR/compare/
#   --no-build                    use the existing target/kb-cli.jar and build/native
#
# Every report states the kernel, the accelerator (KB_ACCEL, decided here as
# vm-run.sh does: KVM if kvm_intel/kvm_amd is loaded, else TCG) and the host.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
# shellcheck source=scripts/lib/common.sh disable=SC1091
. "$ROOT/scripts/lib/common.sh"

KERNELS=""
ITER=300
SCALE_MAX=1000
CYCLES=500
ROUNDS=5
EXPS="all"
TIMEOUT=1500
OUT=build/bench
BUILD=1
while [ $# -gt 0 ]; do
  case "$1" in
    --kernels) KERNELS=$2; shift 2 ;;
    --iterations) ITER=$2; shift 2 ;;
    --scale-max) SCALE_MAX=$2; shift 2 ;;
    --cycles) CYCLES=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --experiments) EXPS=$2; shift 2 ;;
    --timeout) TIMEOUT=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
KERNELS=${KERNELS:-${KB_KERNEL_MATRIX[*]}}

JAVA_HOME=${JAVA_HOME:-$(find_java_home 2>/dev/null || echo /usr/lib/jvm/temurin-25-jdk-amd64)}
export JAVA_HOME
if [ "$BUILD" = 1 ]; then
  mvn -B -q -Dvm.skip -DskipTests package
fi
[ -f target/kb-cli.jar ] || { echo "run.sh: target/kb-cli.jar missing (build first)" >&2; exit 1; }

if [ -e /sys/module/kvm_intel ] || [ -e /sys/module/kvm_amd ]; then
  export KB_ACCEL=KVM
else
  export KB_ACCEL=TCG
fi
model=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
KB_HOST_MACHINE="$(uname -r), $(nproc) CPUs ${model}, shared with other QEMU guests"
export KB_HOST_MACHINE

mkdir -p "$OUT"
dirs=()
status=0
for k in $KERNELS; do
  release=$(kb_resolve_kernel "$k")
  dir="$OUT/$release"
  rm -rf "$dir"
  mkdir -p "$dir"
  echo "run.sh: kernel $release ($KB_ACCEL) -> $dir" >&2
  # shellcheck disable=SC2086
  if scripts/vm-run.sh --kernel "$k" --timeout "$TIMEOUT" -- \
      "$JAVA_HOME/bin/java" -jar target/kb-cli.jar bench $EXPS \
      --iterations "$ITER" --scale-max "$SCALE_MAX" --cycles "$CYCLES" --rounds "$ROUNDS" \
      --c-cycle build/native/kb_cycle --out "$dir" --csv --png; then
    dirs+=("$dir")
  else
    rc=$?
    echo "run.sh: kernel $release failed with status $rc (see the vm-results directory printed above)" >&2
    status=1
  fi
done
if [ ${#dirs[@]} -gt 0 ]; then
  "$JAVA_HOME/bin/java" -jar target/kb-cli.jar report "${dirs[@]}" --out "$OUT/compare"
fi
exit $status
