package io.prescal.common.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The order in which prescal-event and the dashboard read their Redis settings. */
class RedisKeysTest {

  private static final String DEFAULT = "redis://localhost:6379";

  @TempDir Path dir;

  private static RedisAccess resolve(Map<String, String> settings) {
    return RedisKeys.resolve(settings::get, DEFAULT);
  }

  @Test
  void withNothingSetTheDefaultApplies() {
    RedisAccess access = resolve(Map.of());

    assertThat(access.url()).isEqualTo(DEFAULT);
    assertThat(access.host()).isEqualTo("localhost");
    assertThat(access.port()).isEqualTo(6379);
  }

  @Test
  void prescalRedisUrlIsTheSharedAddress() {
    assertThat(resolve(Map.of("prescal.redis.url", "redis://cache:6380/1")).url())
        .isEqualTo("redis://cache:6380/1");
    assertThat(resolve(Map.of("prescal.redis.url", "  ")).url()).isEqualTo(DEFAULT);
  }

  @Test
  void springsUrlWinsOverEverythingElseAsInSpringBoot() {
    RedisAccess access =
        resolve(
            Map.of(
                "spring.data.redis.url", "redis://u:pw@spring:7000/3",
                "spring.data.redis.host", "ignored",
                "spring.data.redis.port", "1",
                "prescal.redis.url", "redis://prescal:6379"));

    assertThat(access.host()).isEqualTo("spring");
    assertThat(access.port()).isEqualTo(7000);
    assertThat(access.database()).isEqualTo(3);
    assertThat(access.username()).isEqualTo("u");
    assertThat(access.password()).isEqualTo("pw");
  }

  @Test
  void springsPartsReplaceTheirPartOfTheSharedAddressOrOfTheDefault() {
    // The case from issue 20: only the port on the command line.
    assertThat(resolve(Map.of("spring.data.redis.port", "19501")).url())
        .isEqualTo("redis://localhost:19501");

    RedisAccess access =
        resolve(
            Map.of(
                "prescal.redis.url", "redis://event:old@cache:6380/2",
                "spring.data.redis.host", "other",
                "spring.data.redis.password", "n3w p@ss+"));
    assertThat(access.host()).isEqualTo("other");
    assertThat(access.port()).as("kept").isEqualTo(6380);
    assertThat(access.database()).as("kept").isEqualTo(2);
    assertThat(access.username()).as("kept").isEqualTo("event");
    assertThat(access.password()).isEqualTo("n3w p@ss+");
    assertThat(access.maskedUrl())
        .doesNotContain("n3w")
        .isEqualTo("redis://event:***@other:6380/2");

    RedisAccess all =
        resolve(
            Map.of(
                "spring.data.redis.host", "::1",
                "spring.data.redis.port", "6390",
                "spring.data.redis.username", "dash",
                "spring.data.redis.database", "4",
                "spring.data.redis.ssl.enabled", "TRUE"));
    assertThat(all.url()).isEqualTo("rediss://dash:@[::1]:6390/4");
    assertThat(all.host()).isEqualTo("::1");
    assertThat(all.username()).isEqualTo("dash");
    assertThat(all.password()).isNull();
    assertThat(all.tls()).isTrue();
    assertThat(
            resolve(
                    Map.of(
                        "prescal.redis.url",
                        "rediss://h:1",
                        "spring.data.redis.ssl.enabled",
                        "false"))
                .tls())
        .isFalse();
  }

  @Test
  void aUserKeyWithAPasswordFileNamesTheUserAndTheFileGivesThePassword() throws Exception {
    Path file = Files.writeString(dir.resolve("pw"), "from-file\n");

    RedisAccess access =
        resolve(
            Map.of(
                "prescal.redis.url", "redis://dashboard@redis:6379",
                "prescal.redis.password-file", file.toString(),
                "spring.data.redis.port", "6400"));
    assertThat(access.url()).isEqualTo("redis://dashboard@redis:6400");
    assertThat(access.username()).isEqualTo("dashboard");
    assertThat(access.password()).isEqualTo("from-file");

    assertThatThrownBy(
            () ->
                resolve(
                    Map.of(
                        "spring.data.redis.password",
                        "pw",
                        "prescal.redis.password-file",
                        file.toString())))
        .hasMessageStartingWith("redis password: given in the URL and in the file " + file);
  }

  @Test
  void sentinelAddressesKeepTheirSentinelsAndTakeUserPasswordDatabaseAndTls() {
    RedisAccess access =
        resolve(
            Map.of(
                "prescal.redis.url", "redis-sentinel://127.0.0.1:26379,localhost:26380/1#main",
                "spring.data.redis.username", "event",
                "spring.data.redis.password", "pw",
                "spring.data.redis.database", "2",
                "spring.data.redis.ssl.enabled", "true"));

    assertThat(access.url())
        .isEqualTo("rediss-sentinel://event:pw@127.0.0.1:26379,localhost:26380/2#main");
    assertThat(access.sentinel()).isTrue();
    assertThat(access.tls()).isTrue();
    assertThat(access.database()).isEqualTo(2);
    assertThat(access.sentinels())
        .isEqualTo(
            new RedisAccess.Sentinels(
                "main",
                List.of(
                    new RedisAccess.Node("127.0.0.1", 26379),
                    new RedisAccess.Node("localhost", 26380))));
    assertThat(access.address())
        .isEqualTo("rediss-sentinel://127.0.0.1:26379,localhost:26380/2#main");
    assertThat(
            resolve(Map.of("prescal.redis.url", "redis-sentinel://s1,s2:1?sentinelMasterId=m"))
                .sentinels())
        .isEqualTo(
            new RedisAccess.Sentinels(
                "m", List.of(new RedisAccess.Node("s1", 26379), new RedisAccess.Node("s2", 1))));
  }

  @Test
  void badValuesAreNamedWithTheirKeyAndTheFix() {
    assertThatThrownBy(
            () ->
                resolve(
                    Map.of(
                        "spring.data.redis.port", "abc",
                        "spring.data.redis.database", "-1",
                        "spring.data.redis.ssl.enabled", "yes")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "spring.data.redis.port: \"abc\" (expected: a whole number from 1 to 65535);"
                + " spring.data.redis.database: \"-1\" (expected: a whole number from 0 up);"
                + " spring.data.redis.ssl.enabled: \"yes\" (expected: true or false)");
    assertThatThrownBy(() -> resolve(Map.of("spring.data.redis.port", "1000000")))
        .hasMessage(
            "spring.data.redis.port: \"1000000\" (expected: a whole number from 1 to 65535)");
    assertThatThrownBy(
            () ->
                resolve(
                    Map.of(
                        "prescal.redis.url", "redis-sentinel://s:26379#main",
                        "spring.data.redis.port", "1")))
        .hasMessage(
            "spring.data.redis.host/spring.data.redis.port: given with a Sentinel address,"
                + " redis-sentinel://s:26379#main (expected: the Sentinels in the URL, or a plain"
                + " redis:// address)");
    assertThatThrownBy(() -> resolve(Map.of("spring.data.redis.sentinel.nodes", "s:26379")))
        .hasMessage(
            "spring.data.redis.sentinel.nodes: not read by Prescal (expected: Sentinels as a URL,"
                + " redis-sentinel://host:26379,host2:26379/0#master, in spring.data.redis.url or"
                + " PRESCAL_REDIS_URL)");
    assertThatThrownBy(() -> resolve(Map.of("prescal.redis.url", "redis-sentinel://s:26379/0")))
        .hasMessage(
            "redis url: \"redis-sentinel://s:26379/0\": no master named (expected:"
                + " redis-sentinel://[user:password@]host:26379[,host2:26379...][/db]#master)");
    assertThatThrownBy(() -> resolve(Map.of("prescal.redis.url", "redis-sentinel://s:x#m")))
        .hasMessage(
            "redis url: \"redis-sentinel://s:x#m\": sentinel \"s:x\" is not host:port (expected:"
                + " redis-sentinel://[user:password@]host:26379[,host2:26379...][/db]#master)");
  }
}
