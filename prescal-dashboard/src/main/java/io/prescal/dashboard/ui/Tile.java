package io.prescal.dashboard.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;

/** One figure with its caption and a small line under it: "Requests 310 req/s". */
public final class Tile extends Div {

  private final Span value = new Span();
  private final Span detail = new Span();

  public Tile(String caption, String id) {
    addClassName("tile");
    Span label = new Span(caption);
    label.addClassName("tile-label");
    value.addClassName("tile-value");
    detail.addClassName("tile-detail");
    if (id != null) {
      value.setId(id);
    }
    add(label, value, detail);
  }

  /** Shows {@code text} large and {@code sub} small under it. */
  public void set(String text, String sub) {
    value.setText(text);
    detail.setText(sub);
  }

  /** The large text, for tests. */
  public String value() {
    return value.getText();
  }

  /** The small text, for tests. */
  public String detail() {
    return detail.getText();
  }
}
