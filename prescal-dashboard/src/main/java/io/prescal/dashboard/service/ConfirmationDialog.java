package io.prescal.dashboard.service;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import io.prescal.common.event.Command;
import java.util.function.Consumer;

/**
 * The dialog that asks before a command goes out: what changes, what it costs, and, when the count
 * needs force, a box the operator must tick before Send does anything.
 */
final class ConfirmationDialog {

  /** Opens the dialog for {@code confirmation}; Send hands the command to {@code send}. */
  static void open(Confirmation confirmation, String issuer, Consumer<Command> send) {
    ConfirmDialog dialog = new ConfirmDialog();
    dialog.setId("confirm-dialog");
    dialog.setHeader(confirmation.header());
    Div text = new Div();
    text.add(line("confirm-change", confirmation.change()));
    text.add(line("confirm-cost", confirmation.cost()));
    text.add(line("confirm-consequence", confirmation.consequence()));
    Checkbox force = new Checkbox("Force it");
    force.setId("force");
    if (confirmation.needsForce()) {
      Paragraph why = line("confirm-force", confirmation.force());
      why.addClassName("warning");
      text.add(why, force);
    }
    text.add(
        new Paragraph(
            new Span("Sent signed on prescal:commands as "),
            strong(issuer),
            new Span("; the proxy's answer shows below.")));
    dialog.setText(text);
    dialog.setCancelable(true);
    Button confirm = new Button("Send");
    confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    confirm.setEnabled(!confirmation.needsForce());
    force.addValueChangeListener(e -> confirm.setEnabled(e.getValue()));
    confirm.addClickListener(
        e -> {
          dialog.close();
          send.accept(confirmation.command().apply(force.getValue()));
        });
    dialog.setConfirmButton(confirm);
    dialog.open();
  }

  private static Paragraph line(String id, String text) {
    Paragraph p = new Paragraph(text);
    p.setId(id);
    return p;
  }

  private static Span strong(String text) {
    Span s = new Span(text);
    s.addClassName("strong");
    return s;
  }

  private ConfirmationDialog() {}
}
