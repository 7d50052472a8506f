package io.prescal.dashboard.command;

import io.prescal.common.Channels;
import io.prescal.common.codec.CommandSigner;
import io.prescal.common.codec.EventCodec;
import io.prescal.common.event.Command;
import io.prescal.common.event.Envelope;
import io.prescal.dashboard.config.CommandProperties;
import io.prescal.dashboard.security.CurrentUser;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Signs operator commands with the shared secret and publishes them on {@code prescal:commands}.
 * Only operators may send; without a secret nothing can be sent and {@link #missingSecretHint()}
 * says how to set one.
 */
@Component
public class CommandPublisher {

  /** The envelope source of every command. */
  public static final String SOURCE = "dashboard";

  private static final Logger LOG = LoggerFactory.getLogger(CommandPublisher.class);

  private final StringRedisTemplate redis;
  private final EventCodec codec;
  private final Optional<CommandSigner> signer;
  private final CurrentUser user;

  public CommandPublisher(
      StringRedisTemplate redis, EventCodec codec, CommandProperties properties, CurrentUser user) {
    this.redis = redis;
    this.codec = codec;
    this.user = user;
    this.signer =
        properties.hasSecret()
            ? Optional.of(new CommandSigner(properties.secret(), codec))
            : Optional.empty();
  }

  /** Whether commands can be sent at all (a secret is configured). */
  public boolean enabled() {
    return signer.isPresent();
  }

  /** What to tell an operator when {@link #enabled()} is false. */
  public static String missingSecretHint() {
    return "Controls are off: no command secret is configured. Set PRESCAL_COMMAND_SECRET"
        + " (prescal.commands.secret) to the secret the proxies verify commands with, at least "
        + CommandSigner.MIN_SECRET_BYTES
        + " bytes, and restart the dashboard.";
  }

  /**
   * Signs and publishes {@code command} for {@code service}.
   *
   * @return the envelope sent; its id is the commandId the proxy answers with
   * @throws AccessDeniedException when the current user is not an operator
   * @throws IllegalStateException when no secret is configured
   * @throws org.springframework.dao.DataAccessException when Redis is away
   */
  public Envelope send(String service, Command command) {
    if (!user.isOperator()) {
      throw new AccessDeniedException(user.name() + " is not an operator: commands refused");
    }
    CommandSigner commandSigner =
        signer.orElseThrow(() -> new IllegalStateException(missingSecretHint()));
    Envelope signed = sign(commandSigner, service, command);
    redis.convertAndSend(Channels.COMMANDS, codec.encode(signed));
    LOG.info(
        "sent {} for {} by {} (commandId {})",
        command.describe(),
        service,
        command.issuer(),
        signed.id());
    return signed;
  }

  /** The signed envelope of {@code command} for {@code service}: fresh id and time. */
  static Envelope sign(CommandSigner signer, String service, Command command) {
    return signer.sign(Envelope.of(SOURCE, service, command));
  }
}
