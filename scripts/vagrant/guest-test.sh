#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The kthread-bridge authors
# The in-guest test command of the Vagrant path (run as root in the guest,
# after the package put the module in place, scripts/vagrant/guest-package.sh):
# runs scripts/guest/kernel-tests.sh (C contract tests, then the JUnit
# suite) as USER (--user, default root) against the loaded module and fails
# on any test failure or kernel warning/oops seen meanwhile. The module is
# the package's: it is neither loaded nor unloaded here.
set -euo pipefail

# shellcheck disable=SC2034  # used by kb_log in lib/common.sh

KB_PROG=guest-test.sh
# shellcheck source=../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

kver=$(uname -r)
user=root

usage() {
    cat <<'EOF_USAGE'
Usage (in the guest, as root): scripts/vagrant/guest-test.sh [--user NAME] [c|java]...

From the host: vagrant ssh -c 'sudo /vagrant/scripts/vagrant/guest-test.sh --user kbtest'
NAME runs the tests without root (a member of group kthread-bridge when the
module has node_access=1); the results directory is made theirs.
Results (logs, JUnit reports, summary.txt) go to $KB_RESULTS, default
build/vagrant-results/<YYYYmmdd-HHMMSS>/ in the guest's project copy.
Exit status: 0 when every suite passed and the kernel stayed clean.
EOF_USAGE
}

cleanup() {
    :
}

check_module() {
    [[ -d /sys/module/kthread_bridge && -c /dev/kthread_bridge ]] ||
        kb_die "kthread_bridge is not loaded: install the package (scripts/vagrant/guest-package.sh install)"
    kb_info "kernel $kver, module $(modinfo -F filename kthread_bridge) $(cat /sys/module/kthread_bridge/version)," \
        "node_access=$(cat /sys/module/kthread_bridge/parameters/node_access), tests as $(id "$user")"
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
    if [[ "${1:-}" == --user ]]; then
        user=${2:?--user needs a name}
        shift 2
    fi
    [[ $EUID == 0 ]] || kb_die "run as root (sudo)"
    export KB_RESULTS=${KB_RESULTS:-$KB_BUILD/vagrant-results/$(date +%Y%m%d-%H%M%S)}
    mkdir -p "$KB_RESULTS"
    chown "$user:" "$KB_RESULTS"
    trap cleanup EXIT
    dmesg_start=$(($(dmesg | wc -l) + 1))
    taint_start=$(cat /proc/sys/kernel/tainted)
    check_module
    timeout 1200 runuser -u "$user" -- env KB_RESULTS="$KB_RESULTS" \
        "$KB_ROOT/scripts/guest/kernel-tests.sh" "$@" || rc=$?
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
