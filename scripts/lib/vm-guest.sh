#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The kthread-bridge authors
# Runs inside the guest, in the chroot on the host's root, as root.
# Called by the initramfs /init (scripts/lib/vm-init.sh) with the results
# directory; reads RESULTS/run.conf written by scripts/vm-run.sh.
#
# Writes RESULTS/exit-status (only this script does):
#   - the command's exit status (124 when the in-guest timeout ended it),
#   - 125 when the kernel side failed: the module did not load, the device
#     did not appear, rmmod failed after a passing command, or the kernel
#     is tainted with W (a warning that did not panic).
# The command's output goes to RESULTS/output.log; the reason for a 125
# decided here goes to RESULTS/kernel-failure.
set -uo pipefail
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

readonly KB_RC_KERNEL=125

results=$1
status_file="$results/exit-status"

log() {
    printf 'vm-guest: %s\n' "$*"
}

# Log a kernel-side failure and keep the reason for the host.
fail() {
    log "$*"
    printf '%s\n' "$*" >>"$results/kernel-failure"
}

write_status() {
    printf '%s\n' "$1" >"$status_file.tmp" && mv -f "$status_file.tmp" "$status_file"
    sync
}

load_module() {
    local i
    [[ -n "$KB_VM_MODULE" ]] || return 0
    if ! insmod "$KB_VM_MODULE"; then
        fail "insmod $KB_VM_MODULE failed"
        return 1
    fi
    for ((i = 0; i < 50; i++)); do
        [[ -c /dev/kthread_bridge ]] && return 0
        sleep 0.1
    done
    fail "/dev/kthread_bridge did not appear"
    return 1
}

unload_module() {
    [[ -n "$KB_VM_MODULE" ]] || return 0
    if ! rmmod kthread_bridge; then
        fail "rmmod kthread_bridge failed"
        return 1
    fi
}

tainted_by_warning() {
    local taint
    taint=$(cat /proc/sys/kernel/tainted)
    ((taint & 512))
}

# Seconds left for the command: the host's timeout less a margin
# (KB_VM_DEADLINE, in guest uptime seconds) less the time booted so far.
command_timeout() {
    local up left
    up=$(cut -d. -f1 /proc/uptime)
    left=$((KB_VM_DEADLINE - up))
    printf '%d\n' "$((left > 1 ? left : 1))"
}

# timeout(1) exits 124 when TERM ended the command, 137 when it had to
# KILL it (it KILLs its own process group, itself included); both are 124.
run_command() {
    local rc limit start
    cd "$KB_VM_PROJECT" || return 1
    limit=$(command_timeout)
    start=$SECONDS
    timeout -k 3 "$limit" /bin/bash "$results/command.sh" \
        </dev/null >"$results/output.log" 2>&1
    rc=$?
    if ((rc == 137 && SECONDS - start >= limit)); then
        rc=124
    fi
    log "command exited with $rc"
    return "$rc"
}

main() {
    local rc
    # shellcheck source=/dev/null
    source "$results/run.conf" || return 1
    if ! load_module; then
        write_status "$KB_RC_KERNEL"
        return 0
    fi
    run_command
    rc=$?
    write_status "$rc"
    if ! unload_module && ((rc == 0)); then
        rc=$KB_RC_KERNEL
    fi
    if tainted_by_warning; then
        fail "kernel tainted by a warning (W)"
        rc=$KB_RC_KERNEL
    fi
    write_status "$rc"
}

main "$@"
