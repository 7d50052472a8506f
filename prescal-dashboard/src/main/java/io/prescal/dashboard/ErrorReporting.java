package io.prescal.dashboard;

import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The global error handler: an unexpected error is logged with its stack trace and the user sees
 * one line, never a stack trace, and the UI goes on.
 */
@Component
public class ErrorReporting implements VaadinServiceInitListener {

  private static final Logger LOG = LoggerFactory.getLogger(ErrorReporting.class);

  @Override
  public void serviceInit(ServiceInitEvent event) {
    event
        .getSource()
        .addSessionInitListener(
            init ->
                init.getSession()
                    .setErrorHandler(
                        error -> {
                          LOG.error("unexpected error in the dashboard UI", error.getThrowable());
                          notifyUser(error.getThrowable());
                        }));
  }

  private static void notifyUser(Throwable error) {
    if (VaadinSession.getCurrent() == null || com.vaadin.flow.component.UI.getCurrent() == null) {
      return;
    }
    String message =
        error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    Notification.show(
            "Something went wrong: " + message + " (details in the dashboard's log)",
            6000,
            Notification.Position.BOTTOM_END)
        .addThemeVariants(NotificationVariant.LUMO_ERROR);
  }
}
