#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The kthread-bridge authors
# The README's demo command as a new user's machine runs it: a fresh copy of
# the project, in a private mount namespace that shows only the default
# kernel (its /lib/modules entry, headers and /boot files), no Maven
# installation, an empty ~/.m2 and none of the test-only packages' files.
# Then the README's host build (-Dvm.skip, -Dkmod.skip) in the same view.
set -euo pipefail

# shellcheck disable=SC2034  # used by kb_log in lib/common.sh
KB_PROG=fresh-machine.sh
# shellcheck source-path=SCRIPTDIR source=../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

work=''

usage() {
    cat <<'EOF_USAGE'
Usage: scripts/tests/fresh-machine.sh [--rev REV] [--legacy] [--keep-m2] [--keep]

Copies the project (the working tree, or git revision REV) to a temporary
directory and runs, in a mount namespace (unshare -m) where only the
default kernel is installed:
  1. scripts/demo.sh           (the README's first command), which must
                               exit 0 and show the demo's threads;
  2. ./mvnw -B -Dvm.skip -DskipTests package   must build the module for
                               the default kernel alone and say which
                               kernels it skipped;
  3. ./mvnw -B -Dkmod.skip -Dvm.skip -DskipTests package   must build no
                               module at all.
Hidden: the other kernels' /lib/modules, /usr/src and /boot entries,
/usr/src/linux-source-*, /usr/share/maven and /usr/bin/mvn (none of which
the demo's setup installs), ~/.m2 (--keep-m2 keeps the local repository;
Maven Central is then not needed). --legacy keeps Maven and linux-source
visible, as the setup.sh of revisions before the wrapper installed them:
use it with --rev to run such a revision as its own README promised.
Output goes to build/fresh-machine/<step>.log; the copy is removed unless
--keep. Exit status: 0 when every step passed, 1 otherwise, 2 usage.
EOF_USAGE
}

cleanup() {
    if [[ -n "$work" && -z "${KB_FRESH_KEEP:-}" ]]; then
        rm -rf -- "$work"
    fi
}

# copy_project DEST [REV]: the tracked and untracked (not ignored) files of
# the working tree, or those of REV.
copy_project() {
    local dest=$1 rev=${2:-}
    mkdir -p "$dest"
    if [[ -n "$rev" ]]; then
        git -C "$KB_ROOT" archive --format=tar "$rev" | tar -x -C "$dest"
    else
        kb_copy_worktree "$dest"
    fi
}

# The namespace's view: runs as the body of `unshare -m`. Reads the
# release to keep and the options from the environment.
inside() {
    local keep=$FRESH_RELEASE stage=$FRESH_WORK/stage dir name
    mkdir -p "$stage/modules" "$stage/src" "$stage/boot"
    # /lib/modules: only the default release
    mount --bind /lib/modules "$stage/modules"
    mount -t tmpfs -o mode=0755 fresh-modules /lib/modules
    mkdir "/lib/modules/$keep"
    mount --rbind "$stage/modules/$keep" "/lib/modules/$keep"
    # /usr/src: only the headers of that release and the common part its
    # Makefile includes; the kbuild links; no kernel source tarball
    mount --bind /usr/src "$stage/src"
    mount -t tmpfs -o mode=0755 fresh-src /usr/src
    for dir in "$stage/src"/linux-headers-*; do
        name=$(basename "$dir")
        if [[ "$name" == "linux-headers-$keep" ]] \
            || grep -qs -- "/$name/" "$stage/src/linux-headers-$keep/Makefile"; then
            mkdir "/usr/src/$name"
            mount --rbind "$dir" "/usr/src/$name"
        fi
    done
    find "$stage/src" -maxdepth 1 -type l -name 'linux-kbuild-*' -exec cp -P {} /usr/src/ \;
    if [[ -n "$FRESH_LEGACY" ]]; then
        for dir in "$stage/src"/linux-source-*.tar.*; do
            [[ -f "$dir" ]] || continue
            touch "/usr/src/$(basename "$dir")"
            mount --bind "$dir" "/usr/src/$(basename "$dir")"
        done
    fi
    # /boot: only that release's files
    mount --bind /boot "$stage/boot"
    mount -t tmpfs -o mode=0755 fresh-boot /boot
    for dir in "$stage/boot"/*-"$keep"; do
        [[ -f "$dir" ]] || continue
        name=$(basename "$dir")
        touch "/boot/$name"
        mount --bind "$dir" "/boot/$name"
    done
    if [[ -z "$FRESH_LEGACY" ]]; then
        [[ -d /usr/share/maven ]] && mount -t tmpfs fresh-maven /usr/share/maven
        [[ -e /usr/bin/mvn ]] && mount --bind /dev/null /usr/bin/mvn
    fi
    if [[ -z "$FRESH_KEEP_M2" ]]; then
        # one empty ~/.m2 for all the steps, as one user's
        mkdir -p "$HOME/.m2" "$FRESH_WORK/m2"
        mount --bind "$FRESH_WORK/m2" "$HOME/.m2"
    fi
    cd "$FRESH_WORK/project"
    kb_info "visible kernels: $(find /lib/modules -mindepth 1 -maxdepth 1 -printf '%f ')"
    kb_info "visible headers: $(find /usr/src -mindepth 1 -maxdepth 1 -printf '%f ')"
    "$FRESH_STEP"
}

step_demo() {
    local log=$FRESH_LOGS/demo.log rc=0
    kb_info "step 1: scripts/demo.sh"
    timeout 1500 scripts/demo.sh >"$log" 2>&1 || rc=$?
    tail -n 25 "$log"
    ((rc == 0)) || { kb_log "error: scripts/demo.sh exited $rc (see $log)"; return 1; }
    grep -Eq 'kb-exit42 +exit 42 +Returned 42' "$log" || { kb_log "error: the demo's output lacks its threads (see $log)"; return 1; }
}

step_host_build() {
    local log=$FRESH_LOGS/host-build.log rc=0 built
    kb_info "step 2: ./mvnw -B -Dvm.skip -DskipTests package"
    rm -rf build/kmod
    JAVA_HOME=$FRESH_JAVA_HOME timeout 900 ./mvnw -B -Dvm.skip -DskipTests package >"$log" 2>&1 || rc=$?
    grep -E 'build-kmods.sh|BUILD' "$log" || true
    ((rc == 0)) || { kb_log "error: the host build exited $rc (see $log)"; return 1; }
    built=$(find build/kmod -name kthread_bridge.ko -printf '%h\n' 2>/dev/null | xargs -r -n1 basename | sort | paste -sd' ')
    [[ "$built" == "$FRESH_RELEASE" ]] || { kb_log "error: module built for '$built', expected '$FRESH_RELEASE' alone"; return 1; }
    grep -q 'skipped (no headers installed): 6.12 6.1-rt 6.12-rt' "$log" \
        || { kb_log "error: the build did not name the kernels it skipped"; return 1; }
}

step_no_kmod() {
    local log=$FRESH_LOGS/no-kmod.log rc=0
    kb_info "step 3: ./mvnw -B -Dkmod.skip -Dvm.skip -DskipTests package"
    rm -rf build/kmod
    JAVA_HOME=$FRESH_JAVA_HOME timeout 900 ./mvnw -B -Dkmod.skip -Dvm.skip -DskipTests package >"$log" 2>&1 || rc=$?
    grep -E 'BUILD' "$log" || true
    ((rc == 0)) || { kb_log "error: the build without the module exited $rc (see $log)"; return 1; }
    [[ -z "$(find build/kmod -name '*.ko' 2>/dev/null)" ]] || { kb_log "error: -Dkmod.skip built a module"; return 1; }
}

run_step() {
    local step=$1 rc=0
    FRESH_STEP=$step unshare -m --propagation private "$KB_ROOT/scripts/tests/fresh-machine.sh" --inside || rc=$?
    if ((rc == 0)); then
        kb_info "ok $step"
    else
        kb_info "not ok $step"
    fi
    return "$rc"
}

main() {
    local rev='' legacy='' keep_m2='' failed=0 release step
    while (($#)); do
        case "$1" in
            --inside) inside; return ;;
            --rev) rev=${2:?}; shift 2 ;;
            --legacy) legacy=1; shift ;;
            --keep-m2) keep_m2=1; shift ;;
            --keep) export KB_FRESH_KEEP=1; shift ;;
            -h | --help) usage; return 0 ;;
            *) kb_usage_error "unknown argument '$1'" ;;
        esac
    done
    ((EUID == 0)) || kb_die "run as root (unshare -m, mount)"
    release=$(kb_resolve_kernel default) || kb_die "the default kernel must be installed (scripts/setup.sh --kernels default)"
    trap cleanup EXIT
    work=$(mktemp -d /var/tmp/kb-fresh.XXXXXX)
    kb_info "copying ${rev:-the working tree} to $work/project"
    copy_project "$work/project" "$rev"
    mkdir -p "$KB_BUILD/fresh-machine"
    export FRESH_RELEASE=$release FRESH_WORK=$work FRESH_LEGACY=$legacy \
        FRESH_KEEP_M2=$keep_m2 FRESH_LOGS=$KB_BUILD/fresh-machine
    # a new user's shell: no JAVA_HOME, MAVEN_OPTS or KB_* of this one
    unset JAVA_HOME MAVEN_OPTS MAVEN_ARGS
    export FRESH_JAVA_HOME
    FRESH_JAVA_HOME=$(find_java_home) || kb_die "a JDK >= $KB_JAVA_MIN is required"

    for step in step_demo step_host_build step_no_kmod; do
        run_step "$step" || { failed=1; break; }
    done
    if ((failed)); then
        kb_log "error: the fresh-machine check failed (logs in $KB_BUILD/fresh-machine)"
        return 1
    fi
    kb_info "the fresh-machine check passed"
}

main "$@"
