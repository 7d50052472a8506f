/**
 * The command line (picocli): {@link io.prescal.traffic.cli.TrafficCommand} and its subcommands
 * {@code load}, {@code capacity} and {@code serve}, with one-line errors and documented exit codes.
 * Options two commands share live once, in mixins: {@code TargetOptions} (URLs or a targets file),
 * {@code RequestOptions} (what to send and how to connect), {@code ObjectiveOptions} ({@code --slo}
 * and {@code --max-lag}, which decide the exit code); {@code load} adds {@code OutputOptions} and
 * {@code EventsOptions} ({@code --events} and its Redis login files).
 */
package io.prescal.traffic.cli;
