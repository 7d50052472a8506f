/**
 * The dashboard's configuration: validated {@code @ConfigurationProperties} records for users and
 * roles ({@code prescal.dashboard}) and operator commands ({@code prescal.commands}).
 */
package io.prescal.dashboard.config;
