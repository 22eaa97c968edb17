// Batch list and history: status filter, live progress of active batches, a link to each.
import { ACTIVE, badge, createProgress, duration, el, time } from './format.js';

const STATUSES = ['pending', 'running', 'paused', 'completed', 'completed_with_errors', 'failed', 'cancelled'];

export function renderList({ api, view, onUnauthorized }) {
  let status = new URLSearchParams(location.hash.split('?')[1] || '').get('status') || '';
  let timer = null;
  let stopped = false;
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
    clearTimeout(timer);
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
      const active = rows.some((b) => ACTIVE.includes(b.status));
      timer = setTimeout(refresh, active ? 1000 : 5000);
    } catch (e) {
      if (e.status === 401) onUnauthorized();
      else {
        message.textContent = e.message;
        timer = setTimeout(refresh, 5000);
      }
    }
  }

  // Rows are kept and updated in place, so a live update never replaces what the user is on.
  function row(batch) {
    let entry = rowsById.get(batch.id);
    if (!entry) {
      const progress = createProgress();
      entry = {
        progress,
        link: el('a', { href: `#/batch/${batch.id}` }),
        status: el('td'),
        eta: el('td', { class: 'eta' }),
        created: el('td', { text: time(batch.createdAt) }),
        shownStatus: null,
      };
      entry.node = el('tr', { 'data-batch-id': batch.id },
        el('td', {}, entry.link), entry.status, el('td', {}, progress.node), entry.eta, entry.created);
      rowsById.set(batch.id, entry);
    }
    entry.link.textContent = batch.name || batch.id.slice(0, 8);
    if (entry.shownStatus !== batch.status) {
      entry.status.replaceChildren(badge(batch.status));
      entry.shownStatus = batch.status;
    }
    entry.progress.update(batch.completedItems, batch.failedItems, batch.totalItems);
    entry.eta.textContent = batch.status === 'running' ? duration(batch.etaSeconds) : '—';
    return entry.node;
  }

  refresh();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
