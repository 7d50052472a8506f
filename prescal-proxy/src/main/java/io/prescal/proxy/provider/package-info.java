/**
 * Where backends come from: a {@link io.prescal.proxy.provider.BackendProvider} per service starts,
 * adopts and stops them (static list, Docker containers, local processes) and reports the ones that
 * die. Providers know nothing of traffic: the pool decides when a backend is ready and drained.
 */
package io.prescal.proxy.provider;
