#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The kthread-bridge authors
# Provisions a Debian guest for the in-guest kernel tests (the Vagrantfile's
# shell provisioner runs it as root with the synced project directory):
# installs what is missing (build tools, kmod, the headers of the RUNNING
# kernel, which DKMS builds the module against, a JDK >= 23), then builds
# the shim and kb_test. The module itself comes from the project's .deb
# (scripts/package-deb.sh; scripts/vagrant/test.sh installs it). apt is only
# used when something is missing, so a box that already holds everything
# provisions offline.
set -euo pipefail

# shellcheck disable=SC2034  # used by kb_log in lib/common.sh

KB_PROG=provision.sh
project=''
kver=$(uname -r)
JAVA_APT_CANDIDATES=(openjdk-25-jdk-headless openjdk-24-jdk-headless openjdk-23-jdk-headless openjdk-22-jdk-headless temurin-25-jdk temurin-24-jdk temurin-23-jdk temurin-22-jdk)

usage() {
    cat <<'EOF_USAGE'
Usage (as root, in the guest): scripts/provision.sh [PROJECT-DIR]

PROJECT-DIR defaults to the directory above this script (Vagrant passes
/vagrant, as it runs an uploaded copy). Installs, when missing:
build-essential, kmod, dkms, linux-headers-$(uname -r), a JDK >= 23 (an apt
package if one exists; Debian 12 has none, so provide one, e.g. temurin-25-jdk
from Adoptium's apt repository). Then: make -C native (the shim and
kb_test), and checks the host-built Java side in
java/kernel-tests/target/lib (see scripts/vagrant/stage-java.sh). The module:
apt install the project's .deb (docs/install.md).
EOF_USAGE
}

apt_updated=0

apt_update() {
    ((apt_updated == 0)) || return 0
    kb_info "apt-get update"
    kb_apt_get update || kb_die "apt-get update failed (no network?); needed: $*"
    apt_updated=1
}

apt_install() {
    apt_update "$@"
    kb_info "installing $*"
    kb_apt_get install "$@" ||
        kb_die "apt-get install $* failed"
}

install_build_tools() {
    local missing=() p
    # fontconfig + a font: Java2D draws the benchmark plots (kb bench --png)
    for p in build-essential kmod dkms rsync fontconfig fonts-dejavu-core "linux-headers-$kver"; do
        dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
    done
    if ((${#missing[@]})); then
        apt_update "${missing[@]}"
        if [[ " ${missing[*]} " == *" linux-headers-$kver "* ]] &&
            ! apt-cache show "linux-headers-$kver" >/dev/null 2>&1; then
            kb_die "the archive has no linux-headers-$kver (the box's kernel is older than it):" \
                "install linux-image-amd64 in the guest, 'vagrant reload', then 'vagrant provision'"
        fi
        apt_install "${missing[@]}"
    else
        kb_info "build tools and linux-headers-$kver present"
    fi
    [[ -d "/lib/modules/$kver/build" ]] || kb_die "no /lib/modules/$kver/build after installing linux-headers-$kver"
}

install_jdk() {
    local home pkg candidate
    if home=$(find_java_home 2>/dev/null); then
        kb_info "JDK $(kb_java_major "$home") at $home"
        return 0
    fi
    apt_update "a JDK >= $KB_JAVA_MIN"
    for pkg in "${JAVA_APT_CANDIDATES[@]}"; do
        candidate=$(apt-cache policy "$pkg" 2>/dev/null | sed -n 's/^ *Candidate: *//p')
        if [[ -n "$candidate" && "$candidate" != "(none)" ]]; then
            apt_install "$pkg"
            home=$(find_java_home) || kb_die "installed $pkg but found no JDK >= $KB_JAVA_MIN"
            kb_info "JDK $(kb_java_major "$home") at $home"
            return 0
        fi
    done
    kb_die "no JDK >= $KB_JAVA_MIN in the guest and none in its apt sources (Debian 12 ships 17):" \
        "install one, e.g. temurin-25-jdk from Adoptium's apt repository" \
        "(https://adoptium.net/installation/linux/), then run 'vagrant provision'"
}

build_native() {
    local jobs
    jobs=$(nproc)
    # Only what the kernel tests use (not the benchmarks or fuzzers: TCG is slow).
    kb_info "building the shim and kb_test"
    timeout 900 make -s -j"$jobs" -C "$KB_ROOT/native" \
        "$KB_BUILD/native/libkthreadbridge.so" "$KB_BUILD/native/kb_test"
}

# The Java side is bytecode built on the host (Maven Central is not needed in
# the guest): scripts/vagrant/stage-java.sh leaves every jar of the Java
# tests in java/kernel-tests/target/lib, which `vagrant rsync` copies here.
check_java_side() {
    kb_test_classpath >/dev/null \
        || kb_die "run scripts/vagrant/stage-java.sh on the host, then 'vagrant rsync' and 'vagrant provision'"
    kb_info "Java test class path: $(find "$KB_TEST_LIB" -name '*.jar' | wc -l) jars in $KB_TEST_LIB"
}

main() {
    case "${1:-}" in -h | --help) usage; return 0 ;; esac
    project=${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)}
    [[ -f "$project/scripts/lib/common.sh" ]] || { echo "provision.sh: no project at $project" >&2; return 1; }
    # shellcheck source=lib/common.sh
    source "$project/scripts/lib/common.sh"
    [[ $EUID == 0 ]] || kb_die "run as root"
    install_build_tools
    install_jdk
    build_native
    check_java_side
    kb_info "provisioned: install the project's .deb, then run 'sudo $KB_ROOT/scripts/vagrant/guest-test.sh'"
}

main "$@"
