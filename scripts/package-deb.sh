#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The kthread-bridge authors
# Build kthread-bridge-dkms_<version>_all.deb: the module's sources for
# DKMS, its /etc configuration, the udev rule and the maintainer scripts
# (templates in scripts/package/), with plain dpkg-deb.
set -euo pipefail

# shellcheck disable=SC2034  # used by kb_log in lib/common.sh
KB_PROG=package-deb.sh
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source-path=SCRIPTDIR source=lib/versions.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/versions.sh"

readonly PACKAGE=kthread-bridge-dkms
readonly TEMPLATES="$KB_ROOT/scripts/package"
# The pom's <developers> name; the address is a placeholder until the
# project has a published one.
readonly MAINTAINER='The kthread-bridge maintainers <maintainers@kthreadbridge.dev>'

out_dir="$KB_BUILD/deb"
stage=''
version=''
homepage=''

usage() {
    cat <<'EOF_USAGE'
Usage: scripts/package-deb.sh [--out DIR]

Builds kthread-bridge-dkms_<version>_all.deb into DIR (default build/deb/)
and prints its path. <version> is KB_MODULE_VERSION (kmod/kb.h), which
must agree with pom.xml and kmod/dkms.conf. File times are the last
commit's (SOURCE_DATE_EPOCH when set), so the same tree gives the same .deb.
Install it with: sudo apt install ./build/deb/kthread-bridge-dkms_<version>_all.deb
EOF_USAGE
}

cleanup() {
    [[ -z "$stage" ]] || rm -rf -- "$stage"
}

# fill TEMPLATE: the template without its '#' comment lines, fields filled in.
fill() {
    sed -e '/^#/d' -e "s|@VERSION@|$version|g" -e "s|@HOMEPAGE@|$homepage|g" \
        -e "s|@MAINTAINER@|$MAINTAINER|g" -e "s|@DATE@|$(date -u -R -d "@$SOURCE_DATE_EPOCH")|g" \
        "$TEMPLATES/$1"
}

# fields TEMPLATE: the fields filled in, comments kept (scripts, conffiles).
fields() {
    sed -e "s|@VERSION@|$version|g" -e "s|@HOMEPAGE@|$homepage|g" "$TEMPLATES/$1"
}

stage_sources() {
    local src="$stage/usr/src/kthread-bridge-$version" f
    install -d -m 0755 "$src/include/uapi/linux"
    for f in Kbuild Makefile dkms.conf compat.h kb.h kb_trace.h "$KB_ROOT"/kmod/kb_*.c; do
        install -m 0644 "$KB_ROOT/kmod/${f##*/}" "$src/"
    done
    install -m 0644 "$KB_ROOT/kmod/include/uapi/linux/kthread_bridge.h" "$src/include/uapi/linux/"
}

stage_config() {
    local doc="$stage/usr/share/doc/$PACKAGE"
    install -D -m 0644 "$TEMPLATES/modules-load.conf" "$stage/etc/modules-load.d/kthread-bridge.conf"
    install -D -m 0644 "$TEMPLATES/modprobe.conf" "$stage/etc/modprobe.d/kthread-bridge.conf"
    # Where Debian 12's udev package puts its rules (udev.pc's udevdir);
    # merged /usr makes it /usr/lib/udev/rules.d, which udevd reads.
    install -D -m 0644 "$TEMPLATES/60-kthread-bridge.rules" "$stage/lib/udev/rules.d/60-kthread-bridge.rules"
    install -d -m 0755 "$doc"
    fill copyright >"$doc/copyright"
    fill changelog.in | gzip -9 -n >"$doc/changelog.gz"
    chmod 0644 "$doc/copyright" "$doc/changelog.gz"
}

stage_control() {
    local debian="$stage/DEBIAN" size
    install -d -m 0755 "$debian"
    size=$(du -sk --apparent-size --exclude=DEBIAN "$stage" | cut -f 1)
    fill control.in | sed "s|@INSTALLED_SIZE@|$size|" >"$debian/control"
    # Every file under /etc is a conffile.
    (cd "$stage" && find etc -type f | LC_ALL=C sort | sed 's|^|/|') >"$debian/conffiles"
    fields postinst.in >"$debian/postinst"
    fields prerm.in >"$debian/prerm"
    fields postrm >"$debian/postrm"
    chmod 0755 "$debian/postinst" "$debian/prerm" "$debian/postrm"
    (cd "$stage" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' \
        | LC_ALL=C sort -z | xargs -0 md5sum) >"$debian/md5sums"
    chmod 0644 "$debian/control" "$debian/conffiles" "$debian/md5sums"
}

main() {
    local deb
    while (($#)); do
        case "$1" in
            --out) out_dir=${2:?}; shift 2 ;;
            -h | --help) usage; return 0 ;;
            *) kb_usage_error "unknown argument '$1'" ;;
        esac
    done
    kb_check_versions || kb_die "the versions disagree: fix them before packaging"
    version=$(kb_module_version)
    homepage=$(kb_project_url)
    : "${SOURCE_DATE_EPOCH:=$(git -C "$KB_ROOT" log -1 --format=%ct)}"
    export SOURCE_DATE_EPOCH
    trap cleanup EXIT
    umask 022
    stage=$(mktemp -d)
    chmod 0755 "$stage"
    stage_sources
    stage_config
    stage_control
    find "$stage" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
    mkdir -p "$out_dir"
    deb="$(cd "$out_dir" && pwd -P)/${PACKAGE}_${version}_all.deb"
    dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >/dev/null
    kb_info "built $deb"
    printf '%s\n' "$deb"
}

main "$@"
