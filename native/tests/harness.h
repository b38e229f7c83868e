/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 The kthread-bridge authors */
/*
 * A small test harness in the spirit of the kernel's kselftest_harness.h
 * (written from scratch, no kernel code):
 *
 *  - TEST(name) { ... } defines a test; tests register themselves through
 *    constructors and run in the order they are linked and defined.
 *  - Every test runs in its own fork()ed child, so a crash, a failed
 *    ASSERT or a hang only ends that test. The runner kills a child that
 *    outlives KB_TEST_TIMEOUT seconds (default 60) and moves on.
 *  - ASSERT_*(expected, seen) print file:line, both expressions and both
 *    values (with the errno name for small negative values) and end the
 *    test; EXPECT_* print the same but let the test go on, failing it at
 *    the end. SKIP(fmt, ...) ends the test as skipped.
 *  - Output is TAP-like ("ok N name", "not ok N name", "# ..." for notes)
 *    and ends with exactly one line "P passed, F failed" (", S skipped"
 *    when S > 0). The exit status is 1 if anything failed, else 0.
 *
 * Arguments: test names to run only those; -l lists the tests.
 */
#ifndef KB_HARNESS_H
#define KB_HARNESS_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KSFT_SKIP 4

typedef void (*harness_fn)(void);

void harness_register(const char *name, harness_fn fn);
/* fn runs in the runner before each test (e.g. to wait for quiescence). */
void harness_set_before_each(harness_fn fn);
/* Runs the selected tests; returns the process exit status. */
int harness_run(int argc, char **argv);
/* Formats v as decimal, hex for large values, and an errno name if small. */
const char *harness_fmt(long long v, char *buf, size_t len);
void harness_fail_cmp(const char *file, int line, const char *e_expr,
		      const char *s_expr, const char *op, long long e,
		      long long s);

/*
 * Where a test called a helper that asserts (HARNESS_CALL): failures inside
 * the helper then also name the test's line. NULL outside helpers.
 */
extern const char *harness_at_file;
extern int harness_at_line;
void harness_print_at(void);

#define HARNESS_CALL(call)						\
	({								\
		harness_at_file = __FILE__;				\
		harness_at_line = __LINE__;				\
		__auto_type __r = (call);				\
		harness_at_file = NULL;					\
		__r;							\
	})
#define HARNESS_CALL_VOID(call)						\
	do {								\
		harness_at_file = __FILE__;				\
		harness_at_line = __LINE__;				\
		call;							\
		harness_at_file = NULL;					\
	} while (0)

/* Set by EXPECT_* in the test child; harness_exit() turns it into a status. */
extern bool harness_expect_failed;
void harness_exit(int status) __attribute__((noreturn));

#define TEST(name)							\
	static void test_##name(void);					\
	static void __attribute__((constructor)) register_##name(void)	\
	{								\
		harness_register(#name, test_##name);			\
	}								\
	static void test_##name(void)

#define TH_LOG(fmt, ...)						\
	do {								\
		printf("# %s:%d: " fmt "\n", __FILE__, __LINE__,	\
		       ##__VA_ARGS__);					\
		fflush(stdout);						\
	} while (0)

#define SKIP(fmt, ...)							\
	do {								\
		printf("# SKIP: " fmt "\n", ##__VA_ARGS__);		\
		harness_exit(KSFT_SKIP);				\
	} while (0)

/* Compares as long long; unsigned 64-bit values above LLONG_MAX do not occur
 * in these tests (timestamps and counters are far below). */
#define __CMP(expected, seen, op, is_assert, e_str, s_str)	\
	do {								\
		long long __e = (long long)(expected);			\
		long long __s = (long long)(seen);			\
		if (!(__e op __s)) {					\
			harness_fail_cmp(__FILE__, __LINE__, e_str,	\
					 s_str, #op, __e, __s);		\
			if (is_assert)					\
				harness_exit(1);			\
			harness_expect_failed = true;			\
		}							\
	} while (0)

/* ASSERT_EQ(expected, seen): the kselftest argument order. */
#define ASSERT_EQ(e, s)	__CMP(e, s, ==, 1, #e, #s)
#define ASSERT_NE(e, s)	__CMP(e, s, !=, 1, #e, #s)
#define ASSERT_LT(e, s)	__CMP(e, s, <, 1, #e, #s)
#define ASSERT_LE(e, s)	__CMP(e, s, <=, 1, #e, #s)
#define ASSERT_GT(e, s)	__CMP(e, s, >, 1, #e, #s)
#define ASSERT_GE(e, s)	__CMP(e, s, >=, 1, #e, #s)
#define ASSERT_TRUE(c)	__CMP(1, !!(c), ==, 1, "true", #c)
#define ASSERT_FALSE(c)	__CMP(0, !!(c), ==, 1, "false", #c)
#define EXPECT_EQ(e, s)	__CMP(e, s, ==, 0, #e, #s)
#define EXPECT_NE(e, s)	__CMP(e, s, !=, 0, #e, #s)
#define EXPECT_LE(e, s)	__CMP(e, s, <=, 0, #e, #s)
#define EXPECT_GE(e, s)	__CMP(e, s, >=, 0, #e, #s)
#define EXPECT_TRUE(c)	__CMP(1, !!(c), ==, 0, "true", #c)

#define __STRCMP(expected, seen, is_assert, e_str, s_str) \
	do {								\
		const char *__e = (expected), *__s = (seen);		\
		if (strcmp(__e, __s)) {					\
			printf("# %s:%d: expected %s == %s: \"%s\" vs "	\
			       "\"%s\"\n", __FILE__, __LINE__,		\
			       e_str, s_str, __e, __s);		\
			harness_print_at();				\
			if (is_assert)					\
				harness_exit(1);			\
			harness_expect_failed = true;			\
		}							\
	} while (0)

#define ASSERT_STREQ(e, s)	__STRCMP(e, s, 1, #e, #s)
#define EXPECT_STREQ(e, s)	__STRCMP(e, s, 0, #e, #s)

#endif /* KB_HARNESS_H */
