#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The kthread-bridge authors
# Build (once, cached) a debug guest kernel from Debian's linux-source-6.1:
# allnoconfig + kvm_guest.config + the fragment below (console, ACPI, PCI,
# virtio-pci, 9p, pvpanic-pci, devtmpfs, modules) + KASAN, lockdep,
# DEBUG_ATOMIC_SLEEP, kmemleak, debug objects/lists, hung-task and
# soft-lockup detectors. Keeps in build/debug-kernel/:
#   bzImage, System.map, .config, release     the kernel
#   tree/                                      an external-module build tree
# and builds the module against it (build/kmod/<release>/). A kernel built
# once is kept in $KB_CACHE/debug-kernel/<recipe hash>/ (default
# ~/.cache/kthread-bridge) and copied from there by every other clone.
# scripts/vm-run.sh --kernel debug boots it (bzImage, -M q35).
set -euo pipefail

# shellcheck disable=SC2034  # used by kb_log in lib/common.sh
KB_PROG=debug-kernel.sh
# shellcheck source-path=SCRIPTDIR source=../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

SRC_TAR=${KB_DEBUG_SRC:-/usr/src/linux-source-6.1.tar.xz}
OUT="$KB_BUILD/debug-kernel"
WORK="$OUT/src"
JOBS=${KB_DEBUG_JOBS:-$(nproc)}

usage() {
    cat <<'EOF_USAGE'
Usage: scripts/hardening/debug-kernel.sh [--force] [--module-only] [--print-release]

Builds build/debug-kernel/{bzImage,tree/} from /usr/src/linux-source-6.1.tar.xz
(about 6 min of make -j2 on a quiet 2-core machine) unless it is already
there and the config fragment did not change, or copies it from the
machine's cache (KB_CACHE, default ~/.cache/kthread-bridge/debug-kernel/,
keyed by the fragment, the source tarball and this script's version); then
builds kthread_bridge.ko against it. --force rebuilds the kernel (and
replaces the cached one); --print-release prints the release.
EOF_USAGE
}

fragment() {
    cat <<'EOF_FRAG'
CONFIG_64BIT=y
CONFIG_SMP=y
CONFIG_NR_CPUS=8
CONFIG_LOCALVERSION="-kbdebug"
CONFIG_LOCALVERSION_AUTO=n
CONFIG_PRINTK=y
CONFIG_PRINTK_TIME=y
CONFIG_BUG=y
CONFIG_KALLSYMS=y
CONFIG_KALLSYMS_ALL=y
CONFIG_MULTIUSER=y
CONFIG_FUTEX=y
CONFIG_EPOLL=y
CONFIG_SIGNALFD=y
CONFIG_TIMERFD=y
CONFIG_EVENTFD=y
CONFIG_SHMEM=y
CONFIG_AIO=y
CONFIG_ADVISE_SYSCALLS=y
CONFIG_MEMBARRIER=y
CONFIG_FILE_LOCKING=y
CONFIG_INOTIFY_USER=y
CONFIG_POSIX_TIMERS=y
CONFIG_PROC_FS=y
CONFIG_PROC_SYSCTL=y
CONFIG_SYSFS=y
CONFIG_TMPFS=y
CONFIG_DEVTMPFS=y
CONFIG_UNIX98_PTYS=y
CONFIG_BLK_DEV_INITRD=y
CONFIG_BINFMT_ELF=y
CONFIG_BINFMT_SCRIPT=y
CONFIG_UNIX=y
CONFIG_NET=y
CONFIG_INET=y
CONFIG_ACPI=y
CONFIG_PCI=y
CONFIG_PCI_MSI=y
CONFIG_PCIEPORTBUS=y
CONFIG_VIRTIO_PCI=y
CONFIG_NET_9P=y
CONFIG_NET_9P_VIRTIO=y
CONFIG_9P_FS=y
CONFIG_PVPANIC=y
CONFIG_PVPANIC_PCI=y
CONFIG_TTY=y
CONFIG_SERIAL_8250=y
CONFIG_SERIAL_8250_CONSOLE=y
CONFIG_MAGIC_SYSRQ=y
CONFIG_MODULES=y
CONFIG_MODULE_UNLOAD=y
CONFIG_MODVERSIONS=n
CONFIG_MODULE_SIG=n
CONFIG_HIGH_RES_TIMERS=y
CONFIG_UNWINDER_FRAME_POINTER=y
CONFIG_DEBUG_INFO_NONE=y
CONFIG_DEBUG_KERNEL=y
CONFIG_DEBUG_FS=y
CONFIG_KASAN=y
CONFIG_KASAN_GENERIC=y
CONFIG_KASAN_INLINE=y
CONFIG_PROVE_LOCKING=y
CONFIG_DEBUG_ATOMIC_SLEEP=y
CONFIG_DEBUG_KMEMLEAK=y
CONFIG_DEBUG_KMEMLEAK_MEM_POOL_SIZE=16000
CONFIG_DEBUG_KMEMLEAK_AUTO_SCAN=n
CONFIG_DEBUG_OBJECTS=y
CONFIG_DEBUG_OBJECTS_TIMERS=y
CONFIG_DEBUG_OBJECTS_WORK=y
CONFIG_DEBUG_LIST=y
CONFIG_DETECT_HUNG_TASK=y
CONFIG_SOFTLOCKUP_DETECTOR=y
CONFIG_LOCKUP_DETECTOR=y
CONFIG_SCHED_DEBUG=y
EOF_FRAG
}

# Options the guest needs; the build fails if merge_config dropped one.
REQUIRED=(CONFIG_KASAN CONFIG_PROVE_LOCKING CONFIG_DEBUG_ATOMIC_SLEEP
    CONFIG_DEBUG_KMEMLEAK CONFIG_DETECT_HUNG_TASK CONFIG_SOFTLOCKUP_DETECTOR
    CONFIG_9P_FS CONFIG_NET_9P_VIRTIO CONFIG_VIRTIO_PCI CONFIG_PVPANIC_PCI
    CONFIG_SERIAL_8250_CONSOLE CONFIG_MODULE_UNLOAD CONFIG_DEVTMPFS
    CONFIG_BLK_DEV_INITRD CONFIG_ACPI CONFIG_MULTIUSER CONFIG_FUTEX CONFIG_UNIX)

need_tools() {
    local missing=()
    command -v flex >/dev/null || missing+=(flex)
    command -v bison >/dev/null || missing+=(bison)
    [[ -f /usr/include/libelf.h ]] || missing+=(libelf-dev)
    [[ -f /usr/include/openssl/opensslv.h ]] || missing+=(libssl-dev)
    command -v bc >/dev/null || missing+=(bc)
    [[ -f "$SRC_TAR" ]] || missing+=(linux-source-6.1)
    ((${#missing[@]})) || return 0
    kb_info "installing ${missing[*]}"
    kb_apt_get install "${missing[@]}" >&2
}

frag_hash() {
    { fragment; sha256sum "$SRC_TAR" | cut -d' ' -f1; echo "${BASH_SOURCE[0]##*/}-v1"; } | sha256sum | cut -d' ' -f1
}

build_kernel() {
    local start=$SECONDS opt tarball_top
    need_tools
    rm -rf "$WORK" "$OUT/tree"
    mkdir -p "$WORK"
    kb_info "unpacking $SRC_TAR"
    tar -xJf "$SRC_TAR" -C "$WORK" --strip-components=1
    fragment >"$OUT/debug.config"
    (
        cd "$WORK"
        make -s ARCH=x86_64 allnoconfig
        ./scripts/kconfig/merge_config.sh -m .config kernel/configs/kvm_guest.config "$OUT/debug.config" >/dev/null
        make -s ARCH=x86_64 olddefconfig
    )
    for opt in "${REQUIRED[@]}"; do
        grep -q "^$opt=y" "$WORK/.config" || kb_die "$opt is not =y in the merged config"
    done
    kb_info "make -j$JOBS bzImage modules_prepare (minutes)"
    make -s -C "$WORK" ARCH=x86_64 -j"$JOBS" bzImage >"$OUT/build.log" 2>&1 ||
        { tail -n 30 "$OUT/build.log" >&2; kb_die "kernel build failed (see $OUT/build.log)"; }
    make -s -C "$WORK" ARCH=x86_64 -j"$JOBS" modules >>"$OUT/build.log" 2>&1 || true
    cp "$WORK/arch/x86/boot/bzImage" "$WORK/System.map" "$WORK/.config" "$OUT/"
    make -s -C "$WORK" kernelrelease >"$OUT/release"
    # The external-module build tree: the source tree minus objects is big;
    # keep what Debian's builddeb keeps for headers.
    kb_info "saving the module build tree"
    mkdir -p "$OUT/tree"
    (
        cd "$WORK"
        {
            find . arch/x86 -maxdepth 1 -name 'Makefile*'
            find include scripts -type f -o -type l
            find arch/x86 -name 'module.lds' -o -name 'Kbuild.platforms' -o -name 'Platform'
            find arch/x86/include -type f
            find "arch/x86/include" "include" -newer .config -type f 2>/dev/null
            find tools/objtool -type f -executable
            printf '%s\n' .config Module.symvers System.map
            find . -name 'Kconfig*' -o -name 'Kbuild*' | grep -v '^./Documentation'
        } | sort -u | tar -cf - -T -
    ) | tar -xf - -C "$OUT/tree"
    for f in .config Module.symvers System.map scripts/mod/modpost include/config/auto.conf; do
        [[ -e "$OUT/tree/$f" ]] || kb_die "the module build tree lacks $f"
    done
    tarball_top=$(du -sh "$OUT/tree" | cut -f1)
    frag_hash >"$OUT/config.hash"
    rm -rf "$WORK"
    kb_info "debug kernel $(cat "$OUT/release") built in $((SECONDS - start))s (tree $tarball_top)"
}

# The kernel of this recipe from the machine's cache into OUT, if there.
restore_kernel() {
    local cached=$KB_CACHE/debug-kernel/$1
    [[ -s "$cached/bzImage" && -d "$cached/tree" && -s "$cached/release" ]] || return 1
    kb_info "debug kernel $(cat "$cached/release") from $cached"
    rm -rf "$OUT/tree"
    cp -a "$cached/." "$OUT/"
}

# OUT's kernel into the machine's cache, replacing other recipes' kernels.
save_kernel() {
    local hash=$1 dir=$KB_CACHE/debug-kernel tmp
    mkdir -p "$dir"
    tmp=$(mktemp -d "$dir/.new.XXXXXX")
    cp -a "$OUT/bzImage" "$OUT/System.map" "$OUT/.config" "$OUT/release" "$OUT/config.hash" "$OUT/tree" "$tmp/"
    find "$dir" -mindepth 1 -maxdepth 1 ! -name "${tmp##*/}" -exec rm -rf {} +
    mv "$tmp" "$dir/$hash"
}

build_module() {
    local release
    release=$(cat "$OUT/release")
    kb_info "building kthread_bridge.ko for $release"
    make -s -C "$KB_ROOT/kmod" KVER="$release" KDIR="$OUT/tree" >&2
    [[ -f "$KB_BUILD/kmod/$release/kthread_bridge.ko" ]] || kb_die "no module for $release"
}

main() {
    local force=0 module_only=0 hash
    while (($#)); do
        case "$1" in
            --force) force=1 ;;
            --module-only) module_only=1 ;;
            --print-release) cat "$OUT/release"; return 0 ;;
            -h | --help) usage; return 0 ;;
            *) kb_usage_error "unknown argument '$1'" ;;
        esac
        shift
    done
    mkdir -p "$OUT"
    hash=$(frag_hash)
    if ((!module_only)) && { ((force)) || [[ ! -s "$OUT/bzImage" || ! -d "$OUT/tree" ||
        "$(cat "$OUT/config.hash" 2>/dev/null)" != "$hash" ]]; }; then
        if ((force)) || ! restore_kernel "$hash"; then
            build_kernel
            save_kernel "$hash"
        fi
    fi
    [[ -s "$OUT/bzImage" ]] || kb_die "no $OUT/bzImage"
    build_module
}

main "$@"
