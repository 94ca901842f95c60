  // The demo page's script, part 3 of 3: the account while logged in (password, phone, authenticator app and recovery
  // codes, log out everywhere, delete).

  // The account (in the Session section, while logged in): change the password or the phone, log out everywhere,
  // delete the account. Each opens its own form; Cancel closes it.
  const accountArea = session.querySelector('[data-account]');
  const accountForm = (step) => accountArea.querySelector(`form[data-step="${step}"]`);
  let pendingChange;
  onClick(accountArea, '[data-open]', (button) => {
    pendingChange = undefined;
    accountForm(button.dataset.open).reset();
    showStep(session, button.dataset.open, { focus: true });
  });
  onClick(accountArea, '[data-cancel]', () => {
    pendingChange = undefined;
    showStep(session, undefined);
  });

  /** An answer that the session is over (INVALID_SESSION) ends it here too. */
  async function withSession(action) {
    try {
      return await action(sessionToken.get());
    } catch (error) {
      if (error.code === 'INVALID_SESSION') error.after = endSession;
      throw error;
    }
  }
  /** Wires an account button whose action calls the backend with the session (`withSession`), run by `act`. */
  const onSessionClick = (selector, action) => onClick(accountArea, selector, (button) => act(session, [button], () => withSession(action)));

  onSubmit(accountForm('password'), session, (input) =>
    withSession(async (token) => {
      await call('POST', 'password/change', input, token);
      showStep(session, undefined);
      return 'Your password is changed. Your other sessions ended.';
    }),
  );

  // Change phone: new phone + password → a code to the NEW phone → the member with it. The password stays in memory
  // only while the code step is shown, to send the code again.
  onSubmit(accountForm('phone'), session, (input) =>
    withSession(async (token) => {
      const sent = await call('POST', 'phone/change/send-code', input, token);
      pendingChange = { input, changeId: sent.changeId };
      return codeSent(accountArea, sent, session, 'phone-code');
    }),
  );
  editEndsCoolDown(accountForm('phone'), ['phone', 'country']);
  onSubmit(accountForm('phone-code'), session, ({ code }) =>
    withSession(async (token) => {
      const { member } = await call('POST', 'phone/change', { changeId: pendingChange.changeId, code }, token);
      const phone = pendingChange.input;
      pendingChange = undefined;
      if (account.phoneOnly) account.phone = { phone: phone.phone, country: phone.country };
      showWho(member);
      showStep(session, undefined);
      return `Your phone number is now ${member.phone}. Your other sessions ended.`;
    }),
  );
  const phoneResend = [...accountForm('phone-code').querySelectorAll('[data-phone-resend]')];
  for (const button of phoneResend) {
    button.addEventListener('click', () =>
      act(session, phoneResend, () =>
        withSession(async (token) => {
          const sent = await call('POST', 'phone/change/send-code', { ...pendingChange.input, channel: button.dataset.phoneResend }, token);
          pendingChange.changeId = sent.changeId;
          accountArea.querySelector('[data-to]').textContent = sent.to;
          return sentText(sent, { again: true });
        }),
      ),
    );
  }
  accountForm('phone-code').querySelector('[data-restart]').addEventListener('click', () => {
    pendingChange = undefined;
    showStep(session, 'phone', { focus: true });
  });

  // Authenticator app: set up (QR code and key, then its first code → recovery codes, shown once), or, once set up,
  // remove it or replace the recovery codes (both after the password; a phone-only member gives an app code).
  let pendingFactor;
  onSessionClick('[data-totp]', async (token) => {
    const { factors, recoveryCodesLeft } = await call('GET', 'factors', undefined, token);
    const app = factors.find((factor) => factor.type === 'totp' && factor.status === 'verified');
    if (app) {
      pendingFactor = app.id;
      accountForm('totp-manage').reset();
      accountForm('totp-manage').querySelector('[data-codes-left]').textContent = `${recoveryCodesLeft} recovery ${recoveryCodesLeft === 1 ? 'code' : 'codes'} left.`;
      showStep(session, 'totp-manage', { focus: true });
      return undefined;
    }
    const enrolment = await call('POST', 'factors/totp', undefined, token);
    pendingFactor = enrolment.factorId;
    const form = accountForm('totp-setup');
    form.reset();
    // An <img> never runs what an SVG might hold; the key is the otpauth link's secret, for typing in by hand.
    form.querySelector('[data-qr]').src = `data:image/svg+xml;base64,${btoa(enrolment.qrSvg)}`;
    form.querySelector('[data-otpauth]').href = enrolment.uri;
    form.querySelector('[data-secret]').textContent = new URL(enrolment.uri).searchParams.get('secret') || '';
    showStep(session, 'totp-setup', { focus: true });
    return 'Scan the QR code, then enter the code the app shows.';
  });
  function showRecoveryCodes(codes) {
    const list = accountForm('recovery-codes').querySelector('[data-recovery-codes]');
    list.replaceChildren(...codes.map((code) => Object.assign(document.createElement('li'), { textContent: code })));
    showStep(session, 'recovery-codes', { keepMessage: true });
    accountForm('recovery-codes').querySelector('button').focus({ preventScroll: true });
  }
  onSubmit(accountForm('totp-setup'), session, ({ code }) =>
    withSession(async (token) => {
      const { recoveryCodes } = await call('POST', 'factors/totp/confirm', { factorId: pendingFactor, code }, token);
      pendingFactor = undefined;
      showRecoveryCodes(recoveryCodes);
      return 'Your authenticator app is set up. Save your recovery codes.';
    }),
  );
  accountForm('recovery-codes').addEventListener('submit', (event) => {
    event.preventDefault();
    accountForm('recovery-codes').querySelector('[data-recovery-codes]').replaceChildren();
    showStep(session, undefined);
  });
  onSubmit(accountForm('totp-manage'), session, (input) =>
    withSession(async (token) => {
      await call('POST', 'factors/remove', { factorId: pendingFactor, ...input }, token);
      pendingFactor = undefined;
      showStep(session, undefined);
      return 'The authenticator app is removed; logins text a code again. Remembered devices were forgotten.';
    }),
  );
  onSessionClick('[data-new-codes]', async (token) => {
    const form = accountForm('totp-manage');
    const { recoveryCodes } = await call('POST', 'factors/recovery-codes', values(form), token);
    clearPasswords(form);
    showRecoveryCodes(recoveryCodes);
    return 'New recovery codes: the old ones no longer work.';
  });

  onSessionClick('[data-logout-all]', async (token) => {
    const { ended } = await call('POST', 'logout/all', undefined, token);
    endSession();
    return `You are logged out everywhere (${ended} ${ended === 1 ? 'session' : 'sessions'} ended).`;
  });

  // Delete: confirm first, then the password (a phone-only member: a code texted to their phone), then back to the
  // start of the page.
  accountForm('delete').addEventListener('submit', (event) => {
    event.preventDefault();
    showStep(session, 'delete-proof', { focus: true });
  });
  onClick(accountArea, '[data-delete-send]', (button) =>
    act(session, [button], async () => {
      const sent = await call('POST', 'otp/send', account.phone);
      accountForm('delete-proof').querySelector('#delete-code').focus({ preventScroll: true });
      return `We sent a code to ${sent.to}.`;
    }),
  );
  onSubmit(accountForm('delete-proof'), session, (input) =>
    withSession(async (token) => {
      await call('POST', 'account/delete', input, token);
      endSession();
      pendingRegistrationReset();
      say(register, 'Your account is deleted. You may register again.', 'ok');
      window.scrollTo(0, 0);
      register.querySelector('input').focus({ preventScroll: true });
      return 'Your account is deleted.';
    }),
  );

  /** Back to the start: every sign-in section on its first step, nothing pending. */
  function pendingRegistrationReset() {
    registration = undefined;
    pendingLogin = undefined;
    pendingReset = undefined;
    otpPhone = undefined;
    for (const section of [register, login, otp]) showStep(section, 'details');
  }
