/**
 * {@link io.github.ecrtoolkit.iam.doctor.Doctor}: one report a newcomer can paste into a question —
 * credentials, identity, region, clock, registries, Docker Engine and each capability's pre-flight.
 */
package io.github.ecrtoolkit.iam.doctor;
