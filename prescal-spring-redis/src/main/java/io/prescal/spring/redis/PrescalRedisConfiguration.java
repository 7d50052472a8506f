package io.prescal.spring.redis;

import io.prescal.common.redis.RedisAccess;
import io.prescal.common.redis.RedisKeys;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The Redis connection of a Prescal Spring Boot service: where Redis is and how to log in, read as
 * {@link RedisKeys} says (Spring Boot's {@code spring.data.redis.*} keys, then {@code
 * PRESCAL_REDIS_URL}, then {@value #DEFAULT_URL}) with the password and CA files of {@link
 * RedisAccess}. Spring Boot's Redis auto-configuration then builds its Lettuce client, template and
 * health check from these details. Import it into the application class.
 */
@Configuration(proxyBeanMethods = false)
public class PrescalRedisConfiguration {

  /** Where Redis is when no key says. */
  public static final String DEFAULT_URL = "redis://localhost:6379";

  /** How this service reaches Redis; also what its logs and pages show (without the password). */
  @Bean
  RedisAccess redisAccess(Environment environment) {
    return RedisKeys.resolve(environment::getProperty, DEFAULT_URL);
  }

  @Bean
  DataRedisConnectionDetails redisConnectionDetails(RedisAccess redisAccess) {
    return new AccessConnectionDetails(redisAccess);
  }
}
