package io.prescal.dashboard;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** prescal-dashboard: the live Vaadin dashboard on :8080. */
@SpringBootApplication
@Push
public class DashboardApplication implements AppShellConfigurator {
  public static void main(String[] args) {
    SpringApplication.run(DashboardApplication.class, args);
  }
}
