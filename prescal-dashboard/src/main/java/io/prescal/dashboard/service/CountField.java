package io.prescal.dashboard.service;

import com.vaadin.flow.component.textfield.TextField;
import io.prescal.common.scaling.Refusal;
import io.prescal.common.scaling.ReplicaRule;
import java.util.OptionalInt;

/**
 * A field for a replica count. A text field read by {@link ReplicaRule#wholeNumber}, not a number
 * input: "2.5", "abc" and a number too large for any service are refused with a message on the
 * field itself instead of being rounded, cleared or read as empty. The rule's refusals of the count
 * (above the ceiling, below min...) show here too.
 */
final class CountField extends TextField {
  private final String key;

  /**
   * @param key the setting the field sets ({@code min}, {@code max}, {@code replicas}), named in
   *     its messages
   */
  CountField(String label, String key) {
    super(label);
    this.key = key;
    setId(key);
    setManualValidation(true);
    setMaxLength(24);
    addValueChangeListener(e -> read());
  }

  /** The setting this field sets. */
  String key() {
    return key;
  }

  /** Shows {@code value} (the service's setting) and clears any message. */
  void show(int value) {
    setValue(Integer.toString(value));
    setInvalid(false);
  }

  /**
   * The count typed, or empty when it is not a whole number (the field then says why).
   *
   * @return the count, which the rule has yet to accept
   */
  OptionalInt read() {
    var refusal = ReplicaRule.wholeNumber(key, getValue());
    if (refusal.isPresent()) {
      refuse(refusal.get());
      return OptionalInt.empty();
    }
    setInvalid(false);
    return OptionalInt.of(Integer.parseInt(getValue().strip()));
  }

  /** Shows the rule's refusal of this field's count on the field. */
  void refuse(Refusal refusal) {
    setErrorMessage(refusal.sentence());
    setInvalid(true);
  }

  /** The message on the field, or null when it has none. */
  String message() {
    return isInvalid() ? getErrorMessage() : null;
  }
}
