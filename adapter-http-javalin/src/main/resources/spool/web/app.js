// Spool's web page: a hash router over three views, with the bearer token kept in
// sessionStorage (never in the URL after load).
import { createApi } from './api.js';
import { el } from './format.js';
import { renderList } from './list.js';
import { renderCreate } from './create.js';
import { renderBatch } from './batch.js';

const TOKEN_KEY = 'spool.token';
const view = document.getElementById('view');
let cleanup = () => {};
let refused = false;

function takeTokenFromUrl() {
  const match = location.hash.match(/[#&]token=([^&]+)/);
  if (match) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
    history.replaceState(null, '', `${location.pathname}#/`);
  }
}

function signIn() {
  const input = el('textarea', { id: 'token-input', rows: 4, 'aria-describedby': 'token-hint', required: true });
  const form = el('form', { class: 'card', id: 'sign-in' },
    el('h1', { text: 'Sign in' }),
    refused ? el('div', { class: 'error-box', id: 'sign-in-error', role: 'alert',
      text: 'The server refused that token: it is invalid or has expired. Paste a new one.' }) : null,
    el('div', { class: 'field' },
      el('label', { for: 'token-input', text: 'Bearer token' }), input,
      el('span', { id: 'token-hint', class: 'hint',
        text: 'Paste a JWT. In dev mode the server prints one at start-up, with a link that signs you in.' })),
    el('button', { type: 'submit', class: 'action primary', text: 'Sign in' }));
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
  input.focus();
}

function route() {
  cleanup();
  cleanup = () => {};
  const token = sessionStorage.getItem(TOKEN_KEY);
  document.getElementById('sign-out').hidden = !token;
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
  sessionStorage.removeItem(TOKEN_KEY);
  location.hash = '#/';
  route();
});
window.addEventListener('hashchange', () => {
  takeTokenFromUrl();
  route();
});
takeTokenFromUrl();
route();
