package io.prescal.event.notify;

import io.prescal.common.codec.EventCodec;
import io.prescal.common.event.Envelope;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The body POSTed to a webhook, chosen per webhook with {@code format}. */
public enum WebhookFormat {
  /**
   * {@code {"text": "<summary>", "event": <the envelope as published on prescal:events>}}: the
   * envelope is the versioned event contract (docs/event-contract.md).
   */
  JSON,
  /**
   * Slack's incoming webhook body: {@code text} (the summary, also what notifications show) and
   * {@code blocks} (the summary, and the service, source and time as context).
   */
  SLACK,
  /** {@code {"text": "<summary>"}} only, for Slack-compatible receivers that refuse blocks. */
  SLACK_TEXT;

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  /** The body for {@code envelope}. */
  String body(Envelope envelope, EventCodec codec) {
    String summary = Summary.of(envelope);
    return switch (this) {
      case JSON ->
          "{\"text\":"
              + MAPPER.writeValueAsString(summary)
              + ",\"event\":"
              + codec.encode(envelope)
              + "}";
      case SLACK -> {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("text", slackEscape(summary));
        ArrayNode blocks = root.putArray("blocks");
        ObjectNode section = blocks.addObject().put("type", "section");
        section.putObject("text").put("type", "mrkdwn").put("text", slackEscape(summary));
        ObjectNode context = blocks.addObject().put("type", "context");
        context
            .putArray("elements")
            .addObject()
            .put("type", "mrkdwn")
            .put("text", slackEscape(Summary.context(envelope)));
        yield MAPPER.writeValueAsString(root);
      }
      case SLACK_TEXT -> {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("text", slackEscape(summary));
        yield MAPPER.writeValueAsString(root);
      }
    };
  }

  /**
   * Slack reads {@code <...>} as links and mentions ({@code <!channel>}): names and reasons from
   * Redis are escaped so that a publisher cannot page a whole channel.
   */
  static String slackEscape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
