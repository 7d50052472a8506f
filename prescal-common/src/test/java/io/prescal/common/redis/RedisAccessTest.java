package io.prescal.common.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisAccessTest {

  @TempDir Path dir;

  @Test
  void theUrlAloneGivesUserPasswordHostPortAndDatabase() {
    RedisAccess access = RedisAccess.of("redis://event:s%40cret@redis:6380/2", null, " ");

    assertThat(access.username()).isEqualTo("event");
    assertThat(access.password()).isEqualTo("s@cret");
    assertThat(access.host()).isEqualTo("redis");
    assertThat(access.port()).isEqualTo(6380);
    assertThat(access.database()).isEqualTo(2);
    assertThat(access.tls()).isFalse();
    assertThat(access.trustManagers()).isNull();
    assertThat(access.maskedUrl()).isEqualTo("redis://event:***@redis:6380/2");
    assertThat(access.toString()).doesNotContain("s@cret").doesNotContain("s%40cret");
  }

  @Test
  void theAddressCarriesNoCredentials() {
    assertThat(RedisAccess.of("redis://user:hunter2@cache:6380/2", null, null).address())
        .isEqualTo("redis://cache:6380/2");
    assertThat(RedisAccess.of("rediss://:pw@cache", null, null).address())
        .isEqualTo("rediss://cache");
    assertThat(RedisAccess.of("redis-sentinel://u:p@s1:26379,s2/0#main", null, null).address())
        .isEqualTo("redis-sentinel://s1:26379,s2/0#main");
  }

  @Test
  void aLonePasswordInTheUrlIsAPasswordAsRedisReadsIt() {
    RedisAccess access = RedisAccess.of("rediss://secret@127.0.0.1", "", null);

    assertThat(access.username()).isNull();
    assertThat(access.password()).isEqualTo("secret");
    assertThat(access.port()).isEqualTo(6379);
    assertThat(access.database()).isZero();
    assertThat(access.tls()).isTrue();
    assertThat(access.maskedUrl()).isEqualTo("rediss://***@127.0.0.1");
  }

  @Test
  void withAPasswordFileTheUrlNamesTheUserAndTheFilesFirstLineIsThePassword() throws Exception {
    Path file = Files.writeString(dir.resolve("proxy.password"), "Xy7pass\nignored\n");

    RedisAccess access = RedisAccess.of("redis://proxy@redis:6379", file.toString(), null);

    assertThat(access.username()).isEqualTo("proxy");
    assertThat(access.password()).isEqualTo("Xy7pass");
    assertThat(access.maskedUrl())
        .as("the user is no secret")
        .isEqualTo("redis://proxy@redis:6379");
    assertThat(RedisAccess.of("redis://redis:6379", file.toString(), null).username()).isNull();
    assertThat(
            RedisAccess.of("redis-sentinel://proxy@s1:26379,s2:26379/0#main", file.toString(), null)
                .username())
        .isEqualTo("proxy");
  }

  @Test
  void everyProblemIsNamedWithItsFixAtOnce() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty"), "\n");
    Path notPem = Files.writeString(dir.resolve("ca.pem"), "hello");

    assertThatThrownBy(
            () -> RedisAccess.of("redis://u:pw@h:1", empty.toString(), notPem.toString()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "redis password: given in the URL and in the file "
                + empty
                + " (expected: only one of them, and with a file a URL that names only the user,"
                + " e.g. redis://proxy@host:6379); redis password file "
                + empty
                + ": the first line is empty (expected: the password); redis CA file "
                + notPem
                + ": given for a URL without TLS, redis://u:***@h:1 (expected: a rediss:// URL, or"
                + " no CA file); redis CA file "
                + notPem
                + ": no certificate could be read (No certificate data found, expected: PEM"
                + " certificates)");
    assertThatThrownBy(() -> RedisAccess.of("redis://h:1", dir.resolve("missing").toString(), null))
        .hasMessageStartingWith(
            "redis password file " + dir.resolve("missing") + ": cannot be read (")
        .hasMessageEndingWith(", expected: a file whose first line is the password)");
    assertThatThrownBy(() -> RedisAccess.of("  ", null, null))
        .hasMessage("redis url: none (expected: e.g. redis://127.0.0.1:6379)");
    assertThatThrownBy(() -> RedisAccess.of("redis://pw@bad host", null, null))
        .hasMessage(
            "redis url: \"redis://***@bad host\" (expected:"
                + " redis://[user:password@]host[:port][/database], rediss:// for TLS)");
    assertThatThrownBy(() -> RedisAccess.of("redis://h:1/x", null, null).database())
        .hasMessage("redis url: \"redis://h:1/x\": database \"x\" (expected: a number)");
    assertThatThrownBy(() -> RedisAccess.of("redis-sentinel://s:26379/0#m", null, null).host())
        .hasMessage(
            "redis url: \"redis-sentinel://s:26379/0#m\" (expected:"
                + " redis://[user:password@]host[:port][/database] or rediss://)");
  }
}
