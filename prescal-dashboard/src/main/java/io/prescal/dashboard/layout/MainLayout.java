package io.prescal.dashboard.layout;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.HasElement;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import io.prescal.dashboard.alerts.AlertsView;
import io.prescal.dashboard.events.EventsView;
import io.prescal.dashboard.live.FeedListener;
import io.prescal.dashboard.live.FeedStatus;
import io.prescal.dashboard.live.LiveFeed;
import io.prescal.dashboard.overview.OverviewView;
import io.prescal.dashboard.scaling.ScalingView;
import io.prescal.dashboard.security.CurrentUser;
import io.prescal.dashboard.ui.Badge;
import io.prescal.dashboard.ui.Badge.Tone;
import io.prescal.dashboard.ui.Figures;
import io.prescal.dashboard.ui.UiFeed;
import jakarta.annotation.security.PermitAll;

/**
 * The frame of every view: navigation, who is logged in, a live/stale indicator and the banner that
 * says when data may be out of date.
 */
@Layout
@PermitAll
public class MainLayout extends AppLayout {

  private final UiFeed feed;
  private final StatusBanner banner = new StatusBanner();
  private final Badge freshness = new Badge("connecting", Tone.NEUTRAL);
  private final Div content = new Div();

  public MainLayout(LiveFeed feed, CurrentUser user) {
    this.feed = new UiFeed(feed);
    addClassName("main-layout");
    configureNavbar(user);
    configureDrawer();
    content.addClassName("layout-content");
    Div frame = new Div(banner, content);
    frame.addClassName("layout-frame");
    setContent(frame);
  }

  private void configureNavbar(CurrentUser user) {
    Span title = new Span("Prescal");
    title.addClassName("brand");
    freshness.setId("freshness");
    Span who = new Span(user.name());
    who.addClassName("who");
    Badge role =
        new Badge(
            user.isOperator() ? "operator" : "viewer",
            user.isOperator() ? Tone.INFO : Tone.NEUTRAL);
    role.setId("role");
    Button logout = new Button("Log out", VaadinIcon.SIGN_OUT.create(), e -> user.logout());
    logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
    Div right = new Div(freshness, who, role, logout);
    right.addClassName("navbar-right");
    addToNavbar(new DrawerToggle(), title, right);
  }

  private void configureDrawer() {
    SideNav nav = new SideNav();
    nav.addItem(new SideNavItem("Overview", OverviewView.class, VaadinIcon.DASHBOARD.create()));
    nav.addItem(new SideNavItem("Events", EventsView.class, VaadinIcon.LIST.create()));
    nav.addItem(new SideNavItem("Scaling", ScalingView.class, VaadinIcon.SPLIT_H.create()));
    nav.addItem(new SideNavItem("Alerts", AlertsView.class, VaadinIcon.BELL.create()));
    addToDrawer(nav);
  }

  @Override
  public void showRouterLayoutContent(HasElement view) {
    content.removeAll();
    if (view != null) {
      content.getElement().appendChild(view.getElement());
    }
  }

  @Override
  protected void onAttach(AttachEvent attachEvent) {
    super.onAttach(attachEvent);
    feed.attach(
        attachEvent.getUI(),
        new FeedListener() {
          @Override
          public void onStatus(FeedStatus status) {
            show(status);
          }
        });
  }

  @Override
  protected void onDetach(DetachEvent detachEvent) {
    feed.detach();
    super.onDetach(detachEvent);
  }

  private void show(FeedStatus status) {
    banner.show(status);
    if (!status.redisUp()) {
      freshness.set("Redis down", Tone.BAD);
    } else if (status.stale()) {
      freshness.set("stale", Tone.WARN);
    } else {
      freshness.set("live · " + Figures.clock(status.lastStateAt()), Tone.GOOD);
    }
  }
}
