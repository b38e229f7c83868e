// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.junit;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Disables a {@link KernelTest} class in Jupiter on the host: only the
 * guest runner (which sets {@code kerneltest.inGuest=true}) runs it. The
 * second line of defence: {@link HostFilter} normally keeps Jupiter from
 * even listing these classes on the host.
 */
public final class HostGuard implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getConfigurationParameter(KernelTestParameters.IN_GUEST, Boolean::parseBoolean).orElse(false)) {
            return ConditionEvaluationResult.enabled("inside a kernel-test guest");
        }
        if (context.getConfigurationParameter(KernelTestParameters.ON_HOST, Boolean::parseBoolean).orElse(false)) {
            return ConditionEvaluationResult.enabled("kerneltest.host=true: on the host's own kernel");
        }
        return ConditionEvaluationResult.disabled(
                "@KernelTest: runs inside kernel guests through the kernel-test engine, not on the host");
    }
}
