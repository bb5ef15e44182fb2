/* The live page: sign in over REST, then listen on Socket.IO (docs/asyncapi.json). */
/* global io */
'use strict';

const $ = (selector) => document.querySelector(selector);
let token;
let socket;
let watching;

function setStatus(text) {
  $('#status').textContent = text;
}

// textContent only: what other users wrote is never parsed as HTML.
function prepend(list, text, unread) {
  const item = document.createElement('li');
  item.textContent = text;
  if (unread) item.style.fontWeight = 'bold';
  $(list).prepend(item);
}

function describe(n) {
  const who = n.actor.username;
  if (n.type === 'follow') return `${who} follows you`;
  if (n.type === 'favorite') return `${who} favorited "${n.article?.title ?? 'a deleted article'}"`;
  return `${who} commented on "${n.article?.title ?? 'a deleted article'}": ${n.comment?.body ?? ''}`;
}

async function api(method, path, body) {
  const response = await fetch(`/api/v1${path}`, {
    method,
    headers: {
      'Content-Type': 'application/json',
      ...(token && { Authorization: `Token ${token}` }),
    },
    body: body && JSON.stringify(body),
  });
  const json = response.status === 204 ? {} : await response.json();
  if (!response.ok)
    throw new Error(json.errors ? JSON.stringify(json.errors) : response.statusText);
  return json;
}

async function loadInbox() {
  const { notifications } = await api('GET', '/notifications?limit=20');
  $('#notifications').replaceChildren();
  notifications.reverse().forEach((n) => prepend('#notifications', describe(n), !n.read));
}

function connect() {
  socket = io({ auth: { token } });
  socket.on('connect', () => {
    setStatus(`Connected as socket ${socket.id}.`);
    // After a reconnect the rooms are gone: join the watched article again.
    if (watching) socket.emit('article:join', { slug: watching }, () => {});
  });
  socket.on('connect_error', (err) => setStatus(`Refused: ${err.message}`));
  socket.on('disconnect', (reason) => setStatus(`Disconnected (${reason}).`));
  socket.on('auth:expired', () => setStatus('Session expired: sign in again.'));
  socket.on('notification', (n) => prepend('#notifications', describe(n), true));
  socket.on('message', (m, received) => {
    prepend('#notifications', `message from ${m.from}: ${m.body}`, true);
    received(true);
  });
  socket.on('comment:created', ({ comment }) =>
    prepend('#comments', `${comment.author.username}: ${comment.body}`),
  );
  socket.on('comment:deleted', ({ commentId }) =>
    prepend('#comments', `(comment ${commentId} deleted)`),
  );
}

$('#login').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  try {
    const { user } = await api('POST', '/users/login', {
      user: { email: form.get('email'), password: form.get('password') },
    });
    token = user.token;
    socket?.disconnect();
    connect();
    await loadInbox();
    $('#mark-all-read').disabled = false;
    $('#watch button').disabled = false;
  } catch (err) {
    setStatus(`Sign-in failed: ${err.message}`);
  }
});

$('#mark-all-read').addEventListener('click', async () => {
  await api('PATCH', '/notifications', { read: true });
  await loadInbox();
});

$('#watch').addEventListener('submit', (event) => {
  event.preventDefault();
  const slug = new FormData(event.target).get('slug');
  if (watching) socket.emit('article:leave', { slug: watching }, () => {});
  socket.emit('article:join', { slug }, (ack) => {
    if (!ack.ok) return setStatus(`Cannot watch: ${JSON.stringify(ack.errors)}`);
    watching = slug;
    $('#comments').replaceChildren();
    setStatus(`Watching ${slug}.`);
  });
});
