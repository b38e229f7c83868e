#!/bin/bash
# Provisions a Debian guest for the in-guest kernel tests (the Vagrantfile's
# shell provisioner runs it as root with the synced project directory):
# installs what is missing (build tools, kmod, the headers of the RUNNING
# kernel, a JDK >= 22), then builds the shim, kb_test and the module against
# the guest's own headers. apt is only used when something is missing, so a
# box that already holds everything provisions offline.
set -euo pipefail

KB_PROG=provision.sh
project=''
kver=$(uname -r)
JAVA_APT_CANDIDATES=(openjdk-25-jdk-headless openjdk-24-jdk-headless openjdk-23-jdk-headless openjdk-22-jdk-headless temurin-25-jdk temurin-24-jdk temurin-23-jdk temurin-22-jdk)

usage() {
    cat <<'EOF_USAGE'
Usage (as root, in the guest): scripts/provision.sh [PROJECT-DIR]

PROJECT-DIR defaults to the directory above this script (Vagrant passes
/vagrant, as it runs an uploaded copy). Installs, when missing:
build-essential, kmod, linux-headers-$(uname -r), a JDK >= 22 (an apt
package if one exists; Debian 12 has none, so provide one, e.g. temurin-25-jdk
from Adoptium's apt repository). Then: make -C native, make -C kmod
KVER=$(uname -r), and checks the host-built Java side in target/ (see
scripts/vagrant/stage-java.sh).
EOF_USAGE
}

apt_updated=0

apt_update() {
    ((apt_updated == 0)) || return 0
    kb_info "apt-get update"
    timeout 600 apt-get update -q || kb_die "apt-get update failed (no network?); needed: $*"
    apt_updated=1
}

apt_install() {
    apt_update "$@"
    kb_info "installing $*"
    DEBIAN_FRONTEND=noninteractive timeout 1200 apt-get install -y -q --no-install-recommends "$@" ||
        kb_die "apt-get install $* failed"
}

install_build_tools() {
    local missing=() p
    # fontconfig + a font: Java2D draws the benchmark plots (kb bench --png)
    for p in build-essential kmod rsync fontconfig fonts-dejavu-core "linux-headers-$kver"; do
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
    kb_info "building the module for $kver against /lib/modules/$kver/build"
    timeout 900 make -s -j"$jobs" -C "$KB_ROOT/kmod" KVER="$kver"
    [[ -f "$KB_BUILD/kmod/$kver/kthread_bridge.ko" ]] || kb_die "no $KB_BUILD/kmod/$kver/kthread_bridge.ko"
}

# The Java side is bytecode built on the host (Maven Central is not needed in
# the guest): target/*.jar, target/test-classes and the test jars that
# scripts/vagrant/stage-java.sh copied to target/vagrant-lib. The guest's copy
# of target/test-classpath.txt names host paths; point it at those jars.
check_java_side() {
    local cp_file=$KB_ROOT/target/test-classpath.txt lib=$KB_ROOT/target/vagrant-lib
    local entry unresolved=0 mapped=()
    if ! compgen -G "$KB_ROOT/target/kthread-bridge-*.jar" >/dev/null || [[ ! -d "$KB_ROOT/target/test-classes" ]]; then
        kb_die "no target/kthread-bridge-*.jar or target/test-classes: run scripts/vagrant/stage-java.sh on the host, then 'vagrant rsync' and 'vagrant provision'"
    fi
    [[ -f "$cp_file" ]] || kb_die "no target/test-classpath.txt: run scripts/vagrant/stage-java.sh on the host"
    # Same order, each entry either present or taken from target/vagrant-lib.
    while IFS= read -r -d: entry; do
        [[ -n "$entry" ]] || continue
        if [[ -e "$entry" ]]; then
            mapped+=("$entry")
        elif [[ -f "$lib/$(basename "$entry")" ]]; then
            mapped+=("$lib/$(basename "$entry")")
            unresolved=1
        else
            kb_die "test classpath entry $entry is neither here nor in target/vagrant-lib: run scripts/vagrant/stage-java.sh on the host"
        fi
    done < <(tr -d '\n' <"$cp_file"; printf ':')
    if ((unresolved)); then
        (IFS=:; printf '%s\n' "${mapped[*]}") >"$cp_file"
        kb_info "target/test-classpath.txt (the guest's copy) now names target/vagrant-lib/*.jar"
    fi
    kb_info "Java test classpath: ${#mapped[@]} jars, all present"
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
    kb_info "provisioned: run 'sudo $KB_ROOT/scripts/vagrant/guest-test.sh'"
}

main "$@"
