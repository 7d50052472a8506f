package io.prescal.traffic.events;

/**
 * How the system answered one load step of the profile.
 *
 * @param second when the step came, seconds since measurement started
 * @param fromRate planned rate just before
 * @param toRate planned rate after
 * @param secondsToCapacity from the step to the first backend ready after it, or null if none came
 * @param backendsReady backends that became ready before the next step
 * @param secondsToRecover from the step to the first second whose p99 is back near the level before
 *     the step (at most twice it, or 1 ms over it), or null if it never was
 */
public record StepResponse(
    double second,
    double fromRate,
    double toRate,
    Double secondsToCapacity,
    int backendsReady,
    Double secondsToRecover) {}
