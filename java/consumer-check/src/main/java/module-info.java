// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
// SPDX-License-Identifier: Apache-2.0

/** A user's module: the README's sample, on the module path. */
module dev.kthreadbridge.example {
    requires dev.kthreadbridge;
}
