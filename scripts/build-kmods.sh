#!/bin/bash
# Build the module with W=1 for each kernel given (aliases or releases),
# failing on any compiler warning. Called by the pom in the compile phase.
set -euo pipefail

KB_PROG=build-kmods.sh
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

log_file=''

usage() {
    cat <<'EOF_USAGE'
Usage: scripts/build-kmods.sh [KERNEL...]

Builds kmod/ with W=1 into build/kmod/<release>/ for each KERNEL (6.1,
6.12, 6.1-rt or an installed release; default: the whole matrix).
Exits non-zero when a build fails or prints a compiler warning.
EOF_USAGE
}

cleanup() {
    [[ -z "$log_file" ]] || rm -f -- "$log_file"
}

build_one() {
    local release=$1
    kb_info "building kthread_bridge.ko for $release (W=1)"
    if ! make -s -C "$KB_ROOT/kmod" KVER="$release" W=1 >"$log_file" 2>&1; then
        cat "$log_file" >&2
        kb_die "module build failed for $release"
    fi
    if grep -E 'warning:|error:' "$log_file" >&2; then
        kb_die "module build for $release printed warnings"
    fi
}

main() {
    local kernels=("$@") alias release
    if [[ "${1:-}" == -h || "${1:-}" == --help ]]; then
        usage
        return 0
    fi
    ((${#kernels[@]})) || kernels=("${KB_KERNEL_MATRIX[@]}")
    trap cleanup EXIT
    log_file=$(mktemp)
    for alias in "${kernels[@]}"; do
        release=$(kb_resolve_kernel "$alias") || exit 1
        build_one "$release"
    done
}

main "$@"
