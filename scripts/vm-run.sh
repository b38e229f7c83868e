#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The kthread-bridge authors
# Run a command as root in a throw-away QEMU guest on a Debian kernel, with
# the kthread_bridge module loaded.  See usage().
set -euo pipefail

# shellcheck disable=SC2034  # used by the kb_log in lib/common.sh
KB_PROG=vm-run.sh
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

readonly RC_TIMEOUT=124
readonly RC_KERNEL=125
readonly RC_RUNNER=126
# Seconds the guest keeps, before the host timeout, for rmmod, dmesg, poweroff.
readonly GUEST_MARGIN=10
readonly PANIC_RE='^\[ *[0-9]+\.[0-9]+\] .*(Kernel panic|BUG:|WARNING:|Oops|blocked for more than|soft lockup|hard LOCKUP|general protection fault|kernel BUG|Call Trace:)'
# Environment variables passed to the command (plus every KB_* variable and
# --env NAME[=VALUE]).
readonly PASS_ENV=(JAVA_HOME PATH LANG LC_ALL TZ MAVEN_OPTS JAVA_TOOL_OPTIONS)

kernel=default
# --kernel debug: build/debug-kernel/bzImage (all drivers built in), booted
# as bzImage (KASAN breaks the PVH entry), module built against its tree.
debug_kernel=0
readonly DEBUG_DIR="$KB_BUILD/debug-kernel"
timeout_s=300
results=''
smp=2
mem=2048
with_module=1
chdir=''
extra_append=''
extra_env=()
command=()

usage() {
    cat <<'EOF'
Usage: scripts/vm-run.sh [options] -- COMMAND [ARG...]

Boot a Debian kernel under QEMU, load build/kmod/<release>/kthread_bridge.ko
(built with `make -C kmod KVER=<release>`), run COMMAND as root in the
project directory (the host root is shared read-only, the project and the
results directory writable at the same paths), save console and dmesg.
With --no-module it needs nothing of the project but scripts/vm-run.sh and
scripts/lib/{common,vm-init,vm-guest}.sh (kthread-bridge-junit bundles them).

Options:
  --kernel K     6.1 (default), 6.12, 6.1-rt, 6.12-rt, or an installed release;
                 debug: the KASAN/lockdep/kmemleak kernel that
                 scripts/hardening/debug-kernel.sh builds into build/debug-kernel
  --timeout S    host timeout in seconds (default 300); inside the guest
                 the command is given what is left of S-10 (guest uptime)
  --results DIR  results directory (default build/vm-results/<release>/<time>)
  --smp N        guest CPUs (default 2)
  --mem M        guest memory in MiB (default 2048)
  --no-module    do not build or load the module
  --chdir DIR    run COMMAND in DIR (absolute; default the project directory);
                 the guest sees the host's files read-only, /tmp and /run are its own
  --env NAME[=V] pass one more environment variable (repeatable)
  --append ARGS  extra kernel command line (later settings win)
  -h, --help     this text

Environment: KB_TCG_THREAD=single runs TCG single-threaded (one host thread
for all vCPUs; default multi). JVMs in 2-vCPU guests have died of SIGILL or
SIGSEGV at the entry of just-patched JIT code under multi-threaded TCG
(QEMU 7.2): single avoids that, at the cost of parallelism.

Passed to COMMAND: JAVA_HOME PATH LANG LC_ALL TZ MAVEN_OPTS JAVA_TOOL_OPTIONS
and every KB_* variable when set on the host, plus --env ones; the guest sets
KB_VM=1, KB_KERNEL=<release>, KB_RESULTS=<dir>, HOME=/root (read-only).

Exit status: COMMAND's status; 124 host or guest timeout; 125 kernel
failure (panic, oops, WARN, hung task, soft lockup, module load/device/
unload failure, W taint); 126 runner failure (build, boot, no status);
2 usage error.
Results: console.log, dmesg.log, output.log, exit-status, run.conf,
command.sh, kernel-failure (why the guest decided 125).
EOF
}

parse_args() {
    while (($#)); do
        case "$1" in
            --kernel) kernel=${2:?}; shift 2 ;;
            --timeout) timeout_s=${2:?}; shift 2 ;;
            --results) results=${2:?}; shift 2 ;;
            --smp) smp=${2:?}; shift 2 ;;
            --mem) mem=${2:?}; shift 2 ;;
            --no-module) with_module=0; shift ;;
            --chdir) chdir=${2:?}; shift 2 ;;
            --env) extra_env+=("${2:?}"); shift 2 ;;
            --append) extra_append+=" ${2:?}"; shift 2 ;;
            -h | --help) usage; exit 0 ;;
            --) shift; command=("$@"); break ;;
            *) kb_usage_error "unknown argument '$1'" ;;
        esac
    done
    ((${#command[@]})) || kb_usage_error "no COMMAND after --"
    [[ "$timeout_s" =~ ^[0-9]+$ && "$timeout_s" -ge 10 ]] || kb_usage_error "--timeout wants seconds >= 10"
    [[ "$smp" =~ ^[0-9]+$ && "$mem" =~ ^[0-9]+$ ]] || kb_usage_error "--smp/--mem want numbers"
    [[ -z "$chdir" || "$chdir" == /* ]] || kb_usage_error "--chdir wants an absolute path"
}

# Extract the uncompressed ELF vmlinux from a bzImage (what the kernel's
# scripts/extract-vmlinux does): find a compressed stream that unpacks to ELF.
extract_vmlinux() {
    local image=$1 out=$2 magic tool offset
    for magic in 'fd377a585a00:xz -dc' '28b52ffd:zstd -dcq' '1f8b0800:gzip -dc'; do
        tool=${magic#*:}
        while read -r offset; do
            tail -c "+$((offset + 1))" "$image" | $tool >"$out" 2>/dev/null || true
            if [[ "$(head -c 4 "$out" | od -An -tx1 | tr -d ' ')" == 7f454c46 ]]; then
                return 0
            fi
        done < <(LC_ALL=C grep -aboP "\\x${magic:0:2}\\x${magic:2:2}\\x${magic:4:2}\\x${magic:6:2}" "$image" | cut -d: -f1)
    done
    return 1
}

ensure_vmlinux() {
    local release=$1 dir=$2 image="/boot/vmlinuz-$1" tmp
    if [[ -s "$dir/vmlinux" && "$dir/vmlinux" -nt "$image" ]]; then
        return 0
    fi
    [[ -r "$image" ]] || { kb_log "error: no $image"; return 1; }
    kb_info "extracting vmlinux from $image"
    tmp=$(mktemp "$dir/vmlinux.XXXXXX")
    KB_TMP_FILES+=("$tmp")
    extract_vmlinux "$image" "$tmp" || { kb_log "error: cannot extract vmlinux from $image"; return 1; }
    mv -f "$tmp" "$dir/vmlinux"
}

# The initramfs modules, in load order, as absolute host paths.
initramfs_modules() {
    ((debug_kernel)) && return 0
    modprobe -S "$1" --show-depends -a virtio_pci 9pnet_virtio 9p pvpanic_pci |
        awk '$1 == "insmod" && !seen[$2]++ { print $2 }'
}

initramfs_hash() {
    local release=$1 busybox
    busybox=$(command -v busybox)
    {
        sha256sum "$KB_ROOT/scripts/lib/vm-init.sh" "$busybox"
        initramfs_modules "$release" | xargs sha256sum
    } | sha256sum | cut -d' ' -f1
}

build_initramfs() {
    local release=$1 out=$2 stage mod name
    stage=$(mktemp -d "${TMPDIR:-/tmp}/kb-initramfs.XXXXXX")
    KB_TMP_FILES+=("$stage")
    mkdir -p "$stage"/{bin,dev,proc,sys,newroot,lib/modules}
    cp "$(command -v busybox)" "$stage/bin/busybox"
    install -m 0755 "$KB_ROOT/scripts/lib/vm-init.sh" "$stage/init"
    : >"$stage/modules.list"
    while read -r mod; do
        name=$(basename "$mod")
        case "$name" in
            *.ko.xz) name=${name%.xz}; xz -dc "$mod" >"$stage/lib/modules/$name" ;;
            *.ko.zst) name=${name%.zst}; zstd -dcq "$mod" >"$stage/lib/modules/$name" ;;
            *.ko.gz) name=${name%.gz}; gzip -dc "$mod" >"$stage/lib/modules/$name" ;;
            *) cp "$mod" "$stage/lib/modules/$name" ;;
        esac
        printf '%s\n' "$name" >>"$stage/modules.list"
    done < <(initramfs_modules "$release")
    (cd "$stage" && find . -print0 | LC_ALL=C sort -z | cpio --null -o -H newc --quiet) >"$out"
}

ensure_initramfs() {
    local release=$1 dir=$2 hash tmp
    hash=$(initramfs_hash "$release")
    if [[ -s "$dir/initramfs.cpio" && "$(cat "$dir/initramfs.hash" 2>/dev/null)" == "$hash" ]]; then
        return 0
    fi
    kb_info "building initramfs for $release"
    tmp=$(mktemp "$dir/initramfs.XXXXXX")
    KB_TMP_FILES+=("$tmp")
    build_initramfs "$release" "$tmp"
    mv -f "$tmp" "$dir/initramfs.cpio"
    printf '%s\n' "$hash" >"$dir/initramfs.hash"
}

build_module() {
    local release=$1
    kb_info "building the module for $release"
    local kdir=()
    ((debug_kernel)) && kdir=(KDIR="$DEBUG_DIR/tree")
    if ! make -s -C "$KB_ROOT/kmod" KVER="$release" "${kdir[@]+"${kdir[@]}"}" >&2; then
        kb_log "error: module build failed for $release"
        return 1
    fi
    [[ -f "$KB_BUILD/kmod/$release/kthread_bridge.ko" ]] || {
        kb_log "error: no $KB_BUILD/kmod/$release/kthread_bridge.ko after the build"
        return 1
    }
}

prepare_results() {
    local release=$1
    if [[ -z "$results" ]]; then
        results="$KB_BUILD/vm-results/$release/$(date +%Y%m%d-%H%M%S)-$$"
    fi
    mkdir -p "$results"
    results=$(cd "$results" && pwd -P)
    case "$results$KB_ROOT" in
        *[[:space:]]*) kb_log "error: paths with spaces are not supported"; return 1 ;;
    esac
    rm -f "$results"/{exit-status,exit-status.tmp,kernel-failure,console.log,dmesg.log,output.log,run.conf,command.sh}
}

# command.sh: the exported environment, the --chdir directory (a runner
# failure, 126, when the guest has no such directory), then the command, quoted.
write_command_script() {
    local name value
    {
        printf '# generated by scripts/vm-run.sh\n'
        for name in "${PASS_ENV[@]}" $(compgen -e KB_ || true); do
            [[ -n "${!name+x}" ]] || continue
            printf 'export %s=%q\n' "$name" "${!name}"
        done
        for name in "${extra_env[@]+"${extra_env[@]}"}"; do
            if [[ "$name" == *=* ]]; then
                value=${name#*=}
                name=${name%%=*}
            else
                value=${!name-}
            fi
            printf 'export %s=%q\n' "$name" "$value"
        done
        printf 'export KB_VM=1 KB_KERNEL=%q KB_RESULTS=%q HOME=/root\n' "$1" "$results"
        if [[ -n "$chdir" ]]; then
            printf 'cd -- %q || exit %d\n' "$chdir" "$RC_RUNNER"
        fi
        printf 'exec'
        printf ' %q' "${command[@]}"
        printf '\n'
    } >"$results/command.sh"
}

write_run_conf() {
    local release=$1 module=''
    ((with_module)) && module="$KB_BUILD/kmod/$release/kthread_bridge.ko"
    {
        printf 'KB_VM_RELEASE=%q\n' "$release"
        printf 'KB_VM_PROJECT=%q\n' "$KB_ROOT"
        printf 'KB_VM_MODULE=%q\n' "$module"
        printf 'KB_VM_DEADLINE=%q\n' "$((timeout_s - GUEST_MARGIN))"
    } >"$results/run.conf"
}

kernel_cmdline() {
    printf '%s' "console=ttyS0 loglevel=5 rdinit=/init" \
        " oops=panic panic_on_warn=1 panic=-1" \
        " hung_task_panic=1 sysctl.kernel.hung_task_timeout_secs=30" \
        " softlockup_panic=1 watchdog_thresh=10 tsc=reliable" \
        " kb.proj=$KB_ROOT kb.res=$results$extra_append"
}

accel_args() {
    if kb_have_kvm; then
        printf '%s\n' -accel kvm -cpu host
    else
        printf '%s\n' -accel "tcg,thread=${KB_TCG_THREAD:-multi}" -cpu max
    fi
}

share_args() {
    local tag=$1 path=$2 ro=${3:-}
    printf '%s\n' -fsdev "local,id=$tag,path=$path,security_model=none,multidevs=remap$ro" \
        -device "virtio-9p-pci,fsdev=$tag,mount_tag=$tag"
}

kernel_image() {
    if ((debug_kernel)); then
        printf '%s\n' "$DEBUG_DIR/bzImage"
    else
        printf '%s\n' "$1/vmlinux"
    fi
}

# --kernel debug: the release of the cached debug kernel.
resolve_debug_kernel() {
    [[ -s "$DEBUG_DIR/bzImage" && -s "$DEBUG_DIR/release" && -d "$DEBUG_DIR/tree" ]] || {
        kb_log "error: no debug kernel in $DEBUG_DIR: run scripts/hardening/debug-kernel.sh"
        return 1
    }
    debug_kernel=1
    cat "$DEBUG_DIR/release"
}

run_qemu() {
    local dir=$1 args=()
    mapfile -t args < <(accel_args)
    mapfile -t -O "${#args[@]}" args < <(share_args kbroot / ,readonly=on)
    mapfile -t -O "${#args[@]}" args < <(share_args kbproj "$KB_ROOT")
    mapfile -t -O "${#args[@]}" args < <(share_args kbres "$results")
    timeout -k 10 "$timeout_s" qemu-system-x86_64 \
        -nodefaults -no-user-config -M q35 "${args[@]}" \
        -smp "$smp" -m "$mem" -nic none -display none -no-reboot \
        -serial "file:$results/console.log" \
        -device pvpanic-pci -action panic=exit-failure \
        -kernel "$(kernel_image "$dir")" -initrd "$dir/initramfs.cpio" \
        -append "$(kernel_cmdline)" </dev/null
}

# Seconds since START (date +%s%N), one decimal.
elapsed() {
    local ms=$((($(date +%s%N) - $1) / 1000000))
    printf '%d.%d' "$((ms / 1000))" "$((ms % 1000 / 100))"
}

# Map what happened to the documented exit status.
verdict() {
    local qemu_rc=$1 status
    if ((qemu_rc == 124 || qemu_rc == 137)); then
        kb_info "host timeout (${timeout_s}s) fired"
        return "$RC_TIMEOUT"
    fi
    if ((qemu_rc != 0)) || grep -qE "$PANIC_RE" "$results/console.log" 2>/dev/null; then
        kb_info "guest kernel failure (qemu exit $qemu_rc):"
        grep -E "$PANIC_RE" "$results/console.log" 2>/dev/null | grep -v 'Call Trace:' | head -n 5 >&2 || true
        return "$RC_KERNEL"
    fi
    if [[ ! -s "$results/exit-status" ]]; then
        kb_log "error: the guest wrote no exit status; see $results/console.log"
        return "$RC_RUNNER"
    fi
    status=$(cat "$results/exit-status")
    if [[ -s "$results/kernel-failure" ]]; then
        kb_info "guest kernel failure: $(paste -sd';' "$results/kernel-failure")"
    fi
    [[ "$status" =~ ^[0-9]+$ ]] || return "$RC_RUNNER"
    return "$status"
}

main() {
    local release dir rc=$RC_RUNNER qemu_rc start
    trap kb_cleanup EXIT
    parse_args "$@"
    case "${KB_TCG_THREAD:-multi}" in
        single | multi) ;;
        *) kb_usage_error "KB_TCG_THREAD must be single or multi, not '$KB_TCG_THREAD'" ;;
    esac
    if [[ "$kernel" == debug ]]; then
        release=$(resolve_debug_kernel) || exit "$RC_RUNNER"
        debug_kernel=1
    else
        release=$(kb_resolve_kernel "$kernel") || exit "$RC_RUNNER"
    fi
    dir="$KB_BUILD/vm/$release"
    mkdir -p "$dir"
    if ((with_module)); then
        build_module "$release" || exit "$RC_RUNNER"
    fi
    if ((!debug_kernel)); then
        ensure_vmlinux "$release" "$dir" || exit "$RC_RUNNER"
    fi
    ensure_initramfs "$release" "$dir" || exit "$RC_RUNNER"
    prepare_results "$release" || exit "$RC_RUNNER"
    write_run_conf "$release"
    write_command_script "$release"
    kb_info "kernel $release, results in $results"
    start=$(date +%s%N)
    qemu_rc=0
    run_qemu "$dir" || qemu_rc=$?
    [[ -f "$results/output.log" ]] && cat "$results/output.log"
    rc=0
    verdict "$qemu_rc" || rc=$?
    kb_info "exit $rc after $(elapsed "$start")s; results in $results"
    exit "$rc"
}

main "$@"
