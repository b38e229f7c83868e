# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The kthread-bridge authors
# shellcheck shell=bash
# Helpers shared by the host scripts in scripts/vagrant/ (after
# scripts/lib/common.sh). Source it; it only defines functions.

# The local box and the debs it was bootstrapped from: machine-wide, keyed
# by build-box.sh's recipe (KB_CACHE from lib/common.sh).
KB_BOX_DIR=${KB_BOX_DIR:-$KB_CACHE/vagrant-box}

# install_missing PKG...: apt-get install (no recommends) those not installed.
install_missing() {
    local missing=() p
    for p in "$@"; do
        kb_package_installed "$p" || missing+=("$p")
    done
    ((${#missing[@]})) || return 0
    kb_info "installing ${missing[*]}"
    kb_apt_get install "${missing[@]}"
}
