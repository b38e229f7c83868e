// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
/*
 * kb_test: the contract of /dev/kthread_bridge, tested through the shim.
 * Needs the module loaded and a process that may open the device (root,
 * or with node_access=1 the node's group: the tests decide by their own
 * capabilities what to expect); without the device it says so and exits
 * 4 (the kselftest "skip" code) instead of passing.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "kb_tests.h"

/*
 * Closed files are torn down on the module's workqueue after close()
 * returned: before a test, wait (bounded) until no thread of an earlier
 * test still counts against the limits.
 */
static void settle(void)
{
	unsigned long n = 0;

	if (!WAIT_UNTIL(read_param("nr_threads", &n) || n == 0, 30000))
		printf("# nr_threads still %lu before this test\n", n);
}

int main(int argc, char **argv)
{
	int fd;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc == 2 && !strcmp(argv[1], "-l"))
		return harness_run(argc, argv);
	if (access(KB_DEFAULT_PATH, F_OK)) {
		printf("# kb_test: %s: %s: the kthread_bridge module is not "
		       "loaded here.\n# Run the tests in the VM: "
		       "scripts/vm-run.sh --kernel 6.1 -- build/native/kb_test\n",
		       KB_DEFAULT_PATH, strerror(errno));
		printf("0 passed, 0 failed, 1 skipped\n");
		return KSFT_SKIP;
	}
	fd = kb_open(NULL);
	if (fd < 0 && argc < 2) {
		printf("# kb_test: cannot open %s: %s (run as root, or load "
		       "the module with node_access=1 and use the node's "
		       "group: docs/security.md)\n", KB_DEFAULT_PATH,
		       strerror(-fd));
		printf("0 passed, 0 failed, 1 skipped\n");
		return KSFT_SKIP;
	}
	/* tests named on the command line run even so: access_* test it */
	if (fd < 0)
		printf("# kb_test: cannot open %s: %s\n", KB_DEFAULT_PATH,
		       strerror(-fd));
	else
		kb_close(fd);
	harness_set_before_each(settle);
	return harness_run(argc, argv);
}
