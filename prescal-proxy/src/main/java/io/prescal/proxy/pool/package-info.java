/**
 * The live backend set of each service: {@link io.prescal.proxy.pool.ServicePool} holds its {@link
 * io.prescal.proxy.pool.Backend}s as an immutable snapshot swapped atomically, so balancers read it
 * without locks while backends join, drain and leave at run time. {@link
 * io.prescal.proxy.pool.ServiceRegistry} maps host and path prefix to a pool.
 */
package io.prescal.proxy.pool;
