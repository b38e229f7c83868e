#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The kthread-bridge authors
# The in-guest test command of the Vagrant path (run as root in the guest,
# after scripts/provision.sh): loads build/kmod/$(uname -r)/kthread_bridge.ko
# (unloading an old one first), runs scripts/guest/kernel-tests.sh (C
# contract tests, then the JUnit suite), unloads the module and fails on any
# test failure, rmmod failure or kernel warning/oops seen meanwhile.
set -euo pipefail

# shellcheck disable=SC2034  # used by kb_log in lib/common.sh

KB_PROG=guest-test.sh
# shellcheck source=../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

kver=$(uname -r)
module=$KB_BUILD/kmod/$kver/kthread_bridge.ko
loaded=0

usage() {
    cat <<'EOF_USAGE'
Usage (in the guest, as root): scripts/vagrant/guest-test.sh [c|java]...

From the host: vagrant ssh -c 'sudo /vagrant/scripts/vagrant/guest-test.sh'
Results (logs, JUnit reports, summary.txt) go to $KB_RESULTS, default
build/vagrant-results/<YYYYmmdd-HHMMSS>/ in the guest's project copy.
Exit status: 0 when every suite passed and the kernel stayed clean.
EOF_USAGE
}

cleanup() {
    if ((loaded)); then
        rmmod kthread_bridge 2>/dev/null || true
    fi
}

load_module() {
    local i
    [[ -f "$module" ]] || kb_die "no $module: run scripts/provision.sh (vagrant provision) first"
    if [[ -d /sys/module/kthread_bridge ]]; then
        kb_info "unloading the loaded kthread_bridge"
        rmmod kthread_bridge || kb_die "cannot unload the old kthread_bridge"
    fi
    insmod "$module" || kb_die "insmod $module failed"
    loaded=1
    for ((i = 0; i < 50; i++)); do
        [[ -c /dev/kthread_bridge ]] && return 0
        sleep 0.1
    done
    kb_die "/dev/kthread_bridge did not appear"
}

# What since the load (dmesg line, taint value) says the kernel side broke.
kernel_trouble() {
    local since=$1 taint_before=$2 taint
    taint=$(cat /proc/sys/kernel/tainted)
    if ((taint & 512 && !(taint_before & 512))); then
        echo "kernel tainted by a warning (W)"
    fi
    dmesg | tail -n +"$since" | grep -E 'WARNING:|BUG:|Oops|general protection|blocked for more than|soft lockup' || true
}

main() {
    local rc=0 dmesg_start taint_start trouble
    case "${1:-}" in -h | --help) usage; return 0 ;; esac
    [[ $EUID == 0 ]] || kb_die "run as root (sudo)"
    export KB_RESULTS=${KB_RESULTS:-$KB_BUILD/vagrant-results/$(date +%Y%m%d-%H%M%S)}
    mkdir -p "$KB_RESULTS"
    trap cleanup EXIT
    dmesg_start=$(($(dmesg | wc -l) + 1))
    taint_start=$(cat /proc/sys/kernel/tainted)
    kb_info "kernel $kver, module $module"
    load_module
    timeout 1200 "$KB_ROOT/scripts/guest/kernel-tests.sh" "$@" || rc=$?
    loaded=0
    if ! rmmod kthread_bridge; then
        kb_warn "rmmod kthread_bridge failed"
        ((rc)) || rc=1
    fi
    trouble=$(kernel_trouble "$dmesg_start" "$taint_start")
    if [[ -n "$trouble" ]]; then
        kb_warn "kernel trouble: $trouble"
        dmesg | tail -n +"$dmesg_start" >"$KB_RESULTS/dmesg.log"
        ((rc)) || rc=1
    fi
    kb_info "results in $KB_RESULTS; exit $rc"
    return "$rc"
}

main "$@"
