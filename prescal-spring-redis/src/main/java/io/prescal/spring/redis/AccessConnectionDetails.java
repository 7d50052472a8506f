package io.prescal.spring.redis;

import io.prescal.common.redis.RedisAccess;
import java.util.List;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslStoreBundle;

/**
 * A {@link RedisAccess} as Spring Boot's connection details: one Redis, or the Sentinels of a
 * {@code redis-sentinel://} address (the user and password then serve the Sentinels and the master
 * alike); TLS trusting the CA file's certificates, or the JVM's.
 */
final class AccessConnectionDetails implements DataRedisConnectionDetails {

  private final RedisAccess access;
  private final SslBundle tls;

  AccessConnectionDetails(RedisAccess access) {
    this.access = access;
    this.tls =
        !access.tls()
            ? null
            : access.caFile() == null
                ? SslBundle.systemDefault()
                : SslBundle.of(SslStoreBundle.of(null, null, access.trustStore()));
  }

  @Override
  public String getUsername() {
    return access.username();
  }

  @Override
  public String getPassword() {
    return access.password();
  }

  @Override
  public SslBundle getSslBundle() {
    return tls;
  }

  @Override
  public Standalone getStandalone() {
    return access.sentinel()
        ? null
        : Standalone.of(access.host(), access.port(), access.database());
  }

  @Override
  public Sentinel getSentinel() {
    if (!access.sentinel()) {
      return null;
    }
    RedisAccess.Sentinels sentinels = access.sentinels();
    List<Node> nodes = sentinels.nodes().stream().map(n -> new Node(n.host(), n.port())).toList();
    return new Sentinel() {
      @Override
      public int getDatabase() {
        return access.database();
      }

      @Override
      public String getMaster() {
        return sentinels.master();
      }

      @Override
      public List<Node> getNodes() {
        return nodes;
      }

      @Override
      public String getUsername() {
        return access.username();
      }

      @Override
      public String getPassword() {
        return access.password();
      }
    };
  }
}
