/**
 * Operator commands: signed with the shared secret ({@link
 * io.prescal.dashboard.command.CommandPublisher}), published on {@code prescal:commands}, and
 * matched with the proxies' command.accepted / command.rejected answers ({@link
 * io.prescal.dashboard.command.SentCommands}).
 */
package io.prescal.dashboard.command;
