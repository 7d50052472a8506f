package io.prescal.common.codec;

import io.prescal.common.event.Envelope;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies operator commands with HMAC-SHA256 over {@link EventCodec#canonical}, with a
 * secret shared by the dashboard and the proxies. A proxy acts only on commands whose signature
 * verifies, so anyone who can publish on Redis without the secret cannot steer it.
 */
public final class CommandSigner {

  private static final String ALGORITHM = "HmacSHA256";

  /** The shortest secret accepted, in bytes. */
  public static final int MIN_SECRET_BYTES = 16;

  private final SecretKeySpec key;
  private final EventCodec codec;

  /**
   * @param secret the shared secret, at least {@value #MIN_SECRET_BYTES} bytes of UTF-8
   * @param codec the codec that gives the canonical text
   */
  public CommandSigner(String secret, EventCodec codec) {
    if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException(
          "command secret: "
              + (secret == null ? "null" : secret.length() + " characters")
              + " (expected: at least "
              + MIN_SECRET_BYTES
              + " bytes)");
    }
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    this.codec = codec;
  }

  /** {@code envelope} with its signature set. */
  public Envelope sign(Envelope envelope) {
    return envelope.withSignature(signature(envelope));
  }

  /** Whether {@code envelope} carries the signature this secret gives it. */
  public boolean verify(Envelope envelope) {
    if (envelope.signature() == null) {
      return false;
    }
    byte[] expected = signature(envelope).getBytes(StandardCharsets.US_ASCII);
    byte[] actual = envelope.signature().getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, actual);
  }

  private String signature(Envelope envelope) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      byte[] digest = mac.doFinal(codec.canonical(envelope).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }
}
