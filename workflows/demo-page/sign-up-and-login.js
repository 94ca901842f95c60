  // The demo page's script, part 2 of 3: the session kept here, Register, Log in (with Forgot password) and the
  // passwordless login, Who am I and Log out.

  // What the page knows of the member logged in here: a passwordless (OTP) login means a phone-only member, who has
  // no password to give (their phone, kept in memory, gets the code that confirms a deletion).
  let account = { member: undefined, phoneOnly: false, phone: undefined };

  function setSession(result, from, phoneOnlyPhone) {
    sessionToken.set(result.sessionToken);
    account = { member: result.member, phoneOnly: Boolean(phoneOnlyPhone), phone: phoneOnlyPhone };
    showWho(result.member);
    sessionChanged(from);
  }

  /** The session is over (logged out, ended elsewhere, account deleted): forget it. */
  function endSession() {
    sessionToken.clear();
    showWho(undefined);
    sessionChanged(session);
  }

  /** The member line, and the account actions while someone is logged in (only the ones for this kind of member). */
  function showWho(member) {
    const who = document.querySelector('[data-who]');
    const area = session.querySelector('[data-account]');
    if (!member) {
      account = { member: undefined, phoneOnly: false, phone: undefined };
      pendingChange = undefined;
      showStep(session, undefined, { keepMessage: true });
    }
    account.member = member;
    area.hidden = !member;
    for (const part of area.querySelectorAll('[data-only]')) {
      part.hidden = part.dataset.only !== (account.phoneOnly ? 'phone' : 'password');
      // A field that is not shown is neither required nor sent.
      part.querySelectorAll('input').forEach((input) => (input.disabled = part.hidden));
    }
    area.querySelector('[data-email]').textContent = member?.email || '';
    who.innerHTML = '';
    if (!member) { who.textContent = 'Not logged in.'; return; }
    who.append('Logged in as ');
    const code = document.createElement('code');
    code.textContent = member.email;
    const phone = document.createElement('span');
    phone.className = 'phone';
    phone.textContent = member.phone;
    who.append(code, ' (', phone, `, ${member.status})`);
  }

  const register = document.getElementById('register');
  const login = document.getElementById('login');
  const otp = document.getElementById('otp');
  const session = document.getElementById('session');

  // Countries for both phone dropdowns, from the countries webhook.
  call('GET', 'countries').then((countries) => {
    const guess = (navigator.language || 'en-US').split('-')[1] || 'US';
    for (const select of document.querySelectorAll('[data-countries]')) {
      for (const country of countries) {
        const option = new Option(`${country.label} (${country.dialCode})`, country.value);
        option.selected = country.value === guess;
        select.add(option);
      }
    }
  }).catch((error) => say(register, error.message, 'error'));

  // Register: details → code (resend, or by voice call) → account.
  let registration;
  codeFlow(register, 'register/send-code', (form, sent) => { registration = { id: sent.registrationId, channel: form.channel }; }, {
    async finish({ code }) {
      const result = await call('POST', 'register', { registrationId: registration.id, code });
      registration = undefined;
      showStep(register, 'details');
      if (!result.sessionToken) return 'Account created. It waits for approval before you can log in.';
      setSession(result, register);
      return `Welcome, ${result.member.email}! You are logged in.`;
    },
    async resend(channel) {
      const sent = await call('POST', 'register/resend', { registrationId: registration.id, channel: channel === 'sms' ? registration.channel : channel });
      return sentText(sent, { again: true });
    },
    restart() { registration = undefined; },
  });

  // "Remember this device": the device token of each email that asked for it. A real frontend keeps it like a
  // long-lived cookie; under n8n's CSP sandbox localStorage is off limits, so the page falls back to memory.
  const deviceTokens = {
    key: (email) => `tvm-demo-device:${String(email).trim().toLowerCase()}`,
    get(email) { try { return localStorage.getItem(this.key(email)) || undefined; } catch { return memory.get(this.key(email)); } },
    set(email, token) { try { localStorage.setItem(this.key(email), token); } catch { memory.set(this.key(email), token); } },
  };

  /**
   * The login's code step answers with the phone's code, the authenticator app's, or a recovery code (`mode`). Each
   * mode has its own label and input, and a way to the others.
   */
  function loginMode(mode) {
    pendingLogin.mode = mode;
    const step = login.querySelector('[data-step=code]');
    for (const part of step.querySelectorAll('[data-where]')) part.hidden = part.dataset.where !== mode;
    const input = step.querySelector('#login-code');
    input.value = '';
    input.inputMode = mode === 'recovery' ? 'text' : 'numeric';
    input.autocomplete = mode === 'recovery' ? 'off' : 'one-time-code';
    const hasApp = pendingLogin.factors.includes('totp');
    step.querySelector('[data-use-recovery]').hidden = mode === 'recovery' || !pendingLogin.factors.includes('recoveryCode');
    step.querySelector('[data-use-app]').hidden = mode === 'app' || !hasApp;
    step.querySelector('[data-resend=sms]').textContent = mode === 'phone' ? 'Resend code' : 'Text me a code instead';
    step.querySelectorAll('[data-resend]').forEach((button) => delete button.dataset.label);
    input.focus({ preventScroll: true });
  }

  // Log in: email + password → a code from the phone or the app (or a recovery code) → session; a remembered device
  // skips the code. The email and password stay in memory only while the code step is shown, to send a code again.
  let pendingLogin;
  flow(login, {
    async start(form) {
      const sent = await call('POST', 'login/send-code', { ...form, deviceToken: deviceTokens.get(form.email) });
      if (sent.sessionToken) {
        setSession(sent, login);
        return `Logged in as ${sent.member.email} (this device is remembered, no code needed).`;
      }
      pendingLogin = { email: form.email, password: form.password, loginId: sent.loginId, factors: sent.factors || ['sms'] };
      login.querySelector('#login-remember').checked = false;
      if (!sent.to) {
        showStep(login, 'code');
        loginMode('app');
        return 'Enter the code your authenticator app shows.';
      }
      const text = codeSent(login, sent);
      loginMode('phone');
      return text;
    },
    async finish({ code, rememberDevice }) {
      const answer = pendingLogin.mode === 'recovery' ? { recoveryCode: code } : { code, factor: pendingLogin.mode === 'app' ? 'totp' : 'sms' };
      const result = await call('POST', 'login', { loginId: pendingLogin.loginId, ...answer, rememberDevice: rememberDevice === 'true' });
      if (result.deviceToken) deviceTokens.set(pendingLogin.email, result.deviceToken);
      const usedRecovery = pendingLogin.mode === 'recovery';
      pendingLogin = undefined;
      setSession(result, login);
      showStep(login, 'details');
      return usedRecovery ? `Logged in as ${result.member.email}. That recovery code is used up.` : `Logged in as ${result.member.email}.`;
    },
    async resend(channel) {
      const sent = await call('POST', 'login/send-code', { email: pendingLogin.email, password: pendingLogin.password, channel });
      const again = pendingLogin.mode === 'phone';
      pendingLogin.loginId = sent.loginId;
      login.querySelector('[data-to]').textContent = sent.to;
      loginMode('phone');
      return sentText(sent, { again });
    },
    restart() { pendingLogin = undefined; },
  });
  onClick(login, '[data-use-recovery]', () => {
    loginMode('recovery');
    say(login, 'Type one of the recovery codes you saved when you set up the app.');
  });
  onClick(login, '[data-use-app]', () => {
    loginMode('app');
    say(login, 'Enter the code your authenticator app shows.');
  });

  // Passwordless: phone → code → session (the first login creates the member). A member with a password is sent to
  // the email + password form.
  let otpPhone;
  codeFlow(otp, 'otp/send', (form) => { otpPhone = { phone: form.phone, country: form.country }; }, {
    async finish({ code }) {
      let result;
      try {
        result = await call('POST', 'otp/login', { ...otpPhone, code });
      } catch (error) {
        if (error.code === 'PASSWORD_REQUIRED') {
          otpPhone = undefined;
          error.after = () => {
            showStep(otp, 'details');
            say(otp, 'This phone belongs to an account with a password: use the Log in form.', 'error');
            pendingLogin = undefined;
            showStep(login, 'details', { focus: true });
            say(login, error.message);
            login.scrollIntoView({ block: 'nearest' });
          };
        }
        throw error;
      }
      const used = otpPhone;
      otpPhone = undefined;
      setSession(result, otp, used);
      showStep(otp, 'details');
      return result.created ? `Welcome! We created your account (${result.member.email}).` : `Welcome back, ${result.member.email}.`;
    },
    async resend(channel) {
      const sent = await call('POST', 'otp/send', { ...otpPhone, channel });
      return sentText(sent, { again: true });
    },
    restart() { otpPhone = undefined; },
  });

  // Session: who am I, log out.
  session.querySelector('[data-me]').addEventListener('click', (event) =>
    act(session, [event.currentTarget], async () => {
      try {
        const { member } = await call('GET', 'me', undefined, sessionToken.get());
        showWho(member);
        return 'Your session is valid.';
      } catch (error) {
        showWho(undefined);
        throw error;
      }
    }),
  );
  session.querySelector('[data-logout]').addEventListener('click', (event) =>
    act(session, [event.currentTarget], async () => {
      try {
        await call('POST', 'logout', undefined, sessionToken.get());
        return 'You are logged out.';
      } finally {
        endSession();
      }
    }),
  );

  // Forgot password (in the Log in section): email → code + new password → back to the login form. The answer is
  // the same whether or not the email is a member's, so the page cannot say where the code went.
  const resetEmail = login.querySelector('[data-step=reset]');
  const resetCode = login.querySelector('[data-step=reset-code]');
  let pendingReset;
  onClick(login, '[data-forgot]', () => {
    pendingLogin = undefined;
    resetEmail.elements.email.value = login.querySelector('#login-email').value;
    showStep(login, 'reset', { focus: true });
  });
  onClick(login, '[data-back]', () => {
    pendingReset = undefined;
    showStep(login, 'details', { focus: true });
  });
  editEndsCoolDown(resetEmail, ['email']);
  onSubmit(resetEmail, login, async ({ email }) => {
    const sent = await call('POST', 'password/reset/send-code', { email });
    pendingReset = { email, resetId: sent.resetId };
    showStep(login, 'reset-code');
    return `If ${email} belongs to an account with a password, we sent a code to its phone.`;
  });
  onSubmit(resetCode, login, async ({ code, newPassword }) => {
    await call('POST', 'password/reset', { resetId: pendingReset.resetId, code, newPassword });
    const { email } = pendingReset;
    pendingReset = undefined;
    // Every session of that member ended, this page's too when it was theirs.
    if (account.member?.email === email) endSession();
    showStep(login, 'details');
    login.querySelector('#login-email').value = email;
    login.querySelector('#login-password').focus({ preventScroll: true });
    return 'Your password is changed and every session of the account ended. Log in with the new password.';
  });
  const resetResend = [...resetCode.querySelectorAll('[data-reset-resend]')];
  for (const button of resetResend) {
    button.addEventListener('click', () =>
      act(login, resetResend, async () => {
        const sent = await call('POST', 'password/reset/send-code', { email: pendingReset.email, channel: button.dataset.resetResend });
        pendingReset.resetId = sent.resetId;
        resetCode.reset();
        return button.dataset.resetResend === 'call' ? `If ${pendingReset.email} is a member's, we are calling its phone with a new code.` : `If ${pendingReset.email} is a member's, we sent a new code to its phone.`;
      }),
    );
  }
  resetCode.querySelector('[data-restart]').addEventListener('click', () => {
    showStep(login, 'reset', { focus: true });
    if (pendingReset) resetEmail.elements.email.value = pendingReset.email;
    pendingReset = undefined;
  });
