/**
 * The command line (picocli): {@link io.prescal.traffic.cli.TrafficCommand} and its subcommands
 * {@code load}, {@code capacity} and {@code serve}, with shared options as mixins and one-line
 * errors with documented exit codes.
 */
package io.prescal.traffic.cli;
