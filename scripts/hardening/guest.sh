#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The kthread-bridge authors
# Runs inside a guest (scripts/vm-run.sh), as root, with kthread_bridge
# loaded: the hardening parts named on the command line (default: all but
# kmemleak, which only the debug kernel has). Each part's output goes to
# $KB_RESULTS/hardening-<part>.log; one line per part to
# $KB_RESULTS/hardening-summary.txt; the last line is "N passed, N failed"
# over the parts. Exit 1 when any part failed.
#
# Parts:
#   fuzz     build/native/kb_fuzz (KB_FUZZ_CALLS, KB_FUZZ_SECONDS,
#            KB_FUZZ_SEED, KB_FUZZ_THREADS, KB_FUZZ_FILES), then no module
#            kthread left, nr_threads 0
#   stress   kb_stress threads: 8 pthreads on one file + reopener
#   java     the JUnit stress package (8 Java threads + reopener)
#   kill     kb_stress kill: KB_KILL_ROUNDS (100) SIGKILLs
#   reload   KB_RELOAD_ROUNDS (100) rmmod/insmod cycles, rmmod refused
#            while a file is open, threads created and released in between
#   limits   kb_stress limits
#   fdpass   kb_stress fdpass (non-root open, SCM_RIGHTS, inheritance)
#   unwoken  kb_stress unwoken with hung_task_timeout_secs=6
#   ctest    build/native/kb_test (the C contract tests)
#   kmemleak two kmemleak scans; any leak with a module frame fails
#   rmmod    the module unloads (and is loaded again for what follows)
set -uo pipefail

# shellcheck disable=SC2034  # used by kb_log in lib/common.sh
KB_PROG=hardening/guest.sh
# shellcheck source-path=SCRIPTDIR source=../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

results=${KB_RESULTS:-$KB_BUILD/guest-results}
bin="$KB_BUILD/native"
module="$KB_BUILD/kmod/${KB_KERNEL:-$(uname -r)}/kthread_bridge.ko"
summary="$results/hardening-summary.txt"
parts_passed=0
parts_failed=0

note() {
    printf '%s\n' "$*" | tee -a "$summary"
}

wait_dev() {
    local i
    for ((i = 0; i < 100; i++)); do
        [[ -c /dev/kthread_bridge ]] && return 0
        sleep 0.05
    done
    return 1
}

part_fuzz() {
    "$bin/kb_fuzz" --calls "${KB_FUZZ_CALLS:-1000000}" --seconds "${KB_FUZZ_SECONDS:-240}" \
        --threads "${KB_FUZZ_THREADS:-4}" --files "${KB_FUZZ_FILES:-3}" \
        ${KB_FUZZ_SEED:+--seed "$KB_FUZZ_SEED"}
}

part_stress() {
    "$bin/kb_stress" threads --threads 8 --seconds "${KB_STRESS_SECONDS:-20}" ${KB_STRESS_SEED:+--seed "$KB_STRESS_SEED"}
}

part_kill() {
    "$bin/kb_stress" kill --rounds "${KB_KILL_ROUNDS:-100}" ${KB_STRESS_SEED:+--seed "$KB_STRESS_SEED"}
}

part_limits() {
    "$bin/kb_stress" limits
}

part_fdpass() {
    "$bin/kb_stress" fdpass
}

part_unwoken() {
    local old rc=0
    old=$(cat /proc/sys/kernel/hung_task_timeout_secs)
    # the runner has hung_task_panic=1: a report now ends the guest (125)
    echo 6 >/proc/sys/kernel/hung_task_timeout_secs
    "$bin/kb_stress" unwoken --seconds 14 || rc=$?
    echo "$old" >/proc/sys/kernel/hung_task_timeout_secs
    return "$rc"
}

part_ctest() {
    # a full file's teardown (4096 kthread_stop()s) takes minutes under KASAN
    KB_TEST_TIMEOUT=${KB_TEST_TIMEOUT:-300} "$bin/kb_test"
}

part_java() {
    local java_home cp
    java_home=$(find_java_home) || return 1
    cp=$(kb_test_classpath) || return 1
    "$java_home/bin/java" --enable-native-access=ALL-UNNAMED \
        -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
        -Dkthreadbridge.test.repoDir="$KB_ROOT" -Dkthreadbridge.test.device=true \
        -Dkerneltest.host=true \
        -Dkthreadbridge.stress.seconds="${KB_STRESS_SECONDS:-20}" \
        ${KB_STRESS_SEED:+-Dkthreadbridge.stress.seed="$KB_STRESS_SEED"} \
        -cp "$cp" \
        org.junit.platform.console.ConsoleLauncher execute \
        --disable-banner --details=tree --details-theme=ascii \
        --include-tag stress --select-class dev.kthreadbridge.stress.ConcurrentLifecycleStressTest \
        --fail-if-no-tests \
        --reports-dir "$results/junit-stress"
}

# rmmod must refuse while a file is open; threads come and go in between.
part_reload() {
    local rounds=${KB_RELOAD_ROUNDS:-100} i t refused=0 ok=0 left
    [[ -f "$module" ]] || { echo "no $module"; return 1; }
    for ((i = 1; i <= rounds; i++)); do
        rmmod kthread_bridge || { echo "round $i: rmmod failed"; return 1; }
        insmod "$module" || { echo "round $i: insmod failed"; return 1; }
        wait_dev || { echo "round $i: no /dev/kthread_bridge"; return 1; }
        exec 3<>/dev/kthread_bridge
        if rmmod kthread_bridge 2>/dev/null; then
            echo "round $i: rmmod succeeded with a file open"
            exec 3>&-
            return 1
        fi
        refused=$((refused + 1))
        "$bin/kb_fuzz" --calls 60 --seconds 10 --threads 2 --files 2 --seed "$i" >"$results/reload-fuzz.log" 2>&1 ||
            { echo "round $i: kb_fuzz failed:"; cat "$results/reload-fuzz.log"; exec 3>&-; return 1; }
        exec 3>&-
        # closed files are torn down on the module's workqueue: wait for it
        for ((t = 0; t < 200; t++)); do
            left=$(cat /sys/module/kthread_bridge/parameters/nr_threads 2>/dev/null || echo 0)
            [[ "$left" == 0 ]] && break
            sleep 0.05
        done
        [[ "$left" == 0 ]] || { echo "round $i: nr_threads $left"; return 1; }
        ok=$((ok + 1))
    done
    echo "reloads $ok, rmmod refused with a file open $refused times"
    echo "1 passed, 0 failed"
}

part_rmmod() {
    rmmod kthread_bridge || return 1
    insmod "$module" && wait_dev
}

part_kmemleak() {
    local f=/sys/kernel/debug/kmemleak
    [[ -e "$f" ]] || mount -t debugfs none /sys/kernel/debug 2>/dev/null
    [[ -e "$f" ]] || { echo "no kmemleak here"; return 0; }
    # a leak is reported on the second scan that finds it, if older than 5 s
    echo scan >"$f"
    sleep 6
    echo scan >"$f"
    cat "$f" >"$results/kmemleak.txt"
    echo "kmemleak: $(grep -c '^unreferenced object' "$results/kmemleak.txt") unreferenced objects in all"
    if grep -qE 'kthread_bridge|\[kthread_bridge\]|kb_[a-z_]+\+0x' "$results/kmemleak.txt"; then
        echo "kmemleak: objects from the module:"
        cat "$results/kmemleak.txt"
        return 1
    fi
    echo "kmemleak: nothing from the module"
}

run_part() {
    local part=$1 start=$SECONDS rc=0 log="$results/hardening-$1.log"
    kb_info "part $part"
    "part_$part" >"$log" 2>&1 || rc=$?
    # keep the console readable: the closing lines only
    grep -E '^(not ok|# calls|# kills|# ops|# errno|reloads|kmemleak)|passed, [0-9]+ failed' "$log" | tail -n 12
    if ((rc == 0)); then
        parts_passed=$((parts_passed + 1))
        note "ok $part ($((SECONDS - start))s): $(grep -E '[0-9]+ passed, [0-9]+ failed|tests successful' "$log" | tail -n 1)"
    else
        parts_failed=$((parts_failed + 1))
        note "not ok $part ($((SECONDS - start))s, exit $rc): see $log"
        tail -n 30 "$log"
    fi
}

main() {
    local parts=("$@") part
    ((${#parts[@]})) || parts=(fuzz stress java kill reload limits fdpass unwoken)
    mkdir -p "$results"
    : >"$summary"
    note "# kernel $(uname -r), $(nproc) CPUs"
    for part in "${parts[@]}"; do
        declare -F "part_$part" >/dev/null || { kb_log "error: unknown part '$part'"; return 2; }
        run_part "$part"
    done
    note "$parts_passed passed, $parts_failed failed"
    ((parts_failed == 0))
}

main "$@"
