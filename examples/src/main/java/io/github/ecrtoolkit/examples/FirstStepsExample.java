package io.github.ecrtoolkit.examples;

import io.github.ecrtoolkit.core.permissions.Capability;
import io.github.ecrtoolkit.core.permissions.PermissionScope;
import io.github.ecrtoolkit.core.permissions.Permissions;
import io.github.ecrtoolkit.iam.MissingPermissionsException;
import io.github.ecrtoolkit.iam.PolicySetup;
import io.github.ecrtoolkit.iam.PolicyTarget;
import io.github.ecrtoolkit.iam.Preflight;
import io.github.ecrtoolkit.iam.PreflightResult;
import io.github.ecrtoolkit.iam.doctor.Doctor;
import io.github.ecrtoolkit.iam.doctor.DoctorReport;

/**
 * The README's "First steps on a new AWS account" snippets, compiled: the policy a capability
 * needs, a pre-flight before changing anything, attaching the policy to a role, and the doctor.
 * Usage: {@code FirstStepsExample <repository> <role>}.
 */
public final class FirstStepsExample {

    private FirstStepsExample() {
    }

    public static void main(String[] args) {
        PermissionScope scope = PermissionScope.builder().region("eu-west-1").repository(args[0]).build();

        // the least-privilege policy, as IAM takes it
        System.out.println(Permissions.policy(Capability.PUSH, scope).toJson());

        // before changing anything: may the caller push there?
        try {
            PreflightResult ok = Preflight.require(Capability.PUSH, scope);
            System.out.println(ok.message());     // "... all 8 actions allowed", or "not known" when it cannot simulate
        } catch (MissingPermissionsException e) {
            System.err.println(e.getMessage());   // names each denied action and the policy to attach
            // an administrator attaches it once (never creates access keys)
            try (PolicySetup setup = PolicySetup.create()) {
                setup.apply(Capability.PUSH, scope, PolicyTarget.role(args[1]));
            }
        }

        // one report to paste into a question; no secret in it
        DoctorReport report = Doctor.builder().region("eu-west-1").build().run();
        System.out.println(report);
    }
}
