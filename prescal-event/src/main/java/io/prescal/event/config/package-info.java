/** prescal-event's configuration: validated {@code @ConfigurationProperties} records. */
package io.prescal.event.config;
