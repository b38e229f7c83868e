# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The kthread-bridge authors
# shellcheck shell=bash disable=SC2034  # variables for the scripts that source this
# Shared helpers for the scripts in scripts/.  Source it; it defines
# functions and a few variables and runs nothing else.
#
#   KB_ROOT           repository root
#   KB_BUILD          build directory (<repo>/build)
#   KB_KERNEL_MATRIX  the kernel aliases the project is tested on
#   KB_CLI_JAR        the runnable CLI jar (kb), after ./mvnw package
#   KB_TEST_LIB       every jar the Java kernel tests need (java/kernel-tests)
#
#   kb_info/kb_warn/kb_die MSG    log to stderr
#   kb_usage_error MSG            log, print the caller's usage(), exit 2
#   kb_cleanup                    EXIT trap: removes the paths in KB_TMP_FILES
#   kb_resolve_kernel ALIAS       print the installed release for an alias
#   kb_java_major HOME            print the major version of the JDK at HOME
#   find_java_home                print a JDK >= KB_JAVA_MIN home (or fail)
#   kb_test_classpath             print the Java kernel tests' class path
#   kb_copy_worktree DEST         copy the working tree's files (tracked and
#                                 untracked, not ignored) to DEST

if [[ -n "${KB_COMMON_SOURCED:-}" ]]; then
    return 0
fi
KB_COMMON_SOURCED=1

KB_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
KB_BUILD="$KB_ROOT/build"
# Machine-wide cache of what outlives a clone and is keyed by its recipe
# (the debug kernel, the Vagrant box), as ~/.m2 is for Maven.
KB_CACHE="${KB_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kthread-bridge}"
KB_KERNEL_MATRIX=(6.1 6.12 6.1-rt 6.12-rt)
# The Java baseline (pom.xml's java.baseline): jextract's bindings need 23.
KB_JAVA_MIN=23
KB_CLI_JAR="$KB_ROOT/java/kthread-bridge-cli/target/kb-cli.jar"
KB_TEST_LIB="$KB_ROOT/java/kernel-tests/target/lib"
KB_TMP_FILES=()

kb_log() {
    printf '%s: %s\n' "${KB_PROG:-$(basename "$0")}" "$*" >&2
}

kb_info() {
    kb_log "$*"
}

kb_warn() {
    kb_log "warning: $*"
}

kb_die() {
    kb_log "error: $*"
    exit 1
}

kb_usage_error() {
    kb_log "error: $*"
    usage >&2
    exit 2
}

kb_cleanup() {
    local f
    for f in "${KB_TMP_FILES[@]+"${KB_TMP_FILES[@]}"}"; do
        rm -rf -- "$f"
    done
}

# kb_apt_get ARGS...: apt-get as every script of the project runs it:
# non-interactive, without recommends, waiting up to 10 min for another
# dpkg to finish, bounded by KB_APT_TIMEOUT (1200 s).
kb_apt_get() {
    DEBIAN_FRONTEND=noninteractive timeout "${KB_APT_TIMEOUT:-1200}" \
        apt-get -y -q --no-install-recommends -o DPkg::Lock::Timeout=600 "$@"
}

# kb_package_installed PKG: dpkg has PKG installed (not just unpacked).
kb_package_installed() {
    [[ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" == installed ]]
}

# Print the releases installed under /lib/modules that match a glob,
# newest version last.
kb_installed_releases() {
    local pattern=$1 dir
    for dir in /lib/modules/$pattern; do
        [[ -d "$dir" ]] && basename "$dir"
    done | sort -V
}

# kb_resolve_kernel ALIAS: 6.1, 6.12, 6.1-rt, 6.12-rt, default (= 6.1) or a full
# release string (passed through when /lib/modules/<release> exists).
kb_resolve_kernel() {
    local alias=${1:-default} pattern release
    case "$alias" in
        default | 6.1) pattern='6.1.0-*-amd64' ;;
        6.12) pattern='6.12.*+deb12-amd64' ;;
        6.1-rt) pattern='6.1.0-*-rt-amd64' ;;
        6.12-rt) pattern='6.12.*+deb12-rt-amd64' ;;
        *)
            if [[ -d "/lib/modules/$alias" ]]; then
                printf '%s\n' "$alias"
                return 0
            fi
            kb_log "error: unknown kernel '$alias' (aliases: ${KB_KERNEL_MATRIX[*]}, default, or an installed release)"
            return 1
            ;;
    esac
    # 6.1.0-*-amd64 also matches the rt flavour: drop it for plain 6.1.
    release=$(kb_installed_releases "$pattern" | { if [[ "$alias" == *-rt ]]; then cat; else grep -v -- '-rt-' || true; fi; } | tail -n 1)
    if [[ -z "$release" ]]; then
        kb_log "error: no installed kernel for '$alias' (pattern $pattern); run scripts/setup.sh"
        return 1
    fi
    printf '%s\n' "$release"
}

# kb_java_major HOME: the major version from HOME/release (JAVA_VERSION).
kb_java_major() {
    local home=$1 version
    [[ -f "$home/release" && -x "$home/bin/java" ]] || return 1
    version=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release")
    version=${version#1.}
    [[ "${version%%[.+-]*}" =~ ^[0-9]+$ ]] || return 1
    printf '%s\n' "${version%%[.+-]*}"
}

kb_java_ok() {
    local major
    major=$(kb_java_major "$1") || return 1
    ((major >= KB_JAVA_MIN))
}

# find_java_home: $JAVA_HOME if it is >= KB_JAVA_MIN, then temurin-25,
# then the newest /usr/lib/jvm/* that is >= KB_JAVA_MIN.
find_java_home() {
    local home best='' best_major=0 major
    if [[ -n "${JAVA_HOME:-}" ]] && kb_java_ok "$JAVA_HOME"; then
        printf '%s\n' "$JAVA_HOME"
        return 0
    fi
    if kb_java_ok /usr/lib/jvm/temurin-25-jdk-amd64; then
        printf '%s\n' /usr/lib/jvm/temurin-25-jdk-amd64
        return 0
    fi
    for home in /usr/lib/jvm/*; do
        [[ -L "$home" ]] && continue
        major=$(kb_java_major "$home") || continue
        if ((major >= KB_JAVA_MIN && major > best_major)); then
            best=$home
            best_major=$major
        fi
    done
    if [[ -z "$best" ]]; then
        kb_log "error: no JDK >= $KB_JAVA_MIN found (JAVA_HOME or /usr/lib/jvm/*)"
        return 1
    fi
    printf '%s\n' "$best"
}

# kb_test_classpath: the class path of the Java kernel tests, as one
# wildcard entry (java -cp 'DIR/*'); fails when the build has not made it.
kb_test_classpath() {
    if ! compgen -G "$KB_TEST_LIB/*.jar" >/dev/null; then
        kb_log "error: no jars in $KB_TEST_LIB: build first (./mvnw -B -Dvm.skip -DskipTests package)"
        return 1
    fi
    printf '%s/*\n' "$KB_TEST_LIB"
}

# kb_copy_worktree DEST: the files git tracks and the untracked ones it does
# not ignore, as they are in the working tree (a clean clone with the
# uncommitted changes in it).
kb_copy_worktree() {
    mkdir -p "$1"
    (cd "$KB_ROOT" && git ls-files -z --cached --others --exclude-standard \
        | while IFS= read -r -d '' f; do [[ -e "$f" ]] && printf '%s\0' "$f"; done \
        | tar --null -T - -c) | tar -x -C "$1"
}

# True when hardware KVM (not the PVM device) can boot a stock kernel.
kb_have_kvm() {
    [[ -e /dev/kvm ]] && [[ -d /sys/module/kvm_intel || -d /sys/module/kvm_amd ]]
}
