#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The kthread-bridge authors
# The whole Vagrant cycle, for real, on this machine: the local box (cached),
# libvirt's daemons, `vagrant up` of the project's own Vagrantfile,
# provisioning (scripts/provision.sh), the .deb installed with apt (DKMS
# builds the module), a reboot, the in-guest C and Java kernel tests as a
# non-root member of group kthread-bridge, a second kernel (DKMS builds for
# it), `apt purge`, `vagrant destroy -f`, daemons stopped. Cleans up on
# success, failure, timeout and signals.
set -euo pipefail

# shellcheck disable=SC2034  # used by kb_log in lib/common.sh

KB_PROG=vagrant/test.sh
# shellcheck source=../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

HOST_PACKAGES=(vagrant vagrant-libvirt libvirt-daemon-system libvirt-clients qemu-system-x86 qemu-utils rsync openssh-client)
POOL=kb-vagrant
VAGRANT_DIR=$KB_BUILD/vagrant
KERNEL_DEBS=$VAGRANT_DIR/kernel-debs
GUEST_DIR=/var/tmp/kb
TEST_USER=kbtest
STEP_TIMES=()

started_pids=()
vm_created=0
pool_defined=0
keep_daemons=0
log_dir=''

usage() {
    cat <<'EOF_USAGE'
Usage: scripts/vagrant/test.sh [--rebuild-box] [--keep-daemons]

As root on a Debian 12 host: installs what is missing (vagrant,
vagrant-libvirt, libvirt, QEMU), builds the Java side on the host and
stages it (scripts/vagrant/stage-java.sh), builds the .deb
(scripts/package-deb.sh), downloads the newest 6.12 cloud kernel packages of the
host's Debian mirror (cached in build/vagrant/kernel-debs: the guest has no
network), builds or reuses the local debian/bookworm64 box
(scripts/vagrant/build-box.sh, cached in ~/.cache/kthread-bridge/vagrant-box), starts
virtlogd and libvirtd, runs `vagrant up` of the project's Vagrantfile with
the overlay scripts/vagrant/overlay.Vagrantfile as $VAGRANT_HOME/Vagrantfile
(VAGRANT_HOME=build/vagrant/home), provisions, uploads the packages, then in
the guest (scripts/vagrant/guest-package.sh, guest-test.sh):
  1. apt install ./kthread-bridge-dkms_<ver>_all.deb: DKMS builds, signs and
     installs the module for the guest's kernel; node_access=1 in
     /etc/modprobe.d/kthread-bridge.conf; user kbtest joins kthread-bridge
  2. vagrant reload: the module is loaded at boot, the node is
     kthread-bridge 0660
  3. the C and Java kernel tests as kbtest (no root, no capabilities)
  4. apt install of the 6.12 cloud kernel packages: DKMS builds for it
  5. apt purge kthread-bridge-dkms: nothing is left
and always `vagrant destroy -f` and stops the daemons it started.

No libvirt network is created or started (libvirt's "default" is
undefined); the guest uses QEMU user networking with restrict=on.

Logs: build/vagrant/logs/<YYYYmmdd-HHMMSS>/. Exit status: the in-guest
tests' (0 = all passed), 1 for any other failure, 2 usage.
EOF_USAGE
}

step_done() {
    local name=$1 start=$2
    STEP_TIMES+=("$name $((SECONDS - start))s")
    kb_info "$name: $((SECONDS - start)) s"
}

pid_alive() {
    [[ -n "$1" ]] && kill -0 "$1" 2>/dev/null
}

# Start DAEMON -d unless its pid file names a live process; remember the
# PID of the one started here.
start_daemon() {
    local name=$1 pidfile=/run/$1.pid pid i
    if [[ -f "$pidfile" ]] && pid_alive "$(cat "$pidfile")"; then
        kb_info "$name already runs (pid $(cat "$pidfile")): using it, not stopping it"
        return 0
    fi
    rm -f "$pidfile"
    "$name" -d
    for ((i = 0; i < 100; i++)); do
        if [[ -s "$pidfile" ]] && pid_alive "$(cat "$pidfile")"; then
            pid=$(cat "$pidfile")
            started_pids+=("$pid")
            kb_info "started $name (pid $pid)"
            return 0
        fi
        sleep 0.1
    done
    kb_die "$name did not start"
}

stop_daemons() {
    local i pid n
    # Newest first: libvirtd before virtlogd.
    for ((i = ${#started_pids[@]} - 1; i >= 0; i--)); do
        pid=${started_pids[i]}
        pid_alive "$pid" || continue
        kill -TERM "$pid" 2>/dev/null || true
        for ((n = 0; n < 100; n++)); do
            pid_alive "$pid" || break
            sleep 0.1
        done
        if pid_alive "$pid"; then
            kb_warn "pid $pid ignored TERM: KILL"
            kill -KILL "$pid" 2>/dev/null || true
        fi
    done
    started_pids=()
}

start_libvirt() {
    local i
    start_daemon virtlogd
    start_daemon libvirtd
    for ((i = 0; i < 100; i++)); do
        virsh -q -c qemu:///system version >/dev/null 2>&1 && return 0
        sleep 0.2
    done
    kb_die "libvirtd does not answer on qemu:///system"
}

# The network rule: no libvirt network exists or runs (the package defines
# "default" on 192.168.122.0/24).
no_libvirt_networks() {
    local net
    while read -r net; do
        [[ -n "$net" ]] || continue
        if [[ "$net" != default ]]; then
            kb_die "libvirt network '$net' exists; this script neither uses nor removes it"
        fi
        if virsh -q net-info default 2>/dev/null | grep -q '^Active: *yes'; then
            virsh -q net-destroy default >/dev/null
        fi
        virsh -q net-undefine default >/dev/null
        kb_info "undefined libvirt's 'default' network"
    done < <(virsh -q net-list --all --name)
}

define_pool() {
    # In the clone, not in KB_CACHE: libvirt's qemu user cannot enter /root.
    local dir=$VAGRANT_DIR/pool
    mkdir -p "$dir"
    # A run killed before its cleanup (another clone) leaves the pool
    # defined on its own directory: replace it.
    if virsh -q pool-info "$POOL" >/dev/null 2>&1 &&
        ! virsh -q pool-dumpxml "$POOL" | grep -qF "<path>$dir</path>"; then
        kb_warn "replacing a stale '$POOL' pool of another checkout"
        virsh -q pool-destroy "$POOL" >/dev/null 2>&1 || true
        virsh -q pool-undefine "$POOL" >/dev/null
    fi
    if ! virsh -q pool-info "$POOL" >/dev/null 2>&1; then
        virsh -q pool-define-as "$POOL" dir --target "$dir" >/dev/null
        pool_defined=1
    fi
    virsh -q pool-info "$POOL" | grep -q '^State: *running' || virsh -q pool-start "$POOL" >/dev/null
    virsh -q pool-refresh "$POOL" >/dev/null
}

# vagrant-libvirt uploads the box once into the pool and reuses that volume
# by name: drop it when the box file is newer.
drop_stale_box_volume() {
    local box=$KB_BOX_DIR/debian-bookworm64.box vol
    for vol in "$VAGRANT_DIR"/pool/debian-VAGRANTSLASH-bookworm64_vagrant_box_image_*; do
        [[ -e "$vol" && "$vol" -ot "$box" ]] || continue
        kb_info "dropping the stale box volume $(basename "$vol")"
        virsh -q vol-delete --pool "$POOL" "$(basename "$vol")" >/dev/null
    done
}

free_port() {
    local port
    for port in $(shuf -i 20000-29990 -n 50); do
        if ! ss -Hltnu "( sport = :$port or sport = :$((port + 1)) or sport = :$((port + 2)) )" | grep -q .; then
            printf '%s\n' "$port"
            return 0
        fi
    done
    kb_die "no free port found"
}

setup_vagrant_env() {
    export VAGRANT_HOME=$VAGRANT_DIR/home
    export VAGRANT_DEFAULT_PROVIDER=libvirt
    export VAGRANT_CHECKPOINT_DISABLE=1
    export VAGRANT_BOX_UPDATE_CHECK_DISABLE=1
    export VAGRANT_NO_COLOR=1
    export KB_VAGRANT_SSH_PORT KB_VAGRANT_TUNNEL_PORT
    KB_VAGRANT_SSH_PORT=$(free_port)
    KB_VAGRANT_TUNNEL_PORT=$((KB_VAGRANT_SSH_PORT + 1))
    mkdir -p "$VAGRANT_HOME"
    install -m 0644 "$KB_ROOT/scripts/vagrant/overlay.Vagrantfile" "$VAGRANT_HOME/Vagrantfile"
}

# The .deb of the project, built now (scripts/package-deb.sh).
build_deb() {
    local deb
    timeout 600 "$KB_ROOT/scripts/package-deb.sh" >&2 || kb_die "scripts/package-deb.sh failed"
    deb=$(compgen -G "$KB_BUILD/deb/kthread-bridge-dkms_*_all.deb" | sort -V | tail -n 1) ||
        kb_die "scripts/package-deb.sh left no build/deb/kthread-bridge-dkms_*_all.deb"
    printf '%s\n' "$deb"
}

# The first alternative of each Depends/Pre-Depends of PKG, one per line
# (virtual packages left out: the box provides them).
direct_depends() {
    apt-cache depends --no-recommends --no-suggests --no-conflicts --no-breaks \
        --no-replaces --no-enhances "$1" | awk '
        /^ *\|?(Pre)?Depends:/ {
            if (!alt && $2 !~ /^</) print $2
            alt = ($1 ~ /^\|/)
            next
        }
        { alt = 0 }'
}

# PKG... and what they need, recursively, that the box lacks (its package
# set: the debs build-box.sh bootstrapped it from).
missing_closure() {
    local -A have=() seen=()
    local queue=("$@") p d f
    for f in "$KB_BOX_DIR"/debs/*.deb; do
        f=${f##*/}
        have[${f%%_*}]=1
    done
    ((${#have[@]})) || kb_die "no box package list in $KB_BOX_DIR/debs"
    while ((${#queue[@]})); do
        p=${queue[0]}
        queue=("${queue[@]:1}")
        [[ -z "${seen[$p]:-}" && -z "${have[$p]:-}" ]] || continue
        seen[$p]=1
        printf '%s\n' "$p"
        while read -r d; do
            queue+=("${d%%:*}")
        done < <(direct_depends "$p")
    done
}

# The newest linux-image-6.12.*+deb12-cloud-amd64 of the host's apt sources
# (Debian's cloud flavour: a third of the generic image, so unpacking and
# depmod take a third of the time under TCG), its headers and whatever they
# need that the box lacks, into KERNEL_DEBS, once per release: the guest has
# no network, so apt there installs from these.
fetch_kernel_debs() {
    local image kver pkgs
    image=$(apt-cache search --names-only '^linux-image-6\.12\.[0-9.]+\+deb12-cloud-amd64$' | cut -d' ' -f1 | sort -V | tail -n 1)
    [[ -n "$image" ]] || kb_die "the host's apt sources have no linux-image-6.12.*+deb12-cloud-amd64 (apt-get update?)"
    kver=${image#linux-image-}
    if [[ -f "$KERNEL_DEBS/.complete-$kver" ]]; then
        kb_info "kernel packages for $kver cached in $KERNEL_DEBS"
        return 0
    fi
    mapfile -t pkgs < <(missing_closure "$image" "linux-headers-$kver")
    rm -rf "$KERNEL_DEBS"
    mkdir -p "$KERNEL_DEBS"
    kb_info "downloading ${pkgs[*]}"
    (cd "$KERNEL_DEBS" && timeout 900 apt-get download -q "${pkgs[@]}" 2>&1 | grep -v '^W: Download is performed unsandboxed') ||
        kb_die "apt-get download of the $kver packages failed"
    : >"$KERNEL_DEBS/.complete-$kver"
}

# vagrant CMD...: in the project, output to the log and the terminal.
run_vagrant() {
    local limit=$1 name=$2
    shift 2
    (cd "$KB_ROOT" && timeout -k 20 "$limit" vagrant "$@" </dev/null) 2>&1 | tee "$log_dir/$name.log"
    return "${PIPESTATUS[0]}"
}

# guest_step LIMIT LOG STEP ARGS...: scripts/vagrant/guest-package.sh STEP as
# root in the guest (ARGS are expanded by the guest's shell).
guest_step() {
    local limit=$1 name=$2
    shift 2
    run_vagrant "$limit" "$name" ssh -c "sudo /vagrant/scripts/vagrant/guest-package.sh $*" ||
        kb_die "in-guest step '$*' failed (see $log_dir/$name.log)"
}

destroy_vm() {
    local start=$SECONDS
    ((vm_created)) || return 0
    vm_created=0
    run_vagrant 180 destroy destroy -f >/dev/null || kb_warn "vagrant destroy -f failed (see $log_dir/destroy.log)"
    step_done "vagrant destroy" "$start"
}

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    set +e
    destroy_vm
    if ((pool_defined)); then
        virsh -q pool-destroy "$POOL" >/dev/null 2>&1
        virsh -q pool-undefine "$POOL" >/dev/null 2>&1
    fi
    if ((${#started_pids[@]})); then
        if virsh -q net-list --name 2>/dev/null | grep -q .; then
            kb_warn "a libvirt network is active: $(virsh -q net-list --name | paste -sd' ')"
            rc=1
        fi
        ((keep_daemons)) || stop_daemons
    fi
    if ((${#STEP_TIMES[@]})); then
        kb_info "times: $(printf '%s; ' "${STEP_TIMES[@]}")"
    fi
    [[ -n "$log_dir" ]] && kb_info "logs in $log_dir"
    kb_info "exit $rc"
    exit "$rc"
}

main() {
    local start rc=1 box_args=() deb
    while (($#)); do
        case "$1" in
            --rebuild-box) box_args=(--force); shift ;;
            --keep-daemons) keep_daemons=1; shift ;;
            -h | --help) usage; return 0 ;;
            *) kb_usage_error "unknown argument '$1'" ;;
        esac
    done
    [[ $EUID == 0 ]] || kb_die "needs root (libvirtd, debootstrap)"
    log_dir=$VAGRANT_DIR/logs/$(date +%Y%m%d-%H%M%S)
    mkdir -p "$log_dir"
    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM

    start=$SECONDS
    install_missing "${HOST_PACKAGES[@]}"
    timeout 900 "$KB_ROOT/scripts/vagrant/stage-java.sh"
    deb=$(build_deb)
    step_done "host packages + Java staged + .deb" "$start"

    setup_vagrant_env
    start=$SECONDS
    timeout 1800 "$KB_ROOT/scripts/vagrant/build-box.sh" "${box_args[@]+"${box_args[@]}"}"
    fetch_kernel_debs
    step_done "box + kernel packages" "$start"

    start=$SECONDS
    start_libvirt
    no_libvirt_networks
    define_pool
    drop_stale_box_volume
    step_done "daemons + pool" "$start"

    start=$SECONDS
    vm_created=1
    run_vagrant 600 up up --no-provision --provider libvirt || kb_die "vagrant up failed (see $log_dir/up.log)"
    step_done "vagrant up" "$start"

    start=$SECONDS
    run_vagrant 900 provision provision || kb_die "provisioning failed (see $log_dir/provision.log)"
    step_done "provision" "$start"

    start=$SECONDS
    run_vagrant 120 mkdir ssh -c "sudo install -d -o vagrant $GUEST_DIR" || kb_die "cannot make $GUEST_DIR in the guest"
    run_vagrant 300 upload-deb upload "$deb" "$GUEST_DIR/$(basename "$deb")" || kb_die "vagrant upload of the .deb failed"
    run_vagrant 600 upload-kernel upload "$KERNEL_DEBS" "$GUEST_DIR/kernel" || kb_die "vagrant upload of the kernel packages failed"
    step_done "upload" "$start"

    start=$SECONDS
    guest_step 600 install install "$GUEST_DIR/$(basename "$deb")" "$TEST_USER"
    step_done "apt install .deb (DKMS build)" "$start"

    start=$SECONDS
    run_vagrant 600 reload reload --no-provision || kb_die "vagrant reload failed (see $log_dir/reload.log)"
    guest_step 120 booted booted "$TEST_USER"
    step_done "vagrant reload + boot checks" "$start"

    start=$SECONDS
    rc=0
    run_vagrant 1200 tests ssh -c "sudo /vagrant/scripts/vagrant/guest-test.sh --user $TEST_USER c java" || rc=$?
    step_done "in-guest tests as $TEST_USER" "$start"
    ((rc == 0)) || kb_warn "in-guest tests failed (exit $rc)"

    start=$SECONDS
    guest_step 900 kernel kernel "$GUEST_DIR/kernel/*.deb"
    step_done "second kernel (DKMS build)" "$start"

    start=$SECONDS
    guest_step 300 purge purge
    step_done "apt purge" "$start"
    return "$rc"
}

main "$@"
