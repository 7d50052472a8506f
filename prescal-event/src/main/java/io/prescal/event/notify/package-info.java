/**
 * Notifications: alerts and scale decisions sent to webhooks (a generic JSON body or a
 * Slack-compatible one), each webhook with its own bounded queue, rate limit, timeout and retries,
 * on its own thread, so a slow or absent receiver never holds up event ingestion. Reference: {@code
 * docs/event-service.md}, Notifications.
 */
package io.prescal.event.notify;
