// Signing in through the institution's identity provider: the Authorization Code flow with PKCE,
// as a public client. Tokens stay in sessionStorage (this tab only), never in localStorage or a
// URL; the one-time code leaves the address bar as soon as it is read.
const PENDING_KEY = 'spool.oidc.pending';
const SESSION_KEY = 'spool.oidc.session';
export const TOKEN_KEY = 'spool.token';

export async function loadConfig() {
  try {
    const response = await fetch('/api/v1/auth/config', { cache: 'no-store' });
    const envelope = await response.json();
    return envelope.data || { mode: 'token' };
  } catch (e) {
    return { mode: 'token' };
  }
}

function base64url(bytes) {
  let text = '';
  new Uint8Array(bytes).forEach((b) => { text += String.fromCharCode(b); });
  return btoa(text).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function random(length) {
  const bytes = new Uint8Array(length);
  crypto.getRandomValues(bytes);
  return bytes;
}

function redirectUri() {
  return `${location.origin}/`;
}

/** Sends the browser to the provider; it comes back to / with ?code=&state=. */
export async function startSignIn(config) {
  const verifier = base64url(random(32));
  const state = base64url(random(16));
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier, state }));
  const url = new URL(config.authorizationEndpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: redirectUri(),
    scope: config.scope,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

/** Handles the provider's redirect back, if this is one: trades the code for tokens. */
export async function finishSignIn(config) {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) return false;
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) || 'null');
  sessionStorage.removeItem(PENDING_KEY);
  history.replaceState(null, '', `${location.pathname}#/`);
  if (params.has('error')) {
    throw new Error(`The identity provider did not sign you in: ${params.get('error_description') || params.get('error')}`);
  }
  if (!pending || pending.state !== params.get('state')) {
    throw new Error('That sign-in answer does not belong to this page. Sign in again.');
  }
  await tokens(config, {
    grant_type: 'authorization_code',
    code: params.get('code'),
    redirect_uri: redirectUri(),
    client_id: config.clientId,
    code_verifier: pending.verifier,
  });
  return true;
}

async function tokens(config, form) {
  const response = await fetch(config.tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok || !answer.access_token) {
    throw new Error(`Signing in failed: ${answer.error_description || answer.error || `HTTP ${response.status}`}`);
  }
  const before = session();
  const claims = answer.id_token ? payload(answer.id_token) : {};
  sessionStorage.setItem(TOKEN_KEY, answer.access_token);
  sessionStorage.setItem(SESSION_KEY, JSON.stringify({
    idToken: answer.id_token || before.idToken || null,
    refreshToken: answer.refresh_token || before.refreshToken || null,
    expiresAt: Date.now() + (Number(answer.expires_in) || 300) * 1000,
    name: claims.name || claims.preferred_username || claims.email || before.name || null,
  }));
}

function payload(jwt) {
  try {
    const part = jwt.split('.')[1].replaceAll('-', '+').replaceAll('_', '/');
    return JSON.parse(decodeURIComponent(escape(atob(part))));
  } catch (e) {
    return {};
  }
}

export function session() {
  return JSON.parse(sessionStorage.getItem(SESSION_KEY) || '{}');
}

/**
 * Renews the access token a minute before it expires, with the refresh token when there is one;
 * otherwise tells the page to sign in again before the token runs out.
 */
export function keepSignedIn(config, onSignInNeeded) {
  let timer = null;
  const plan = () => {
    clearTimeout(timer);
    const { expiresAt, refreshToken } = session();
    if (!expiresAt) return;
    const wait = Math.max(5000, expiresAt - Date.now() - 60000);
    timer = setTimeout(async () => {
      if (!refreshToken) {
        onSignInNeeded();
        return;
      }
      try {
        await tokens(config, { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: config.clientId });
        plan();
      } catch (e) {
        onSignInNeeded();
      }
    }, wait);
  };
  plan();
  return () => clearTimeout(timer);
}

/** Forgets the tokens here and ends the provider's session too when it offers that. */
export function signOut(config) {
  const { idToken } = session();
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem(SESSION_KEY);
  if (config.mode === 'oidc' && config.endSessionEndpoint) {
    const url = new URL(config.endSessionEndpoint);
    const params = { post_logout_redirect_uri: redirectUri(), client_id: config.clientId };
    if (idToken) params.id_token_hint = idToken;
    url.search = new URLSearchParams(params).toString();
    location.assign(url.toString());
    return true;
  }
  return false;
}
