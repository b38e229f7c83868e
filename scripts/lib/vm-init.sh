#!/bin/busybox sh
# shellcheck shell=dash
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The kthread-bridge authors
# /init of the initramfs built by scripts/vm-run.sh (busybox, PID 1).
#
# Loads the virtio/9p/pvpanic modules listed in /modules.list, mounts the
# host root (9p tag kbroot, read-only) on /newroot, the project (kbproj) and
# results (kbres) shares over it at the paths given by kb.proj= and kb.res=
# on the kernel command line, then runs the project's scripts/lib/vm-guest.sh
# in a chroot.  PID 1 stays here, so whatever happens to the command it
# saves dmesg to the results share and powers the machine off.
# It never writes the exit status: vm-guest.sh does.

/bin/busybox --install -s /bin
export PATH=/bin

log() {
    echo "vm-init: $*" >/dev/console
}

finish() {
    if [ -n "$res" ] && [ -d "/newroot$res" ]; then
        dmesg >"/newroot$res/dmesg.log" 2>&1
    fi
    sync
    poweroff -f
}

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev

while read -r mod; do
    insmod "/lib/modules/$mod" || log "insmod $mod failed"
done </modules.list

proj=
res=
for arg in $(cat /proc/cmdline); do
    case "$arg" in
        kb.proj=*) proj=${arg#kb.proj=} ;;
        kb.res=*) res=${arg#kb.res=} ;;
    esac
done

opts=trans=virtio,version=9p2000.L,msize=512000
mkdir -p /newroot
if ! mount -t 9p -o "$opts,cache=loose,ro" kbroot /newroot; then
    log "cannot mount the host root"
    finish
fi
mount -t proc proc /newroot/proc
mount -t sysfs sysfs /newroot/sys
mount -t devtmpfs devtmpfs /newroot/dev
# tracefs for `kb ... --trace` (sysfs provides the mount point)
if grep -qw tracefs /proc/filesystems && [ -d /newroot/sys/kernel/tracing ]; then
    mount -t tracefs tracefs /newroot/sys/kernel/tracing || log "cannot mount tracefs"
fi
mkdir -p /newroot/dev/pts /newroot/dev/shm
mount -t devpts devpts /newroot/dev/pts
mount -t tmpfs tmpfs /newroot/dev/shm
mount -t tmpfs tmpfs /newroot/tmp
mount -t tmpfs tmpfs /newroot/run

# The writable shares go on last: a path under /tmp or /run must not be
# hidden by the tmpfs (the mount point is created in the tmpfs then).
share() {
    [ -d "/newroot$2" ] || mkdir -p "/newroot$2"
    mount -t 9p -o "$opts,cache=mmap" "$1" "/newroot$2"
}
if ! share kbproj "$proj" || ! share kbres "$res"; then
    log "cannot mount the project or results share"
    res=
    finish
fi

chroot /newroot /bin/bash "$proj/scripts/lib/vm-guest.sh" "$res" \
    </dev/null >/dev/console 2>&1
log "guest script exited with $?"
finish
