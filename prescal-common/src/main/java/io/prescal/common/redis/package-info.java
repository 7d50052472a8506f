/**
 * How every Prescal service reaches Redis beyond its URL ({@link
 * io.prescal.common.redis.RedisAccess}): the password from a file, and the certificate authority to
 * trust for TLS. One rule for the proxy, prescal-event and the dashboard; plain JDK, no client
 * library.
 */
package io.prescal.common.redis;
