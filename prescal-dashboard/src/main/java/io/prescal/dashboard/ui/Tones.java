package io.prescal.dashboard.ui;

import io.prescal.common.event.BackendState;
import io.prescal.common.event.ScaleMode;
import io.prescal.common.event.Severity;
import io.prescal.dashboard.ui.Badge.Tone;

/** Which colour each domain value gets, the same in every view. */
public final class Tones {

  private Tones() {}

  public static Tone of(ScaleMode mode) {
    return switch (mode) {
      case STABLE -> Tone.GOOD;
      case PANIC -> Tone.BAD;
      case PAUSED -> Tone.WARN;
      case FIXED -> Tone.INFO;
    };
  }

  public static Tone of(BackendState state) {
    return switch (state) {
      case READY -> Tone.GOOD;
      case STARTING -> Tone.INFO;
      case DRAINING -> Tone.WARN;
      case EJECTED -> Tone.BAD;
      case REMOVED -> Tone.NEUTRAL;
    };
  }

  public static Tone of(Severity severity) {
    return switch (severity) {
      case INFO -> Tone.INFO;
      case WARNING -> Tone.WARN;
      case CRITICAL -> Tone.BAD;
    };
  }
}
