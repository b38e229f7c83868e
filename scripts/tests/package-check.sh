#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The kthread-bridge authors
# The Debian package and the module's installs, checked on the host without
# a VM and without changing the host's kernel, DKMS state or /lib/modules:
# versions, the .deb's fields, files, modes, conffiles and maintainer
# scripts, lintian, DKMS add + build with temporary trees and
# `make -C kmod install` into a staging tree with a throwaway signing key,
# for every kernel whose headers are installed.
set -euo pipefail

# shellcheck disable=SC2034  # used by kb_log in lib/common.sh
KB_PROG=package-check.sh
# shellcheck source-path=SCRIPTDIR source=../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
# shellcheck source-path=SCRIPTDIR source=../lib/versions.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/versions.sh"

readonly NAME=kthread-bridge
readonly UDEV_RULE='KERNEL=="kthread_bridge", SUBSYSTEM=="misc", GROUP="kthread-bridge", MODE="0660"'
readonly PARAMS=(node_access max_threads max_threads_per_file unwoken_timeout_ms)

work=''
version=''
deb=''
passed=0
failed=0

usage() {
    cat <<'EOF_USAGE'
Usage: scripts/tests/package-check.sh

Builds the .deb twice (scripts/package-deb.sh; the two must be identical)
and checks its control fields, files, modes, conffiles and maintainer
scripts (sh -n, shellcheck; run with logging stand-ins for dkms, modprobe,
groupadd... in a fake \$DPKG_ROOT), lintian (errors fail; when installed), that
KB_MODULE_VERSION = pom.xml's version without -SNAPSHOT = dkms.conf's,
then for every kernel with headers in /lib/modules/*/build: dkms add +
build of the packaged sources with temporary trees (the module's version,
vermagic and signer), and make -C kmod install into a staging tree signed
with a throwaway key (signer, depmod -b). Nothing is installed or loaded.
Exit status: 0 when every check passes, 1 otherwise.
EOF_USAGE
}

cleanup() {
    [[ -z "$work" ]] || rm -rf -- "$work"
}

# check WHAT COMMAND...: runs a check, counts it, goes on after a failure.
check() {
    local what=$1 start=$SECONDS
    shift
    if "$@"; then
        passed=$((passed + 1))
        kb_info "ok: $what ($((SECONDS - start))s)"
    else
        failed=$((failed + 1))
        kb_log "FAIL: $what"
    fi
}

releases() {
    local dir
    for dir in /lib/modules/*/build; do
        [[ -d "$dir" ]] && basename "${dir%/build}"
    done
}

versions_agree() {
    kb_check_versions || return 1
    kb_info "KB_MODULE_VERSION $(kb_module_version), pom.xml $(kb_pom_version), dkms.conf $(kb_dkms_version)"
}

build_twice() {
    deb=$("$KB_ROOT/scripts/package-deb.sh" --out "$work/a" 2>/dev/null) || return 1
    "$KB_ROOT/scripts/package-deb.sh" --out "$work/b" >/dev/null 2>&1 || return 1
    cmp "$deb" "$work/b/${deb##*/}" || return 1
    [[ "${deb##*/}" == "${NAME}-dkms_${version}_all.deb" ]] || return 1
    dpkg-deb -x "$deb" "$work/root" && dpkg-deb -e "$deb" "$work/control"
}

field_is() {
    local got
    got=$(dpkg-deb -f "$deb" "$1")
    [[ "$got" == "$2" ]] || { kb_log "$1: '$got', expected '$2'"; return 1; }
}

control_fields() {
    field_is Package "$NAME-dkms" && field_is Version "$version" \
        && field_is Architecture all && field_is Section kernel \
        && field_is Depends 'dkms (>= 3.0), kmod, passwd' \
        && field_is Homepage "$(kb_project_url)"
}

expected_files() {
    local src="./usr/src/$NAME-$version" f
    printf '%s\n' ./etc/modprobe.d/kthread-bridge.conf ./etc/modules-load.d/kthread-bridge.conf \
        ./lib/udev/rules.d/60-kthread-bridge.rules \
        ./usr/share/doc/kthread-bridge-dkms/changelog.gz ./usr/share/doc/kthread-bridge-dkms/copyright \
        "$src/Kbuild" "$src/Makefile" "$src/dkms.conf" "$src/compat.h" "$src/kb.h" "$src/kb_trace.h" \
        "$src/include/uapi/linux/kthread_bridge.h"
    for f in "$KB_ROOT"/kmod/kb_*.c; do
        printf '%s\n' "$src/${f##*/}"
    done
}

# Every expected file and no other, files 0644 and directories 0755, root's.
files_and_modes() {
    local listing odd
    listing=$(dpkg-deb --contents "$deb")
    diff <(expected_files | LC_ALL=C sort) \
        <(awk '$1 ~ /^-/ {print $6}' <<<"$listing" | LC_ALL=C sort) || return 1
    odd=$(awk '($1 ~ /^-/ && $1 != "-rw-r--r--") || ($1 ~ /^d/ && $1 != "drwxr-xr-x") \
        || $1 ~ /^[^-d]/ || $2 != "root/root"' <<<"$listing")
    [[ -z "$odd" ]] || { kb_log "unexpected modes or owners: $odd"; return 1; }
}

conffiles_listed() {
    diff <(printf '%s\n' /etc/modprobe.d/kthread-bridge.conf /etc/modules-load.d/kthread-bridge.conf) \
        "$work/control/conffiles"
}

# The configuration says what the brief promises; no @FIELD@ left anywhere.
config_contents() {
    local conf="$work/root/etc/modprobe.d/kthread-bridge.conf" p
    grep -qx kthread_bridge "$work/root/etc/modules-load.d/kthread-bridge.conf" || return 1
    grep -qxF "$UDEV_RULE" "$work/root/lib/udev/rules.d/60-kthread-bridge.rules" || return 1
    grep -qx '#options kthread_bridge node_access=1' "$conf" || return 1
    for p in "${PARAMS[@]}"; do
        grep -q "^# $p: " "$conf" || { kb_log "$conf does not explain $p"; return 1; }
    done
    ! grep -v -e '^#' -e '^$' "$conf" || { kb_log "$conf sets a parameter"; return 1; }
    ! grep -rl '@[A-Z_]*@' "$work/root" "$work/control" || return 1
    grep -q "^Files: kmod/include/uapi/linux/kthread_bridge.h" "$work/root/usr/share/doc/$NAME-dkms/copyright"
}

maintainer_scripts() {
    local s
    for s in postinst prerm postrm; do
        [[ -x "$work/control/$s" ]] || { kb_log "$s is not executable"; return 1; }
        sh -n "$work/control/$s" || return 1
        shellcheck -s sh -S warning "$work/control/$s" || return 1
    done
}

# The stand-ins the maintainer scripts call in maintainer_runs: each logs
# its call; dkms and the group keep their state in files; modprobe fails
# as under Secure Boot when KB_STUB_REJECT is set.
write_stubs() {
    local bin=$1 name
    mkdir -p "$bin"
    cat >"$bin/stub" <<'EOF_STUB'
#!/bin/sh
name=${0##*/}
echo "$name $*" >>"$KB_STUB_DIR/calls"
case "$name $1" in
    "dkms status") cat "$KB_STUB_DIR/dkms" 2>/dev/null || true ;;
    "dkms add") echo added >"$KB_STUB_DIR/dkms" ;;
    "dkms remove") rm -f "$KB_STUB_DIR/dkms" ;;
    "getent group") test -e "$KB_STUB_DIR/group" ;;
    "groupadd "*) touch "$KB_STUB_DIR/group" ;;
    "groupdel "*) rm -f "$KB_STUB_DIR/group" ;;
    "uname -r") echo "$KB_STUB_RELEASE" ;;
    "modprobe "*)
        if [ -n "${KB_STUB_REJECT:-}" ]; then
            echo "modprobe: ERROR: could not insert 'kthread_bridge': Key was rejected by service" >&2
            exit 1
        fi ;;
esac
EOF_STUB
    chmod +x "$bin/stub"
    for name in dkms getent groupadd groupdel uname modprobe depmod udevadm; do
        ln -sf stub "$bin/$name"
    done
}

# run_script SCRIPT ARG...: one maintainer script under the stand-ins, in a
# fake root ($DPKG_ROOT) whose kernel KB_STUB_RELEASE has headers.
run_script() {
    local script=$1
    shift
    PATH="$work/stubs:$PATH" KB_STUB_DIR="$work/state" DPKG_ROOT="$work/fakeroot" \
        KB_STUB_RELEASE="${KB_STUB_RELEASE:-9.9.9-test}" "$work/control/$script" "$@" 2>>"$work/state/stderr"
}

# calls PATTERN: how many logged calls match.
calls() {
    grep -c -x -e "$1" "$work/state/calls" || true
}

# An upgrade as dpkg runs it (old prerm upgrade NEW, old postrm upgrade NEW,
# new postinst configure OLD; this package plays both sides): the module is
# unloaded and its DKMS version removed, then added, built, installed and
# loaded again.
upgrade_runs() {
    local dkms=$1 removed loads
    removed=$(calls "dkms remove $dkms --all")
    loads=$(calls 'modprobe kthread_bridge')
    run_script prerm upgrade "$version+1" && run_script postrm upgrade "$version+1" || return 1
    [[ $(calls "dkms remove $dkms --all") == $((removed + 1)) && ! -e "$work/state/dkms" ]] || return 1
    run_script postinst configure "$version" || return 1
    [[ -e "$work/state/dkms" && $(calls 'modprobe kthread_bridge') == $((loads + 1)) ]]
}

# postinst twice (idempotent), again under Secure Boot and without the
# kernel's headers, an upgrade, prerm remove, postrm purge: what each calls.
maintainer_runs() {
    local fake="$work/fakeroot" dkms="-m $NAME -v $version"
    write_stubs "$work/stubs"
    mkdir -p "$work/state" "$fake/lib/modules/9.9.9-test/build" \
        "$fake/var/lib/dkms/$NAME/$version" "$fake/lib/modules/9.9.9-test/updates/dkms"
    touch "$fake/lib/modules/9.9.9-test/updates/dkms/kthread_bridge.ko.xz"
    run_script postinst configure && run_script postinst configure "$version" || return 1
    [[ $(calls 'groupadd --system kthread-bridge') == 1 && $(calls "dkms add $dkms") == 1 \
        && $(calls "dkms build $dkms -k 9.9.9-test") == 2 && $(calls "dkms install $dkms -k 9.9.9-test") == 2 \
        && $(calls 'modprobe kthread_bridge') == 2 ]] || { cat "$work/state/calls" >&2; return 1; }
    KB_STUB_REJECT=1 run_script postinst configure "$version" || return 1
    grep -q 'Secure Boot.*docs/install.md#secure-boot' "$work/state/stderr" || return 1
    KB_STUB_RELEASE=9.9.9-noheaders run_script postinst configure "$version" || return 1
    [[ $(calls "dkms build $dkms -k 9.9.9-noheaders") == 0 ]] || return 1
    grep -q 'install linux-headers-9.9.9-noheaders' "$work/state/stderr" || return 1
    upgrade_runs "$dkms" || { cat "$work/state/calls" >&2; return 1; }
    run_script prerm remove && [[ $(calls "dkms remove $dkms --all") == 2 ]] || return 1
    run_script postrm remove && run_script postrm purge || return 1
    [[ ! -e "$work/state/group" && ! -e "$fake/var/lib/dkms/$NAME" \
        && ! -e "$fake/lib/modules/9.9.9-test/updates/dkms/kthread_bridge.ko.xz" \
        && $(calls "depmod -a -b $fake 9.9.9-test") == 1 ]] || { cat "$work/state/calls" >&2; return 1; }
}

lintian_clean() {
    local out
    if ! command -v lintian >/dev/null; then
        kb_info "lintian is not installed (scripts/setup.sh --tests installs it): not run"
        return 0
    fi
    out=$(lintian --fail-on error -I -E --pedantic "$deb" 2>&1 \
        | { grep -v '^running with root privileges' || true; }) \
        || { printf '%s\n' "$out" >&2; return 1; }
    kb_info "lintian: ${out:-no tags}"
}

# module_is KO RELEASE: its version and vermagic; print its signer.
module_is() {
    local ko=$1 release=$2 got
    got=$(modinfo -F version "$ko")
    [[ "$got" == "$version" ]] || { kb_log "$ko: version '$got', expected $version"; return 1; }
    got=$(modinfo -F vermagic "$ko")
    [[ "${got%% *}" == "$release" ]] || { kb_log "$ko: vermagic '$got', expected $release"; return 1; }
    kb_info "${ko#"$work"/}: version $version, vermagic $release, signer '$(modinfo -F signer "$ko")'"
}

# The host's DKMS and module trees, to show they are left as they were.
host_state() {
    ls -A /var/lib/dkms 2>/dev/null || true
    compgen -G "/lib/modules/*/updates/dkms/kthread_bridge.ko*" || true
}

dkms_add() {
    mkdir -p "$work/dkms" "$work/installtree" "$work/dkms-keys"
    # DKMS signs with the key it finds or makes; here a throwaway one.
    export mok_signing_key="$work/dkms-keys/mok.key" mok_certificate="$work/dkms-keys/mok.pub"
    dkms_cmd=(dkms --dkmstree "$work/dkms" --sourcetree "$work/root/usr/src"
        --installtree "$work/installtree")
    "${dkms_cmd[@]}" add -m "$NAME" -v "$version" >/dev/null
}

dkms_build() {
    local release=$1 ko
    "${dkms_cmd[@]}" build -m "$NAME" -v "$version" -k "$release" >"$work/dkms-$release.log" 2>&1 \
        || { cat "$work/dkms-$release.log" >&2; return 1; }
    ko=$(compgen -G "$work/dkms/$NAME/$version/$release/*/module/kthread_bridge.ko*") \
        || { kb_log "no module in $work/dkms/$NAME/$version/$release"; return 1; }
    module_is "$ko" "$release" && [[ -n "$(modinfo -F signer "$ko")" ]]
}

make_signing_key() {
    openssl req -new -x509 -newkey rsa:2048 -nodes -days 36500 -outform DER \
        -keyout "$work/key.priv" -out "$work/cert.der" -subj "/CN=kthread-bridge test/" 2>/dev/null
}

# make -C kmod install into a staging tree, signed: the signer, and depmod's
# index finds it there.
make_install() {
    local release=$1 stage="$work/stage" ko
    make -C "$KB_ROOT/kmod" KVER="$release" OUT="$work/obj/$release" INSTALL_MOD_PATH="$stage" \
        KB_SIGN_KEY="$work/key.priv" KB_SIGN_CERT="$work/cert.der" install \
        >"$work/install-$release.log" 2>&1 || { cat "$work/install-$release.log" >&2; return 1; }
    ko=$(modinfo -b "$stage" -k "$release" -F filename kthread_bridge) || return 1
    [[ "$ko" == "$stage/lib/modules/$release/updates/kthread_bridge.ko"* ]] || return 1
    grep -q '^updates/kthread_bridge.ko[.a-z]*:' "$stage/lib/modules/$release/modules.dep" || return 1
    module_is "$ko" "$release" && [[ "$(modinfo -F signer "$ko")" == "kthread-bridge test" ]]
}

main() {
    local release before start=$SECONDS
    case "${1:-}" in -h | --help) usage; return 0 ;; esac
    trap cleanup EXIT
    work=$(mktemp -d /var/tmp/kb-package.XXXXXX)
    version=$(kb_module_version)
    before=$(host_state)

    check "versions agree" versions_agree
    check "the .deb builds, twice the same" build_twice
    [[ -n "$deb" ]] || kb_die "no .deb to check"
    check "control fields" control_fields
    check "files and modes" files_and_modes
    check "conffiles" conffiles_listed
    check "configuration contents" config_contents
    check "maintainer scripts (sh -n, shellcheck)" maintainer_scripts
    check "maintainer scripts run with stand-ins (reinstall, Secure Boot, no headers, upgrade, remove, purge)" maintainer_runs
    check "lintian" lintian_clean
    check "dkms add (temporary trees)" dkms_add
    check "throwaway signing key" make_signing_key
    for release in $(releases); do
        check "dkms build for $release" dkms_build "$release"
        check "make -C kmod install for $release (staged, signed)" make_install "$release"
    done
    check "host /var/lib/dkms and /lib/modules untouched" test "$before" == "$(host_state)"
    kb_info "$passed passed, $failed failed in $((SECONDS - start))s"
    ((failed == 0))
}

main "$@"
