/**
 * The one Redis connection of prescal-event and the dashboard ({@link
 * io.prescal.spring.redis.PrescalRedisConfiguration}): prescal-common's rule of which keys count
 * and in which order, handed to Spring Boot's Redis auto-configuration.
 */
package io.prescal.spring.redis;
