#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The kthread-bridge authors
# The README's kthread-bridge-junit example, as written, from a fresh copy
# of the project: install the engine, `mvn verify` the example project
# copied outside the checkout (no kerneltest.projectRoot: the engine runs the
# runner bundled in its jar) on one kernel, and check failsafe's report lists
# its tests under that kernel.
set -euo pipefail

# shellcheck disable=SC2034  # used by kb_log in lib/common.sh
KB_PROG=kerneltest-example.sh
# shellcheck source-path=SCRIPTDIR source=../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

work=''

usage() {
    cat <<'EOF_USAGE'
Usage: scripts/tests/kerneltest-example.sh [KERNEL]

Copies the working tree (a fresh clone's files) to a temporary directory
under /var/tmp, java/kerneltest-example next to it (outside the checkout,
as a user's own project), and runs the two commands of README's "Kernel
tests in your JUnit run":
  ./mvnw -B -Dvm.skip -Dkmod.skip -DskipTests install -pl java/kthread-bridge-junit -am
  cd the-example-copy && mvn -B verify -Dkerneltest.kernels=KERNEL
(KERNEL: 6.12 by default; mvn is the copy's ./mvnw) with KB_CACHE in the
temporary directory, so the engine extracts its bundled runner afresh.
Passes when failsafe reports every test of the example under KERNEL with no
failure or skip (on the host, or on 6.1, one test would be skipped) and the
guest ran the extracted runner. Boots one QEMU guest: run it under
`flock /tmp/kb-vm.lock` unless the caller (scripts/test.sh's) holds it.
Exit status: 0 passed, 1 failed, 2 usage.
EOF_USAGE
}

cleanup() {
    [[ -z "$work" ]] || rm -rf -- "$work"
}

# check_report DIR KERNEL: the example's failsafe XML names KERNEL, has
# tests, and no failure, error or skip.
check_report() {
    local dir=$1 kernel=$2 xml tests failures errors skipped
    xml=$(compgen -G "$dir/target/failsafe-reports/TEST-*.xml" | head -n 1) ||
        kb_die "no failsafe report in $dir/target/failsafe-reports"
    tests=$(grep -o -m1 '<testsuite [^>]*' "$xml" | grep -o ' tests="[0-9]*"' | tr -dc 0-9)
    failures=$(grep -o -m1 '<testsuite [^>]*' "$xml" | grep -o ' failures="[0-9]*"' | tr -dc 0-9)
    errors=$(grep -o -m1 '<testsuite [^>]*' "$xml" | grep -o ' errors="[0-9]*"' | tr -dc 0-9)
    skipped=$(grep -o -m1 '<testsuite [^>]*' "$xml" | grep -o ' skipped="[0-9]*"' | tr -dc 0-9)
    # On 6.12 none is skipped: its assumption holds only inside that kernel.
    ((tests >= 2 && failures == 0 && errors == 0 && skipped == 0)) ||
        kb_die "$xml: tests=$tests failures=$failures errors=$errors skipped=$skipped"
    grep -q "$kernel" "$xml" || kb_die "$xml does not name kernel $kernel"
    kb_info "ok: $tests tests on $kernel, no failure ($(basename "$xml"))"
}

# check_runner DIR CACHE: the example's guest ran the runner extracted into
# CACHE (run.conf's project directory), not a checkout's.
check_runner() {
    local dir=$1 cache=$2 conf project
    conf=$(compgen -G "$dir/target/kerneltest/*/*/run.conf" | head -n 1) ||
        kb_die "no run.conf under $dir/target/kerneltest"
    project=$(sed -n 's/^KB_VM_PROJECT=//p' "$conf")
    [[ "$project" == "$cache"/runner/* && -x "$project/scripts/vm-run.sh" ]] ||
        kb_die "$conf: the guest ran the runner in '$project', not one extracted into $cache/runner"
    kb_info "ok: the bundled runner, extracted into $project"
}

main() {
    local kernel=6.12 copy project java_home start
    case "${1:-}" in
        -h | --help) usage; return 0 ;;
        "") ;;
        -*) kb_usage_error "unknown option '$1'" ;;
        *) kernel=$1 ;;
    esac
    java_home=$(find_java_home) || kb_die "a JDK >= $KB_JAVA_MIN is required"
    export JAVA_HOME=$java_home
    trap cleanup EXIT
    work=$(mktemp -d /var/tmp/kb-example.XXXXXX)
    copy=$work/kthread-bridge
    project=$work/my-project
    kb_copy_worktree "$copy"
    cp -a "$copy/java/kerneltest-example" "$project"
    export KB_CACHE=$work/cache
    cd "$copy"
    timeout 900 ./mvnw -B -q -Dvm.skip -Dkmod.skip -DskipTests install -pl java/kthread-bridge-junit -am ||
        kb_die "installing the engine failed"
    cd "$project"
    start=$SECONDS
    timeout 900 "$copy/mvnw" -B verify -Dkerneltest.kernels="$kernel" ||
        kb_die "the example project failed on $kernel"
    kb_info "the example's verify took $((SECONDS - start))s"
    check_report "$project" "$kernel"
    check_runner "$project" "$KB_CACHE"
}

main "$@"
