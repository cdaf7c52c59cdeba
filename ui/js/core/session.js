// Who is signed in. A solo server needs no sign-in; a team server answers
// GET /me with 401 until one signs in. The session's CSRF token stays in
// memory (api.js sends it with every change). A 401 later means the
// session ended: the workbench stays as it is, a sign-in dialog covers it,
// and waiting saves go on once the same person has signed in again.
import { createStore } from './store.js';
import { get, post, setCsrfToken, onUnauthorized } from './api.js';

/**
 * session is {status, me, error}: status 'loading', 'in' (signed in, or
 * solo), 'out' (the login page), 'expired' (signed in before; the sign-in
 * dialog covers the workbench) or 'error' (the server did not answer);
 * me is {username, admin, mode, expires_at}.
 */
export const session = createStore({ status: 'loading', me: null, error: null });

let waiting = [];

function signedIn(me) {
  setCsrfToken(me.csrf_token);
  const { csrf_token: _token, ...rest } = me;
  session.set({ status: 'in', me: rest, error: null });
  const list = waiting;
  waiting = [];
  list.forEach((fn) => fn());
}

/** startSession asks the server who is signed in. */
export async function startSession() {
  session.set({ status: 'loading', me: null, error: null });
  try {
    signedIn(await get('/me'));
  } catch (err) {
    if (err.status === 401) session.set({ status: 'out', me: null, error: null });
    else session.set({ status: 'error', me: null, error: err });
  }
}

/**
 * signIn posts the credentials and resolves with the user; it rejects with
 * the server's ApiError (401, 403, 429 with retryAfter). Signing in as
 * someone else than before the session ended starts the page afresh, so
 * nothing of the former user's work goes out in the new name.
 */
export async function signIn(username, password) {
  const before = session.get();
  const me = await post('/login', { username, password });
  if (before.status === 'expired' && before.me && before.me.username !== me.username) {
    setCsrfToken(me.csrf_token);
    location.reload();
    return me;
  }
  signedIn(me);
  return me;
}

/** signOut ends the session on the server and starts the page afresh. */
export async function signOut() {
  try {
    await post('/logout');
  } finally {
    setCsrfToken('');
    // A fresh page holds nothing of this user's work.
    location.replace('/');
  }
}

/** changePassword sets a new password for the signed-in user. */
export function changePassword(oldPassword, newPassword) {
  return post('/me/password', { old: oldPassword, new: newPassword });
}

/**
 * whenSignedIn resolves once a session is signed in again: at once when
 * it is (after a pause, so a refused request is not repeated in a loop).
 */
export function whenSignedIn() {
  if (session.get().status === 'in') return new Promise((r) => setTimeout(r, 1000));
  return new Promise((r) => waiting.push(r));
}

/** isTeam reports whether the server runs in team mode. */
export function isTeam() {
  const me = session.get().me;
  return !!me && me.mode === 'team';
}

// Any 401 after signing in means the session ended (expired, revoked, or
// the account was disabled).
onUnauthorized(() => {
  const s = session.get();
  if (s.status === 'in' && s.me && s.me.mode === 'team') session.set({ ...s, status: 'expired' });
});
