package io.prescal.dashboard.security;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import java.util.List;
import java.util.Map;

/**
 * The login page: Spring Security's form login behind Vaadin's login form. Says why a login was
 * refused: a wrong name or password, or too many failures (then for how long).
 */
@Route(value = "login", autoLayout = false)
@PageTitle("Log in · Prescal")
@AnonymousAllowed
public class LoginView extends Main implements BeforeEnterObserver {

  private final LoginForm form = new LoginForm();
  private final LoginI18n i18n = LoginI18n.createDefault();

  public LoginView() {
    addClassName("login-view");
    Div brand = new Div();
    brand.addClassName("login-brand");
    brand.add(new Div("Prescal"), new Paragraph("autoscaling load balancer · live dashboard"));
    form.setAction("login");
    form.setForgotPasswordButtonVisible(false);
    form.setI18n(i18n);
    add(brand, form);
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    Map<String, List<String>> query = event.getLocation().getQueryParameters().getParameters();
    List<String> locked = query.get(LoginThrottleFilter.LOCKED);
    if (locked != null) {
      i18n.getErrorMessage().setTitle("Too many failed logins");
      i18n.getErrorMessage().setMessage(lockedMessage(locked.getFirst()));
    } else {
      i18n.getErrorMessage().setTitle("Wrong user name or password");
      i18n.getErrorMessage()
          .setMessage("Check them and try again. Users are set in prescal.dashboard.users.");
    }
    form.setI18n(i18n);
    form.setError(locked != null || query.containsKey("error"));
  }

  /** What a locked-out user reads, from the seconds left (as the URL carries them). */
  static String lockedMessage(String secondsLeft) {
    long seconds;
    try {
      seconds = Math.max(1, Long.parseLong(secondsLeft));
    } catch (NumberFormatException e) {
      seconds = 0;
    }
    String wait =
        seconds == 0
            ? "a few minutes"
            : seconds < 60 ? seconds + " s" : (seconds + 59) / 60 + " min";
    return "Logins for this user or from this address are refused for now. Try again in "
        + wait
        + ".";
  }
}
