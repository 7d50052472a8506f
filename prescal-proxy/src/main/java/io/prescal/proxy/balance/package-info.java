/**
 * Load balancing: how a request picks one READY backend. {@link io.prescal.proxy.balance.Balancers}
 * makes each algorithm (weighted round robin, least request, power of two choices, peak EWMA,
 * consistent hashing with bounded load); {@link io.prescal.proxy.balance.SlowStart} ramps the
 * weight of backends that just joined.
 */
package io.prescal.proxy.balance;
