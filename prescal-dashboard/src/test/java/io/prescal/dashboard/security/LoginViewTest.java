package io.prescal.dashboard.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoginViewTest {

  @Test
  void aLockedOutUserReadsWhenToTryAgain() {
    assertThat(LoginView.lockedMessage("42"))
        .isEqualTo(
            "Logins for this user or from this address are refused for now. Try again in 42 s.");
    assertThat(LoginView.lockedMessage("299")).endsWith("Try again in 5 min.");
    assertThat(LoginView.lockedMessage("abc")).endsWith("Try again in a few minutes.");
    assertThat(LoginView.lockedMessage("-5")).endsWith("Try again in 1 s.");
  }
}
