#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The kthread-bridge authors
# Builds a local stand-in for the Vagrant Cloud box debian/bookworm64
# (libvirt provider) and adds it to Vagrant, for machines that cannot reach
# Vagrant Cloud. See usage() for what goes into it.
set -euo pipefail

# shellcheck disable=SC2034  # used by kb_log in lib/common.sh

KB_PROG=build-box.sh
# shellcheck source=../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

BOX_NAME=debian/bookworm64
SUITE=bookworm
MIRROR=${KB_BOX_MIRROR:-http://deb.debian.org/debian}
DISK_MIB=8192
PART_OFFSET=1048576
JDK_SRC=${KB_BOX_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}
PACKAGES=openssh-server,sudo,qemu-guest-agent,rsync,ca-certificates,linux-image-amd64,linux-headers-amd64,build-essential,kmod,dkms,openssl,systemd-sysv,dbus,fontconfig,fonts-dejavu-core
HOST_PACKAGES=(debootstrap grub-pc-bin qemu-utils e2fsprogs fdisk openssh-client)

out=$KB_BOX_DIR
work=''
add_box=1
force=0

usage() {
    cat <<'EOF_USAGE'
Usage: scripts/vagrant/build-box.sh [--out DIR] [--force] [--no-add]

Builds $KB_BOX_DIR/debian-bookworm64.box (libvirt provider; default
~/.cache/kthread-bridge/vagrant-box, shared by every clone) and adds it
to Vagrant as "debian/bookworm64" (the name the project's Vagrantfile uses),
unless the cached .box was built by this same recipe (the sha256 of this
script, kept in the .box.recipe file next to it; then it is only added if
missing). Needs root and the Debian mirror; no loop devices or mounts.

Recipe:
  - debootstrap bookworm with openssh-server, sudo, qemu-guest-agent, rsync,
    linux-image-amd64 + linux-headers-amd64 (Debian's 6.1), build-essential,
    kmod, dkms + openssl (the project's .deb depends on dkms, which signs
    with a key it makes with openssl; the guest has no network), fontconfig + fonts-dejavu-core (Java2D needs a font for the
    benchmark plots); systemd-networkd does DHCP on every en* NIC
  - a "vagrant" user with passwordless sudo and an ed25519 key generated at
    build time (shipped in the box, named by the box's own Vagrantfile)
  - the host's JDK (KB_BOX_JDK, default /usr/lib/jvm/temurin-25-jdk-amd64) is
    COPIED INTO THE BOX, because Debian 12 has no JDK >= 23 package and the
    guest here has no internet; scripts/provision.sh then finds it
  - an 8 GiB raw disk: msdos label written by sfdisk, ext4 written by
    mkfs.ext4 -E offset=1048576 -d ROOTFS, GRUB's boot.img + core image
    written with dd; converted to qcow2 (box.img) with metadata.json
  - kernel command line adds tsc=reliable (steady clocks under TCG)

Environment: KB_BOX_MIRROR (default http://deb.debian.org/debian),
KB_BOX_JDK, KB_BOX_DIR (default ~/.cache/kthread-bridge/vagrant-box, or
$KB_CACHE/vagrant-box), VAGRANT_HOME.
EOF_USAGE
}

cleanup() {
    if [[ -n "$work" && -d "$work" ]]; then
        rm -rf -- "$work"
    fi
}

bootstrap() {
    local rootfs=$1 cache=$out/debs
    mkdir -p "$cache"
    kb_info "debootstrap $SUITE (packages cached in $cache)"
    timeout 1800 debootstrap --arch=amd64 --cache-dir="$cache" --include="$PACKAGES" \
        "$SUITE" "$rootfs" "$MIRROR" >"$work/debootstrap.log" 2>&1 ||
        { tail -n 30 "$work/debootstrap.log" >&2; kb_die "debootstrap failed"; }
}

configure_guest() {
    local rootfs=$1 uuid=$2 kver
    kver=$(find "$rootfs/lib/modules" -mindepth 1 -maxdepth 1 -name '*-amd64' -printf '%f\n' | sort -V | tail -n 1)
    [[ -n "$kver" ]] || kb_die "no kernel in the root file system"
    kb_info "configuring the guest (kernel $kver)"
    echo bookworm >"$rootfs/etc/hostname"
    printf '127.0.0.1\tlocalhost\n127.0.1.1\tbookworm\n' >"$rootfs/etc/hosts"
    printf 'UUID=%s / ext4 errors=remount-ro 0 1\n' "$uuid" >"$rootfs/etc/fstab"
    cat >"$rootfs/etc/apt/sources.list" <<EOF_SOURCES
deb http://deb.debian.org/debian bookworm main
deb http://deb.debian.org/debian bookworm-updates main
deb http://deb.debian.org/debian-security bookworm-security main
EOF_SOURCES
    cat >"$rootfs/etc/systemd/network/50-dhcp.network" <<'EOF_NET'
[Match]
Name=en* eth*

[Network]
DHCP=ipv4
EOF_NET
    chroot "$rootfs" systemctl enable systemd-networkd >/dev/null 2>&1
    chroot "$rootfs" systemctl disable systemd-networkd-wait-online >/dev/null 2>&1 || true
    chroot "$rootfs" useradd -m -s /bin/bash -G sudo vagrant
    echo 'vagrant:vagrant' | chroot "$rootfs" chpasswd
    echo 'vagrant ALL=(ALL) NOPASSWD: ALL' >"$rootfs/etc/sudoers.d/vagrant"
    chmod 0440 "$rootfs/etc/sudoers.d/vagrant"
    echo 'UseDNS no' >"$rootfs/etc/ssh/sshd_config.d/vagrant.conf"
    ssh-keygen -q -t ed25519 -N '' -C vagrant-box -f "$work/vagrant_key"
    install -d -m 0700 "$rootfs/home/vagrant/.ssh"
    install -m 0600 "$work/vagrant_key.pub" "$rootfs/home/vagrant/.ssh/authorized_keys"
    chroot "$rootfs" chown -R vagrant:vagrant /home/vagrant/.ssh
    if [[ -d "$JDK_SRC" ]]; then
        kb_info "copying the JDK $JDK_SRC into the box"
        mkdir -p "$rootfs/usr/lib/jvm"
        cp -a "$JDK_SRC" "$rootfs/usr/lib/jvm/"
    else
        kb_warn "no JDK at $JDK_SRC: the box gets none (provision.sh will say what to install)"
    fi
    chroot "$rootfs" apt-get clean
    write_grub_config "$rootfs" "$uuid" "$kver"
}

write_grub_config() {
    local rootfs=$1 uuid=$2 kver=$3
    mkdir -p "$rootfs/boot/grub/i386-pc"
    cp /usr/lib/grub/i386-pc/*.mod /usr/lib/grub/i386-pc/*.lst "$rootfs/boot/grub/i386-pc/"
    cat >"$rootfs/boot/grub/grub.cfg" <<EOF_GRUB
set timeout=0
set default=0
serial --unit=0 --speed=115200
terminal_input serial console
terminal_output serial console
menuentry "Debian GNU/Linux $kver" {
    search --no-floppy --fs-uuid --set=root $uuid
    linux /boot/vmlinuz-$kver root=UUID=$uuid ro console=tty0 console=ttyS0,115200 tsc=reliable
    initrd /boot/initrd.img-$kver
}
EOF_GRUB
}

write_disk() {
    local rootfs=$1 uuid=$2 raw=$3 core=$work/core.img
    kb_info "writing the raw disk ($DISK_MIB MiB)"
    rm -f "$raw"
    truncate -s "${DISK_MIB}M" "$raw"
    printf 'label: dos\nstart=%d, type=83, bootable\n' $((PART_OFFSET / 512)) |
        sfdisk --quiet "$raw"
    mkfs.ext4 -q -F -U "$uuid" -L root -E "offset=$PART_OFFSET" -d "$rootfs" \
        "$raw" "$((DISK_MIB - PART_OFFSET / 1048576))M"
    grub-mkimage -O i386-pc -o "$core" -p '(hd0,msdos1)/boot/grub' \
        biosdisk part_msdos ext2 search search_fs_uuid normal linux configfile serial terminal echo
    (($(stat -c %s "$core") < PART_OFFSET - 512)) || kb_die "GRUB core image does not fit before the partition"
    dd if=/usr/lib/grub/i386-pc/boot.img of="$raw" bs=440 count=1 conv=notrunc status=none
    dd if="$core" of="$raw" bs=512 seek=1 conv=notrunc status=none
}

package_box() {
    local raw=$1 box=$2 dir=$work/box
    mkdir -p "$dir"
    kb_info "converting to qcow2"
    timeout 900 qemu-img convert -O qcow2 "$raw" "$dir/box.img"
    printf '{"provider": "libvirt", "format": "qcow2", "virtual_size": %d}\n' \
        $((DISK_MIB / 1024)) >"$dir/metadata.json"
    install -m 0600 "$work/vagrant_key" "$dir/vagrant_key"
    cat >"$dir/Vagrantfile" <<'EOF_BOXVF'
# Local build of debian/bookworm64 (scripts/vagrant/build-box.sh): its own key.
Vagrant.configure("2") do |config|
  config.ssh.private_key_path = File.expand_path("vagrant_key", __dir__)
  config.vm.provider :libvirt do |libvirt|
    libvirt.disk_bus = "virtio"
  end
end
EOF_BOXVF
    tar -C "$dir" -cf "$box.tmp" metadata.json Vagrantfile vagrant_key box.img
    mv -f "$box.tmp" "$box"
}

add_to_vagrant() {
    local box=$1
    if [[ $force == 0 ]] && vagrant box list 2>/dev/null | grep -q "^$BOX_NAME .*libvirt"; then
        kb_info "vagrant already has $BOX_NAME (libvirt)"
        return 0
    fi
    kb_info "vagrant box add $BOX_NAME"
    timeout 900 vagrant box add --force --name "$BOX_NAME" --provider libvirt "$box"
}

recipe_id() {
    sha256sum "${BASH_SOURCE[0]}" | cut -d' ' -f1
}

main() {
    local box rootfs raw uuid
    while (($#)); do
        case "$1" in
            --out) out=${2:?--out needs a directory}; shift 2 ;;
            --force) force=1; shift ;;
            --no-add) add_box=0; shift ;;
            -h | --help) usage; return 0 ;;
            *) kb_usage_error "unknown argument '$1'" ;;
        esac
    done
    [[ $EUID == 0 ]] || kb_die "needs root (debootstrap, chroot)"
    trap cleanup EXIT
    mkdir -p "$out"
    box=$out/debian-bookworm64.box
    if [[ $force == 1 || ! -s "$box" || "$(cat "$box.recipe" 2>/dev/null)" != "$(recipe_id)" ]]; then
        install_missing "${HOST_PACKAGES[@]}"
        work=$(mktemp -d "$out/work.XXXXXX")
        rootfs=$work/rootfs
        raw=$work/disk.raw
        uuid=$(cat /proc/sys/kernel/random/uuid)
        bootstrap "$rootfs"
        configure_guest "$rootfs" "$uuid"
        write_disk "$rootfs" "$uuid" "$raw"
        rm -rf -- "$rootfs"
        package_box "$raw" "$box"
        recipe_id >"$box.recipe"
        force=1
        kb_info "built $box ($(du -h "$box" | cut -f1))"
    else
        kb_info "cached box $box"
    fi
    if [[ $add_box == 1 ]]; then
        add_to_vagrant "$box"
    fi
}

main "$@"
