/**
 * Where backends come from: a {@link io.prescal.proxy.provider.BackendProvider} per service starts,
 * adopts and stops them (Docker containers, local processes; a service with a fixed `backends:`
 * list needs no provider) and reports the ones that die. Providers know nothing of traffic: the
 * pool decides when a backend is ready (with the {@link io.prescal.proxy.provider.ReadinessProbe})
 * and drained. Settings records here and in the sub-packages list every problem at once as {@link
 * io.prescal.proxy.provider.SettingsProblem}s.
 */
package io.prescal.proxy.provider;
