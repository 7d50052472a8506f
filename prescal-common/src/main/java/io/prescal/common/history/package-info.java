/**
 * The points of the history prescal-event keeps in Redis ({@code prescal:history:<service>:1s} and
 * {@code :1m}), read by the dashboard and the read API.
 */
package io.prescal.common.history;
