package io.prescal.dashboard.ui;

import com.vaadin.flow.component.html.Span;

/** A small coloured label: a mode, a state, a severity. */
public final class Badge extends Span {

  /** The colour of a badge; each maps to a CSS class in prescal.css. */
  public enum Tone {
    NEUTRAL,
    GOOD,
    INFO,
    WARN,
    BAD
  }

  public Badge(String text, Tone tone) {
    addClassName("badge");
    set(text, tone);
  }

  /** Changes text and colour. */
  public void set(String text, Tone tone) {
    setText(text);
    for (Tone t : Tone.values()) {
      removeClassName("badge-" + t.name().toLowerCase(java.util.Locale.ROOT));
    }
    addClassName("badge-" + tone.name().toLowerCase(java.util.Locale.ROOT));
  }
}
