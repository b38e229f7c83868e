#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The kthread-bridge authors
# Runs inside the guest (scripts/vm-run.sh): the C contract tests, then the
# Java tests (host and device) from the packaged jar, with reports written
# to the results directory. Exits non-zero when any suite fails.
set -euo pipefail

# shellcheck disable=SC2034  # used by kb_log in lib/common.sh

KB_PROG=kernel-tests.sh
# shellcheck source=../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

usage() {
    cat <<'EOF_USAGE'
Usage (inside a guest): scripts/guest/kernel-tests.sh [c|c-user|java|java-device|java-user]...

Runs the C contract tests (build/native/kb_test) and the JUnit suite
(every test class of the library and the CLI, from the jars in
java/kernel-tests/target/lib) against /dev/kthread_bridge. Writes
c-tests.log, junit/ and summary.txt into $KB_RESULTS. Default: c c-user
java.

c-user (as root, with build/kmod/$(uname -r)/kthread_bridge.ko loaded):
reloads the module with node_access=1, gives the node to a test group
(mode 0660) and runs kb_test as an unprivileged member of it with no
capabilities (setpriv), then once more with node_access=0 to see open()
refused; loads the module as it was before (c-user-tests.log). In the
default set it is skipped where that is impossible (not root, module not
loaded from build/kmod); asked for by name, that fails.

java-device (on demand): only the classes tagged device or stress, the
set `mvn verify` runs through the kernel-test engine (java/kernel-tests),
with the same 5 s stress test, for timing the two side by side.

java-user (on demand, not a default: it takes as long as java): the
JUnit suite as that group member with node_access=1; its reports go to
java-user/ in $KB_RESULTS.
EOF_USAGE
}

# The unprivileged user of c-user: nobody, in a group of its own for the
# node (numeric: nothing is added to the guest's /etc/group).
readonly KB_TEST_UID=65534 KB_TEST_GID=64731

results=${KB_RESULTS:-$KB_BUILD/guest-results}
summary=''

cleanup() {
    :
}

run_c() {
    local rc=0
    kb_info "C contract tests"
    "$KB_BUILD/native/kb_test" 2>&1 | tee "$results/c-tests.log" || rc=${PIPESTATUS[0]}
    printf 'C: %s (exit %d)\n' "$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$results/c-tests.log" | tail -n 1)" "$rc" >>"$summary"
    return "$rc"
}

# (Re)loads the module with the given parameters and gives the node to
# KB_TEST_GID, mode 0660, as the packaging's udev rule would.
reload_module() {
    local module=$1 i
    shift
    rmmod kthread_bridge || return 1
    insmod "$module" "$@" || return 1
    for ((i = 0; i < 50; i++)); do
        [[ -c /dev/kthread_bridge ]] && break
        sleep 0.1
    done
    chgrp "$KB_TEST_GID" /dev/kthread_bridge && chmod 0660 /dev/kthread_bridge
}

as_test_user() {
    setpriv --reuid="$KB_TEST_UID" --regid="$KB_TEST_UID" --groups="$KB_TEST_GID" \
        --inh-caps=-all --bounding-set=-all -- "$@"
}

# The module this guest loaded, when this script may reload it (root).
reloadable_module() {
    local module
    module="$KB_BUILD/kmod/$(uname -r)/kthread_bridge.ko"
    ((EUID == 0)) && [[ -d /sys/module/kthread_bridge && -f "$module" ]] || return 1
    printf '%s\n' "$module"
}

# run_c_user [optional]: optional (the default suite set) skips where the
# module cannot be reloaded; asked for by name, that is an error.
run_c_user() {
    local optional=${1:-} module rc=0 rc_n=0 start log="$results/c-user-tests.log"
    if ! module=$(reloadable_module); then
        if [[ -z "$optional" ]]; then
            kb_log "error: c-user needs root and the module loaded"
            return 1
        fi
        kb_info "C tests as a group member: skipped (needs root and the module loaded)"
        printf 'C as uid %d: skipped (needs root and the module loaded)\n' "$KB_TEST_UID" >>"$summary"
        return 0
    fi
    start=$SECONDS
    kb_info "C contract tests as uid $KB_TEST_UID, group $KB_TEST_GID, no capabilities, node_access=1"
    reload_module "$module" node_access=1 || { kb_log "error: cannot reload $module"; return 1; }
    as_test_user "$KB_BUILD/native/kb_test" >"$log" 2>&1 || rc=$?
    printf '== node_access=0: open refused\n' >>"$log"
    reload_module "$module" || { kb_log "error: cannot reload $module"; return 1; }
    as_test_user "$KB_BUILD/native/kb_test" access_open_by_node_access >>"$log" 2>&1 || rc_n=$?
    rmmod kthread_bridge && insmod "$module" || { kb_log "error: cannot reload $module"; return 1; }
    cat "$log"
    printf 'C as uid %d (group %d, no capabilities, node_access=1): %s (exit %d); node_access=0: %s (exit %d); %ds\n' \
        "$KB_TEST_UID" "$KB_TEST_GID" \
        "$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | head -n 1)" "$rc" \
        "$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)" "$rc_n" \
        "$((SECONDS - start))" >>"$summary"
    ((rc == 0 && rc_n == 0))
}

run_java_user() {
    local module rc=0 tmp
    if ! module=$(reloadable_module); then
        kb_log "error: java-user needs root and the module loaded"
        return 1
    fi
    kb_info "Java tests as uid $KB_TEST_UID, group $KB_TEST_GID, no capabilities, node_access=1"
    reload_module "$module" node_access=1 || { kb_log "error: cannot reload $module"; return 1; }
    tmp=$(mktemp -d /tmp/kb-java-user.XXXXXX)
    chown "$KB_TEST_UID:$KB_TEST_GID" "$tmp"
    as_test_user env KB_RESULTS="$tmp" "$KB_ROOT/scripts/guest/kernel-tests.sh" java || rc=$?
    mkdir -p "$results/java-user"
    cp -r "$tmp/." "$results/java-user/"
    rm -rf "$tmp"
    rmmod kthread_bridge && insmod "$module" || { kb_log "error: cannot reload $module"; return 1; }
    printf 'Java as uid %d (group %d, no capabilities, node_access=1): %s\n' "$KB_TEST_UID" "$KB_TEST_GID" \
        "$(sed -n 's/^Java: //p' "$results/java-user/summary.txt" 2>/dev/null)" >>"$summary"
    return "$rc"
}

# run_java [CONSOLE-LAUNCHER-OPTION...]: extra options select tags
run_java() {
    local java_home cp rc=0
    java_home=$(find_java_home) || return 1
    cp=$(kb_test_classpath) || return 1
    kb_info "Java tests with $java_home and $cp"
    # The jar's own copy of the shim is extracted and loaded: no library path.
    # kerneltest.host: this is the guest, so Jupiter runs the @KernelTest
    # classes here (kthread-bridge-junit is on the class path). The browser
    # tests are the host's: the HTML report's, and the check of the guests'
    # reports that failsafe runs after them (tags browser, reports).
    "$java_home/bin/java" --enable-native-access=ALL-UNNAMED \
        -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
        -Dkthreadbridge.test.repoDir="$KB_ROOT" -Dkthreadbridge.test.device=true \
        -Dkerneltest.host=true \
        ${KB_JAVA_STRESS_SECONDS:+"-Dkthreadbridge.stress.seconds=$KB_JAVA_STRESS_SECONDS"} \
        -cp "$cp" \
        org.junit.platform.console.ConsoleLauncher execute \
        --disable-banner --details=summary --details-theme=ascii \
        --select-package dev.kthreadbridge --fail-if-no-tests \
        --exclude-tag browser --exclude-tag reports "$@" \
        --reports-dir "$results/junit" 2>&1 | tee "$results/java-tests.log" || rc=${PIPESTATUS[0]}
    printf 'Java: %s (exit %d)\n' \
        "$(grep -E 'tests (successful|failed|skipped)' "$results/java-tests.log" | tr -s ' []' ' ' | paste -sd, -)" \
        "$rc" >>"$summary"
    return "$rc"
}

main() {
    local suites=("$@") suite failed=0 optional=''
    case "${1:-}" in -h | --help) usage; return 0 ;; esac
    if ((${#suites[@]} == 0)); then
        suites=(c c-user java)
        optional=optional
    fi
    trap cleanup EXIT
    mkdir -p "$results"
    summary="$results/summary.txt"
    : >"$summary"
    for suite in "${suites[@]}"; do
        case "$suite" in
            c) run_c || failed=1 ;;
            c-user) run_c_user "$optional" || failed=1 ;;
            java) run_java || failed=1 ;;
            java-device)
                KB_JAVA_STRESS_SECONDS=5 run_java --include-tag device --include-tag stress || failed=1 ;;
            java-user) run_java_user || failed=1 ;;
            *) kb_log "error: unknown suite '$suite'"; usage >&2; return 2 ;;
        esac
    done
    cat "$summary"
    return "$failed"
}

main "$@"
