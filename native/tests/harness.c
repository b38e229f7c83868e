// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
/* The runner behind harness.h: see the comment there. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

#define MAX_TESTS 256

struct harness_test {
	const char *name;
	harness_fn fn;
};

static struct harness_test tests[MAX_TESTS];
static int ntests;
static harness_fn before_each;

void harness_set_before_each(harness_fn fn)
{
	before_each = fn;
}
bool harness_expect_failed;
const char *harness_at_file;
int harness_at_line;

void harness_register(const char *name, harness_fn fn)
{
	if (ntests == MAX_TESTS) {
		fprintf(stderr, "harness: more than %d tests\n", MAX_TESTS);
		abort();
	}
	tests[ntests].name = name;
	tests[ntests].fn = fn;
	ntests++;
}

void harness_exit(int status)
{
	if (status == 0 && harness_expect_failed)
		status = 1;
	fflush(stdout);
	fflush(stderr);
	_exit(status);
}

const char *harness_fmt(long long v, char *buf, size_t len)
{
	const char *name = NULL;

	if (v < 0 && v > -4096)
		name = strerrorname_np((int)-v);
	if (name)
		snprintf(buf, len, "%lld (-%s)", v, name);
	else if (v > 0xffff || v < -0xffff)
		snprintf(buf, len, "%lld (0x%llx)", v, (unsigned long long)v);
	else
		snprintf(buf, len, "%lld", v);
	return buf;
}

void harness_fail_cmp(const char *file, int line, const char *e_expr,
		      const char *s_expr, const char *op, long long e,
		      long long s)
{
	char eb[64], sb[64];

	printf("# %s:%d: expected %s %s %s\n#   %s = %s\n#   %s = %s\n",
	       file, line, e_expr, op, s_expr, e_expr,
	       harness_fmt(e, eb, sizeof(eb)), s_expr,
	       harness_fmt(s, sb, sizeof(sb)));
	harness_print_at();
}

void harness_print_at(void)
{
	if (harness_at_file)
		printf("#   in a helper called from %s:%d\n", harness_at_file,
		       harness_at_line);
	fflush(stdout);
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static bool selected(const char *name, int argc, char **argv)
{
	int i;

	if (argc < 2)
		return true;
	for (i = 1; i < argc; i++)
		if (!strcmp(argv[i], name))
			return true;
	return false;
}

/* Returns 0 pass, 1 fail, KSFT_SKIP skip. */
static int run_one(const struct harness_test *t, int timeout)
{
	double start = now_s(), killed_at = 0;
	int status;
	pid_t pid, r;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0) {
		printf("# fork: %s\n", strerror(errno));
		return 1;
	}
	if (pid == 0) {
		setpgid(0, 0);
		t->fn();
		harness_exit(0);
	}
	for (;;) {
		r = waitpid(pid, &status, WNOHANG);
		if (r == pid)
			break;
		if (r < 0 && errno != EINTR) {
			printf("# waitpid: %s\n", strerror(errno));
			return 1;
		}
		if (!killed_at && now_s() - start > timeout) {
			printf("# %s: timed out after %d s, killing it\n",
			       t->name, timeout);
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL);
			killed_at = now_s();
		}
		if (killed_at && now_s() - killed_at > 10) {
			/* Stuck in the kernel (D state): leave it. */
			printf("# %s: child %d does not die (stuck in the "
			       "kernel?)\n", t->name, pid);
			return 1;
		}
		usleep(2000);
	}
	if (killed_at)
		return 1;
	if (WIFSIGNALED(status)) {
		printf("# %s: killed by signal %d (%s)\n", t->name,
		       WTERMSIG(status), strsignal(WTERMSIG(status)));
		return 1;
	}
	if (WEXITSTATUS(status) == KSFT_SKIP)
		return KSFT_SKIP;
	return WEXITSTATUS(status) ? 1 : 0;
}

int harness_run(int argc, char **argv)
{
	int i, n = 0, pass = 0, fail = 0, skip = 0, timeout = 60;
	const char *env = getenv("KB_TEST_TIMEOUT");

	if (argc == 2 && !strcmp(argv[1], "-l")) {
		for (i = 0; i < ntests; i++)
			printf("%s\n", tests[i].name);
		return 0;
	}
	if (env && atoi(env) > 0)
		timeout = atoi(env);
	for (i = 0; i < ntests; i++)
		n += selected(tests[i].name, argc, argv);
	if (!n) {
		fprintf(stderr, "no such test; -l lists them\n");
		return 2;
	}
	printf("TAP version 13\n1..%d\n", n);
	n = 0;
	for (i = 0; i < ntests; i++) {
		const struct harness_test *t = &tests[i];
		double start;
		int r;

		if (!selected(t->name, argc, argv))
			continue;
		n++;
		printf("# RUN %s\n", t->name);
		if (before_each)
			before_each();
		start = now_s();
		r = run_one(t, timeout);
		if (r == 0) {
			pass++;
			printf("ok %d %s (%.2f s)\n", n, t->name,
			       now_s() - start);
		} else if (r == KSFT_SKIP) {
			skip++;
			printf("ok %d %s # SKIP\n", n, t->name);
		} else {
			fail++;
			printf("not ok %d %s\n", n, t->name);
		}
		fflush(stdout);
	}
	if (skip)
		printf("%d passed, %d failed, %d skipped\n", pass, fail, skip);
	else
		printf("%d passed, %d failed\n", pass, fail);
	return fail ? 1 : 0;
}
