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

/** The login page: Spring Security's form login behind Vaadin's login form. */
@Route(value = "login", autoLayout = false)
@PageTitle("Log in · Prescal")
@AnonymousAllowed
public class LoginView extends Main implements BeforeEnterObserver {

  private final LoginForm form = new LoginForm();

  public LoginView() {
    addClassName("login-view");
    Div brand = new Div();
    brand.addClassName("login-brand");
    brand.add(new Div("Prescal"), new Paragraph("autoscaling load balancer · live dashboard"));
    form.setAction("login");
    form.setForgotPasswordButtonVisible(false);
    LoginI18n i18n = LoginI18n.createDefault();
    i18n.getErrorMessage().setTitle("Wrong user name or password");
    i18n.getErrorMessage()
        .setMessage("Check them and try again. Users are set in prescal.dashboard.users.");
    form.setI18n(i18n);
    add(brand, form);
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    form.setError(event.getLocation().getQueryParameters().getParameters().containsKey("error"));
  }
}
