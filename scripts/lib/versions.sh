# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The kthread-bridge authors
# shellcheck shell=bash
# The project's version where it is written, for the packaging scripts.
# Source it after common.sh (KB_ROOT); it defines functions only.
#
#   kb_module_version   KB_MODULE_VERSION in kmod/kb.h: the one source
#   kb_pom_version      pom.xml's project.version (0.1.0-SNAPSHOT)
#   kb_dkms_version     PACKAGE_VERSION in kmod/dkms.conf
#   kb_project_url      pom.xml's kb.url (the Homepage)
#   kb_check_versions   fails, saying where, unless all three agree (the
#                       pom's without -SNAPSHOT)

# kb_extract FILE SED_SCRIPT: the first line sed prints, or fail.
kb_extract() {
    local value
    value=$(sed -n "$2" "$KB_ROOT/$1" | head -n 1)
    if [[ -z "$value" ]]; then
        kb_log "error: no version found in $1"
        return 1
    fi
    printf '%s\n' "$value"
}

kb_module_version() {
    kb_extract kmod/kb.h 's/^#define[[:space:]]\+KB_MODULE_VERSION[[:space:]]\+"\([^"]*\)".*/\1/p'
}

kb_pom_version() {
    kb_extract pom.xml '/<artifactId>kthread-bridge-parent<\/artifactId>/,/<version>/s/.*<version>\([^<]*\)<\/version>.*/\1/p'
}

kb_dkms_version() {
    kb_extract kmod/dkms.conf 's/^PACKAGE_VERSION="\([^"]*\)".*/\1/p'
}

kb_project_url() {
    kb_extract pom.xml 's/.*<kb\.url>\([^<]*\)<\/kb\.url>.*/\1/p'
}

kb_check_versions() {
    local module pom dkms
    module=$(kb_module_version) || return 1
    pom=$(kb_pom_version) || return 1
    dkms=$(kb_dkms_version) || return 1
    if [[ "${pom%-SNAPSHOT}" != "$module" ]]; then
        kb_log "error: pom.xml's version $pom is not KB_MODULE_VERSION $module (kmod/kb.h) + an optional -SNAPSHOT"
        return 1
    fi
    if [[ "$dkms" != "$module" ]]; then
        kb_log "error: kmod/dkms.conf's PACKAGE_VERSION $dkms is not KB_MODULE_VERSION $module (kmod/kb.h)"
        return 1
    fi
}
