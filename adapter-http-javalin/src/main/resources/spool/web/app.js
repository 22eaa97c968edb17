// Spool's web page: a hash router over three views, with the bearer token kept in
// sessionStorage (never in the URL after load). With an identity provider configured, people sign
// in through it (oidc.js); a pasted token stays as the fallback, and dev mode keeps its link.
import { createApi } from './api.js';
import { el } from './format.js';
import { renderList } from './list.js';
import { renderCreate } from './create.js';
import { renderBatch } from './batch.js';
import {
  TOKEN_KEY, finishSignIn, keepSignedIn, loadConfig, session, signOut, startSignIn,
} from './oidc.js';

const view = document.getElementById('view');
let cleanup = () => {};
let refused = false;
let config = { mode: 'token' };
let signInError = null;
let stopRenewal = () => {};

function takeTokenFromUrl() {
  const match = location.hash.match(/[#&]token=([^&]+)/);
  if (match) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
    history.replaceState(null, '', `${location.pathname}#/`);
  }
}

function signIn() {
  const input = el('textarea', { id: 'token-input', rows: 4, 'aria-describedby': 'token-hint', required: true });
  const oidc = config.mode === 'oidc';
  const provider = oidc ? el('button', { type: 'button', class: 'action primary', id: 'sign-in-idp', text: 'Sign in with your institution' }) : null;
  if (provider) {
    provider.addEventListener('click', () => {
      provider.disabled = true;
      startSignIn(config).catch((e) => {
        provider.disabled = false;
        signInError = e.message;
        signIn();
      });
    });
  }
  const message = signInError || (refused ? (oidc
    ? 'Your session has ended or was refused. Sign in again.'
    : 'The server refused that token: it is invalid or has expired. Paste a new one.') : null);
  const pasted = el('div', { class: 'field' },
    el('label', { for: 'token-input', text: 'Bearer token' }), input,
    el('span', { id: 'token-hint', class: 'hint',
      text: 'Paste a JWT. In dev mode the server prints one at start-up, with a link that signs you in.' }));
  const form = el('form', { class: 'card', id: 'sign-in' },
    el('h1', { text: 'Sign in' }),
    message ? el('div', { class: 'error-box', id: 'sign-in-error', role: 'alert', text: message }) : null,
    provider,
    oidc ? el('details', { id: 'token-fallback' }, el('summary', { text: 'Or paste a token' }), pasted,
      el('button', { type: 'submit', class: 'action', text: 'Sign in with the token' })) : pasted,
    oidc ? null : el('button', { type: 'submit', class: 'action primary', text: 'Sign in' }));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const token = input.value.trim();
    if (token) {
      refused = false;
      sessionStorage.setItem(TOKEN_KEY, token);
      route();
    }
  });
  view.replaceChildren(form);
  (provider || input).focus();
}

function route() {
  cleanup();
  cleanup = () => {};
  const token = sessionStorage.getItem(TOKEN_KEY);
  document.getElementById('sign-out').hidden = !token;
  const name = document.getElementById('user-name');
  name.textContent = token ? (session().name || '') : '';
  name.hidden = !name.textContent;
  if (!token) {
    signIn();
    return;
  }
  const api = createApi(token);
  const hash = location.hash || '#/';
  const batch = hash.match(/^#\/batch\/([0-9a-fA-F-]{36})$/);
  const onUnauthorized = () => {
    refused = true;
    sessionStorage.removeItem(TOKEN_KEY);
    route();
  };
  const context = { api, view, onUnauthorized, navigate: (to) => { location.hash = to; } };
  if (batch) cleanup = renderBatch(context, batch[1]);
  else if (hash === '#/new') cleanup = renderCreate(context);
  else cleanup = renderList(context);
}

document.getElementById('sign-out').addEventListener('click', () => {
  refused = false;
  signInError = null;
  stopRenewal();
  if (signOut(config)) return;
  location.hash = '#/';
  route();
});
window.addEventListener('hashchange', () => {
  takeTokenFromUrl();
  route();
});

(async () => {
  takeTokenFromUrl();
  config = await loadConfig();
  if (config.mode === 'oidc') {
    try {
      await finishSignIn(config);
    } catch (e) {
      signInError = e.message;
    }
    stopRenewal = keepSignedIn(config, () => {
      sessionStorage.removeItem(TOKEN_KEY);
      refused = true;
      route();
    });
  }
  route();
})();
