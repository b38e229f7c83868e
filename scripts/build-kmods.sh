#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The kthread-bridge authors
# Build the module with W=1 for each kernel given (aliases or releases),
# failing on any compiler warning. Called by the pom in the compile phase.
set -euo pipefail

# shellcheck disable=SC2034  # used by kb_log in lib/common.sh

KB_PROG=build-kmods.sh
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

log_file=''

usage() {
    cat <<'EOF_USAGE'
Usage: scripts/build-kmods.sh [--all | --installed] [KERNEL...]

Builds kmod/ with W=1 into build/kmod/<release>/ for each KERNEL (6.1,
6.12, 6.1-rt, 6.12-rt or an installed release; default: the whole matrix).
Exits non-zero when a build fails or prints a compiler warning.

  --all        every KERNEL must be installed with its headers (default)
  --installed  build for the KERNELs whose headers are installed and say
               which were skipped (a host build: mvn -Dvm.skip)
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

# has_headers ALIAS: true when the kernel is installed with its build tree.
has_headers() {
    local release
    release=$(kb_resolve_kernel "$1" 2>/dev/null) || return 1
    [[ -d "/lib/modules/$release/build" ]]
}

main() {
    local kernels=() alias release installed_only=0 skipped=()
    while (($#)); do
        case "$1" in
            -h | --help) usage; return 0 ;;
            --all) installed_only=0; shift ;;
            --installed) installed_only=1; shift ;;
            -*) kb_usage_error "unknown option '$1'" ;;
            *) kernels+=("$1"); shift ;;
        esac
    done
    ((${#kernels[@]})) || kernels=("${KB_KERNEL_MATRIX[@]}")
    trap cleanup EXIT
    log_file=$(mktemp)
    for alias in "${kernels[@]}"; do
        if ((installed_only)) && ! has_headers "$alias"; then
            skipped+=("$alias")
            continue
        fi
        release=$(kb_resolve_kernel "$alias") || exit 1
        build_one "$release"
    done
    if ((${#skipped[@]})); then
        kb_info "skipped (no headers installed): ${skipped[*]}; scripts/setup.sh --kernels LIST installs them"
    fi
}

main "$@"
