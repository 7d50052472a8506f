package io.prescal.dashboard.config;

import io.prescal.common.redis.RedisAccess;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails.Standalone;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where Redis is and how to log in, as prescal-common's {@link RedisAccess} reads the three Redis
 * settings of every Prescal service: {@code spring.data.redis.url} ({@code PRESCAL_REDIS_URL}),
 * {@code prescal.redis.password-file} ({@code PRESCAL_REDIS_PASSWORD_FILE}) and {@code
 * prescal.redis.ca-file} ({@code PRESCAL_REDIS_CA_FILE}). Spring Boot's own reading of the URL
 * alone knows neither file.
 */
@Configuration(proxyBeanMethods = false)
class RedisConnection {

  @Bean
  DataRedisConnectionDetails redisConnectionDetails(
      @Value("${spring.data.redis.url}") String url,
      @Value("${prescal.redis.password-file:}") String passwordFile,
      @Value("${prescal.redis.ca-file:}") String caFile) {
    RedisAccess access = RedisAccess.of(url, passwordFile, caFile);
    Standalone standalone = Standalone.of(access.host(), access.port(), access.database());
    SslBundle tls =
        !access.tls()
            ? null
            : access.caFile() == null
                ? SslBundle.systemDefault()
                : SslBundle.of(SslStoreBundle.of(null, null, access.trustStore()));
    return new DataRedisConnectionDetails() {
      @Override
      public String getUsername() {
        return access.username();
      }

      @Override
      public String getPassword() {
        return access.password();
      }

      @Override
      public Standalone getStandalone() {
        return standalone;
      }

      @Override
      public SslBundle getSslBundle() {
        return tls;
      }
    };
  }
}
