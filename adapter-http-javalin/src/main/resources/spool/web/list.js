// Batch list and history: status filter, a link to each, and live progress and status from the
// owner feed (one stream for all the user's batches), with no polling beside it.
import { badge, createProgress, duration, el, time } from './format.js';
import { openStream } from './stream.js';

const STATUSES = ['pending', 'running', 'paused', 'completed', 'completed_with_errors', 'failed', 'cancelled'];

export function renderList({ api, view, onUnauthorized }) {
  let status = new URLSearchParams(location.hash.split('?')[1] || '').get('status') || '';
  let stopped = false;
  let reloading = null;
  let feed = null;
  const body = el('tbody', { id: 'batch-rows' });
  const message = el('p', { class: 'muted', id: 'list-message' });
  const more = el('button', { type: 'button', class: 'action', id: 'load-more', hidden: true, text: 'Load more' });
  let nextCursor = null;
  let pages = 1;
  const rowsById = new Map();

  const filter = el('select', { id: 'status-filter', 'aria-label': 'Filter by status' },
    el('option', { value: '', text: 'All statuses' }),
    STATUSES.map((s) => el('option', { value: s, text: s.replaceAll('_', ' '), selected: s === status })));
  filter.addEventListener('change', () => {
    status = filter.value;
    pages = 1;
    refresh();
  });
  more.addEventListener('click', () => {
    pages += 1;
    refresh();
  });

  view.replaceChildren(
    el('h1', { text: 'Batches' }),
    el('div', { class: 'toolbar' },
      el('label', { for: 'status-filter', text: 'Status' }), filter,
      el('a', { href: '#/new', class: 'action primary', text: 'New batch' })),
    el('table', { class: 'card', id: 'batch-table' },
      el('thead', {}, el('tr', {},
        ['Name', 'Status', 'Progress', 'ETA', 'Created'].map((h) => el('th', { scope: 'col', text: h })))),
      body),
    message, more);

  async function refresh() {
    try {
      const rows = [];
      let cursor = null;
      for (let page = 0; page < pages; page += 1) {
        const query = new URLSearchParams({ limit: '50' });
        if (status) query.set('status', status);
        if (cursor) query.set('cursor', cursor);
        const data = await api.get(`/api/v1/generation/batch?${query}`);
        rows.push(...data.items);
        cursor = data.nextCursor;
        if (!cursor) break;
      }
      nextCursor = cursor;
      if (stopped) return;
      const shown = new Set(rows.map((b) => b.id));
      [...rowsById.keys()].filter((id) => !shown.has(id)).forEach((id) => rowsById.delete(id));
      body.replaceChildren(...rows.map(row));
      message.textContent = rows.length > 0 ? ''
        : status ? `No batches are ${status.replaceAll('_', ' ')}.` : 'No batches yet.';
      more.hidden = !nextCursor;
    } catch (e) {
      if (e.status === 401) onUnauthorized();
      else message.textContent = e.message;
    }
  }

  // A batch the list does not show yet, or a status the filter no longer matches: read the list
  // again, once for a burst of such events.
  function reloadSoon() {
    if (reloading || stopped) return;
    reloading = setTimeout(() => {
      reloading = null;
      refresh();
    }, 300);
  }

  function onEvent(name, data) {
    const entry = rowsById.get(data.batchId);
    if (name === 'batch.progress') {
      if (!entry) return;
      entry.total = data.total;
      entry.progress.update(data.completed, data.failed, data.total);
      entry.eta.textContent = entry.shownStatus === 'running' ? duration(data.eta_seconds) : '—';
      return;
    }
    if (!name.startsWith('batch.') || !data.status) return;
    if (!entry || (status && status !== data.status)) {
      reloadSoon();
      return;
    }
    if (entry.shownStatus !== data.status) {
      entry.status.replaceChildren(badge(data.status));
      entry.shownStatus = data.status;
    }
    if (data.status !== 'running') entry.eta.textContent = '—';
    // a finished batch's event carries its final counts: the bar need not wait for progress
    if (data.totalCompleted != null && entry.total) {
      entry.progress.update(data.totalCompleted, data.totalFailed, entry.total);
    }
  }

  function onState(state) {
    // after a drop the feed resumes where it was; the list is read again for what it cannot
    // replay (a batch deleted meanwhile)
    if (state === 'live' && feed && feed.reconnected) refresh();
    if (state === 'reconnecting' && feed) feed.reconnected = true;
    if (state === 'error') message.textContent = 'Live updates are unavailable; reload the page to try again.';
  }

  // Rows are kept and updated in place, so a live update never replaces what the user is on.
  function row(batch) {
    let entry = rowsById.get(batch.id);
    if (!entry) {
      const progress = createProgress();
      entry = {
        progress,
        link: el('a', { href: `#/batch/${batch.id}` }),
        course: el('span', { class: 'course-title hint' }),
        status: el('td'),
        eta: el('td', { class: 'eta' }),
        created: el('td', { text: time(batch.createdAt) }),
        shownStatus: null,
      };
      entry.node = el('tr', { 'data-batch-id': batch.id },
        el('td', {}, entry.link, entry.course), entry.status, el('td', {}, progress.node), entry.eta, entry.created);
      rowsById.set(batch.id, entry);
    }
    entry.link.textContent = batch.name || `Untitled batch of ${time(batch.createdAt)}`;
    entry.course.textContent = batch.courseTitle || '';
    if (entry.shownStatus !== batch.status) {
      entry.status.replaceChildren(badge(batch.status));
      entry.shownStatus = batch.status;
    }
    entry.total = batch.totalItems;
    entry.progress.update(batch.completedItems, batch.failedItems, batch.totalItems);
    entry.eta.textContent = batch.status === 'running' ? duration(batch.etaSeconds) : '—';
    return entry.node;
  }

  feed = openStream({
    url: '/api/v1/generation/events',
    token: api.token,
    onEvent,
    onState,
    isFinished: () => stopped,
  });
  refresh();
  return () => {
    stopped = true;
    clearTimeout(reloading);
    feed.close();
  };
}
