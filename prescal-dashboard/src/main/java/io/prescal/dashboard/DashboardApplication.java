package io.prescal.dashboard;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.ColorScheme;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.theme.lumo.Lumo;
import io.prescal.spring.redis.PrescalRedisConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/**
 * prescal-dashboard: the live Vaadin dashboard on :8080. Server-rendered with push; reads only from
 * Redis. Styles are plain static stylesheets (Lumo and prescal.css), so Vaadin's pre-compiled
 * frontend bundle is used as is and the build needs no Node.js.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(PrescalRedisConfiguration.class)
@Push
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet(Lumo.UTILITY_STYLESHEET)
@StyleSheet("prescal/prescal.css")
@ColorScheme(ColorScheme.Value.DARK)
public class DashboardApplication implements AppShellConfigurator {
  public static void main(String[] args) {
    SpringApplication.run(DashboardApplication.class, args);
  }
}
