  // The demo page's script, part 1 of 3 (index.html names the parts; `npm run workflows` runs them as one script, in
  // one function scope): talking to the webhooks, each section's message, cool-downs and steps, the sign-in flows.

  // The code step of Register and of phone-only login, written once: where the code went, the field, and the ways to
  // have it sent again, called instead, or to start again. The submit button says what the step does.
  for (const form of document.querySelectorAll('form[data-code-step]')) {
    const id = `${form.closest('section').id}-code`;
    form.innerHTML = `
      <label for="${id}">Code sent to <strong data-to></strong></label>
      <input id="${id}" name="code" inputmode="numeric" autocomplete="one-time-code" required>
      <div class="actions">
        <button type="submit"></button>
        <button type="button" class="secondary" data-resend="sms">Resend code</button>
        <button type="button" class="secondary" data-resend="call">Call me instead</button>
        <button type="button" class="secondary" data-restart>Start again</button>
      </div>`;
    form.querySelector('[type=submit]').textContent = form.dataset.codeStep;
  }

  // The page sends passwords, codes and session tokens: it talks only to the webhooks of its own origin, next to the
  // page itself (served at <origin>/webhook/demo, so the base is <origin>/webhook). No URL parameter can change that.
  const api = `${location.origin}${location.pathname.replace(/\/[^/]*\/?$/, '')}`;
  // n8n serves webhook pages in a CSP sandbox (an opaque origin) where sessionStorage is off limits: keep the token in
  // memory then. A real frontend stores it the way it stores any session.
  const memory = new Map();
  const sessionToken = {
    get() { try { return sessionStorage.getItem('tvm-demo-session'); } catch { return memory.get('token') || null; } },
    set(token) { try { sessionStorage.setItem('tvm-demo-session', token); } catch { memory.set('token', token); } },
    clear() { try { sessionStorage.removeItem('tvm-demo-session'); } catch { memory.delete('token'); } },
  };

  /**
   * Calls a webhook; resolves with the JSON body, or throws an Error carrying the API's own message, its code and,
   * when the caller must wait (429, 423 LOCKED, 503 BUSY), retryAfterSeconds.
   */
  async function call(method, path, body, token) {
    const headers = { Accept: 'application/json' };
    if (body) headers['Content-Type'] = 'application/json';
    if (token) headers.Authorization = `Bearer ${token}`;
    let response;
    try {
      response = await fetch(`${api}/${path}`, { method, headers, body: body ? JSON.stringify(body) : undefined });
    } catch {
      throw new Error('The server cannot be reached. Is the demo still running?');
    }
    const data = await response.json().catch(() => ({}));
    if (!response.ok) {
      const error = new Error(data?.error?.message || `Something went wrong (HTTP ${response.status}).`);
      error.code = data?.error?.code;
      error.retryAfterSeconds = Number(data?.error?.retryAfterSeconds) || Number(response.headers.get('Retry-After')) || 0;
      throw error;
    }
    return data;
  }

  /** Each section's one message line; `owner` lets a countdown know whether the line is still its own. */
  function say(section, text, kind, owner) {
    const message = section.querySelector('.message');
    message.textContent = text;
    message.className = `message ${kind || ''}`;
    message.owner = owner;
  }

  // Cool-downs: after a refusal that says how long to wait, the buttons that would repeat the request stay disabled,
  // their label and the message counting down live.
  const coolDowns = new Map();
  const label = (button) => (button.dataset.label ??= button.textContent);
  const isCooling = (button) => coolDowns.has(button);
  const ownsMessage = (group) => group.section.querySelector('.message').owner === group;

  function waitText(seconds, inMinutes) {
    if (inMinutes || seconds >= 120) {
      const minutes = Math.max(1, Math.ceil(seconds / 60));
      return `Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`;
    }
    return `Try again in ${seconds} ${seconds === 1 ? 'second' : 'seconds'}.`;
  }
  const shortWait = (seconds) => (seconds >= 60 ? `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}` : `${seconds} s`);

  function endCoolDown(button) {
    const group = coolDowns.get(button);
    if (!group) return;
    coolDowns.delete(button);
    group.buttons.delete(button);
    button.textContent = label(button);
    button.disabled = false;
    if (group.buttons.size === 0) {
      clearInterval(group.timer);
      if (ownsMessage(group)) say(group.section, '');
    }
  }

  function coolDown(section, buttons, error) {
    buttons.forEach(endCoolDown);
    // The API's own "Try again in ..." is replaced by a live one.
    const reason = error.message.replace(/\s*Try again\b.*$/, '') || 'Please wait.';
    const until = Date.now() + error.retryAfterSeconds * 1000;
    const group = { section, buttons: new Set(buttons), timer: undefined };
    const tick = () => {
      const left = Math.ceil((until - Date.now()) / 1000);
      if (left <= 0) {
        [...group.buttons].forEach(endCoolDown);
        return;
      }
      for (const button of group.buttons) {
        button.disabled = true;
        button.textContent = `${label(button)} (${shortWait(left)})`;
      }
      if (ownsMessage(group)) say(section, `${reason} ${waitText(left, error.code === 'LOCKED')}`, 'error', group);
    };
    for (const button of buttons) coolDowns.set(button, group);
    say(section, '', 'error', group);
    group.timer = setInterval(tick, 1000);
    tick();
  }

  /**
   * Runs one request for a section: `busy` buttons are disabled meanwhile; the answer's sentence becomes the message.
   * A refusal with a wait puts `coolDown` buttons (by default the busy ones that are still shown) in a cool-down.
   */
  async function act(section, busy, action, coolDownButtons) {
    busy.forEach((button) => (button.disabled = true));
    say(section, 'Working…');
    try {
      const text = await action();
      if (text !== undefined) say(section, text, 'ok');
    } catch (error) {
      if (error.retryAfterSeconds > 0) coolDown(section, coolDownButtons || busy.filter((button) => !button.closest('[hidden]')), error);
      else say(section, error.message, 'error');
      error.after?.();
    } finally {
      busy.forEach((button) => (button.disabled = isCooling(button)));
    }
  }

  /**
   * Shows one step of a section (none: `step` undefined). Whatever the section said, and the cool-downs of the step it
   * leaves, belong to that step, so they go too (`keepMessage` when the caller is about to say something itself). A
   * code step (`code`, `reset-code`, ...) starts empty, with the cursor in it.
   */
  function showStep(section, step, { focus = /(^|-)code$/.test(step || ''), keepMessage = false } = {}) {
    for (const form of section.querySelectorAll('form[data-step]')) {
      form.hidden = form.dataset.step !== step;
      if (form.hidden) form.querySelectorAll('button').forEach(endCoolDown);
    }
    if (!keepMessage) say(section, '');
    const form = step && section.querySelector(`form[data-step="${step}"]`);
    if (!form) return;
    if (/(^|-)code$/.test(step)) form.reset();
    if (focus) (form.querySelector('input:not(:disabled)') || form.querySelector('button'))?.focus({ preventScroll: true });
  }

  const values = (form) => Object.fromEntries(new FormData(form).entries());
  const clearPasswords = (form) => form.querySelectorAll('input[type=password]').forEach((input) => (input.value = ''));

  /** What to say when a code went out (`again`: a new one, after an earlier code). */
  const sentText = (sent, { again = false } = {}) =>
    (sent.channel === 'call' ? `We are calling ${sent.to} with your code.` : `We sent ${again ? 'a new' : 'a'} code to ${sent.to}.`);

  /** A code went out: show where, and move the section to its code step. */
  function codeSent(section, sent, owner = section, step = 'code') {
    section.querySelector('[data-to]').textContent = sent.to;
    showStep(owner, step);
    return sentText(sent);
  }

  /** Wires a section's button: `data-*` selector → an action (run by `act` where its text becomes the message). */
  function onClick(section, selector, action) {
    section.querySelectorAll(selector).forEach((button) => button.addEventListener('click', () => action(button)));
  }
  /**
   * Wires a form's submit: its values (password fields emptied at once) → an action run by `act`, the `busy` buttons
   * (by default the submit ones) disabled meanwhile.
   */
  function onSubmit(form, section, action, busy = 'button[type=submit]') {
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const input = values(form);
      clearPasswords(form);
      act(section, [...form.querySelectorAll(busy)], () => action(input));
    });
  }

  /** A cool-down belongs to what was refused: once one of these fields changes (another email or phone), it ends. */
  function editEndsCoolDown(form, names) {
    form.addEventListener('input', (event) => {
      if (names.includes(event.target.name)) form.querySelectorAll('button').forEach(endCoolDown);
    });
  }

  /**
   * Wires one sign-in flow: its details form (→ `start`), its code form (→ `finish`), Resend / Call me instead
   * (→ `resend`) and Start again (→ `restart`). Password fields are emptied after every submit.
   */
  function flow(section, { start, finish, resend, restart }) {
    const details = section.querySelector('[data-step=details]');
    const code = section.querySelector('[data-step=code]');
    const resendButtons = [...code.querySelectorAll('[data-resend]')];
    onSubmit(details, section, start, 'button');
    editEndsCoolDown(details, ['email', 'phone', 'country']);
    onSubmit(code, section, finish);
    for (const button of resendButtons) {
      button.addEventListener('click', () => act(section, resendButtons, () => resend(button.dataset.resend)));
    }
    code.querySelector('[data-restart]').addEventListener('click', () => {
      restart();
      showStep(section, 'details', { focus: true });
    });
  }

  /** A flow whose first step sends the form to `path` and shows where the code went; `remember` keeps what it needs. */
  function codeFlow(section, path, remember, steps) {
    flow(section, {
      ...steps,
      async start(form) {
        const sent = await call('POST', path, form);
        remember(form, sent);
        return codeSent(section, sent);
      },
    });
  }

  /**
   * A session began (from one of the sign-in sections) or ended: what the other sections said belongs to the session
   * before, so it goes (a live countdown stays).
   */
  function sessionChanged(from) {
    for (const section of [register, login, otp, session]) {
      if (section !== from && !section.querySelector('.message').owner) say(section, '');
    }
  }
