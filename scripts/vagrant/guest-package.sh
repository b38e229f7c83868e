#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The kthread-bridge authors
# The package's life in the Vagrant guest, one step per call (run as root in
# the guest by scripts/vagrant/test.sh): install the .deb with apt, check
# what the boot did, install a second kernel, purge. Each step checks what a
# host administrator would check and fails with the first thing missing.
set -euo pipefail

# shellcheck disable=SC2034  # used by kb_log in lib/common.sh

KB_PROG=guest-package.sh
# shellcheck source=../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

PKG=kthread-bridge-dkms
DKMS_NAME=kthread-bridge
MODULE=kthread_bridge
GROUP=kthread-bridge
NODE=/dev/kthread_bridge
MODPROBE_CONF=/etc/modprobe.d/kthread-bridge.conf

usage() {
    cat <<'EOF_USAGE'
Usage (in the guest, as root): scripts/vagrant/guest-package.sh STEP [ARGS]

Steps:
  install DEB USER   apt install ./DEB (offline: dkms is in the box), check
                     that DKMS built and installed the module for the running
                     kernel and that it is signed; then, as an administrator
                     would: node_access=1 in /etc/modprobe.d/kthread-bridge.conf
                     and USER (created, no sudo) in group kthread-bridge
  booted USER        after a reboot: the module was loaded at boot with
                     node_access=Y, /dev/kthread_bridge is group kthread-bridge
                     mode 0660, USER is a member
  kernel DEB...      apt install the kernel packages DEB... (no initramfs: it
                     is not booted); check that DKMS built the module for
                     that kernel too
  purge              apt purge the package; check that nothing is left
                     (module, DKMS tree, sources, config files, udev rule,
                     group, node)
Exit status: 0 when every check of the step passed.
EOF_USAGE
}

offline_sources=''

cleanup() {
    [[ -z "$offline_sources" ]] || rm -rf -- "$offline_sources"
}

ok() {
    kb_info "ok: $*"
}

# apt-get with no package source but the .debs named and what is installed:
# the guest has no network, and a .deb whose version the mirror also lists
# would otherwise be tried there first (name lookups that time out, then
# "Ign:" lines) before apt falls back to the file.
apt_local() {
    if [[ -z "$offline_sources" ]]; then
        offline_sources=$(mktemp -d)
        : >"$offline_sources/sources.list"
        mkdir "$offline_sources/sources.list.d"
    fi
    kb_apt_get -o "Dir::Etc::SourceList=$offline_sources/sources.list" \
        -o "Dir::Etc::SourceParts=$offline_sources/sources.list.d" \
        -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "$@"
}

pkg_version() {
    dpkg-query -W -f='${Version}' "$PKG"
}

# The module DKMS installed for KVER, or nothing.
dkms_module_file() {
    find "/lib/modules/$1/updates" -name "$MODULE.ko*" 2>/dev/null | head -n 1
}

check_dkms_installed() {
    local kver=$1 version status file
    version=$(pkg_version)
    status=$(dkms status -m "$DKMS_NAME" -v "$version" -k "$kver" 2>/dev/null || true)
    [[ "$status" == *installed* ]] || kb_die "dkms status for $kver: '${status:-nothing}', not installed"
    ok "dkms status: $status"
    file=$(dkms_module_file "$kver")
    [[ -n "$file" ]] || kb_die "no $MODULE.ko* under /lib/modules/$kver/updates"
    [[ "$(modinfo -F vermagic "$file" | cut -d' ' -f1)" == "$kver" ]] ||
        kb_die "$file was not built for $kver (vermagic $(modinfo -F vermagic "$file"))"
    [[ "$(modinfo -F version "$file")" == "${version%%-*}" ]] ||
        kb_die "$file has version '$(modinfo -F version "$file")', the package $version"
    ok "$file (version $(modinfo -F version "$file"), vermagic $kver)"
}

check_signed() {
    local file signer
    file=$(dkms_module_file "$(uname -r)")
    signer=$(modinfo -F signer "$file")
    [[ -n "$signer" ]] || kb_die "$file carries no signature (modinfo -F signer is empty)"
    ok "signed: signer '$signer', $(modinfo -F sig_hashalgo "$file")"
}

enable_group_access() {
    local user=$1
    grep -q '^#options kthread_bridge node_access=1' "$MODPROBE_CONF" ||
        kb_die "$MODPROBE_CONF has no '#options kthread_bridge node_access=1' line to enable"
    sed -i 's/^#options kthread_bridge node_access=1/options kthread_bridge node_access=1/' "$MODPROBE_CONF"
    ok "$MODPROBE_CONF: $(grep '^options' "$MODPROBE_CONF")"
    id "$user" >/dev/null 2>&1 || useradd --create-home --shell /bin/bash "$user"
    usermod -aG "$GROUP" "$user"
    ok "user $user: $(id "$user")"
}

step_install() {
    local deb=${1:?install needs the .deb} user=${2:?install needs a user name}
    [[ -f "$deb" ]] || kb_die "no $deb"
    apt_local install "$(realpath "$deb")"
    ok "installed $PKG $(pkg_version)"
    check_dkms_installed "$(uname -r)"
    check_signed
    [[ -d /sys/module/$MODULE ]] || kb_die "the package did not load $MODULE"
    ok "loaded by the package (node_access=$(cat /sys/module/$MODULE/parameters/node_access))"
    enable_group_access "$user"
}

step_booted() {
    local user=${1:?booted needs a user name} mode
    [[ -d /sys/module/$MODULE ]] || kb_die "$MODULE is not loaded after the boot"
    ok "$MODULE loaded at boot: $(systemctl show -P ActiveState systemd-modules-load.service) systemd-modules-load"
    [[ "$(cat /sys/module/$MODULE/parameters/node_access)" == Y ]] ||
        kb_die "node_access is $(cat /sys/module/$MODULE/parameters/node_access), $MODPROBE_CONF says 1"
    ok "node_access=Y from $MODPROBE_CONF"
    mode=$(stat -c '%G %a' "$NODE")
    [[ "$mode" == "$GROUP 660" ]] || kb_die "$NODE is '$mode', the udev rule says '$GROUP 660'"
    ok "$NODE: $(stat -c '%U:%G %A' "$NODE")"
    id -nG "$user" | tr ' ' '\n' | grep -qx "$GROUP" || kb_die "$user is not in group $GROUP"
    check_signed
}

step_kernel() {
    local debs=() deb kver
    (($#)) || kb_die "kernel needs the kernel packages"
    for deb in "$@"; do
        debs+=("$(realpath "$deb")")
        [[ "$(basename "$deb")" =~ ^linux-image-([^_]+)_ ]] && kver=${BASH_REMATCH[1]}
    done
    [[ -n "${kver:-}" ]] || kb_die "no linux-image-*.deb among $*"
    # INITRD=No: the initramfs-tools hook skips this kernel's initramfs
    # (minutes under TCG); it is not booted here, DKMS's hook still runs.
    INITRD=No apt_local install "${debs[@]}"
    ok "installed kernel $kver"
    check_dkms_installed "$kver"
}

step_purge() {
    local left=() f
    apt_local purge "$PKG"
    [[ "$(dpkg-query -W -f='${db:Status-Abbrev}' "$PKG" 2>/dev/null || true)" != ii* ]] ||
        kb_die "$PKG is still installed"
    [[ -d /sys/module/$MODULE ]] && left+=("the loaded module")
    [[ -e "$NODE" ]] && left+=("$NODE")
    [[ -e /var/lib/dkms/$DKMS_NAME ]] && left+=("/var/lib/dkms/$DKMS_NAME")
    while read -r f; do
        left+=("$f")
    done < <(find /lib/modules -name "$MODULE.ko*" 2>/dev/null
        compgen -G "/usr/src/$DKMS_NAME-*" || true
        find /etc /usr/lib/udev /lib/udev -name '*kthread-bridge*' 2>/dev/null)
    getent group "$GROUP" >/dev/null && left+=("group $GROUP")
    ((${#left[@]} == 0)) || kb_die "left after apt purge: ${left[*]}"
    ok "purged: no module, DKMS tree, sources, config, udev rule, group or node left"
}

main() {
    local step=${1:-}
    case "$step" in -h | --help | '') usage; [[ -n "$step" ]]; return ;; esac
    shift
    [[ $EUID == 0 ]] || kb_die "run as root (sudo)"
    trap cleanup EXIT
    case "$step" in
        install) step_install "$@" ;;
        booted) step_booted "$@" ;;
        kernel) step_kernel "$@" ;;
        purge) step_purge ;;
        *) kb_usage_error "unknown step '$step'" ;;
    esac
}

main "$@"
