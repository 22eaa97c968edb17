// The batch page (seed 002): progress, status breakdown, summary card, item feed and the
// controls of seed 000. State comes from the REST API first, then from the SSE stream.
import { badge, createProgress, duration, el, plainError, statusIcon, statusLabel, time } from './format.js';
import { openStream } from './stream.js';

const PAGE = 200;
const FINISHED = ['completed', 'completed_with_errors', 'failed', 'cancelled'];
const BREAKDOWN = [
  ['completed', 'Completed', 'completed'],
  ['inProgress', 'In progress', 'in_progress'],
  ['failed', 'Failed', 'failed'],
  ['pending', 'Pending', 'pending'],
  ['cancelled', 'Cancelled', 'cancelled'],
];
const SUMMARY = [
  ['course', 'Course'],
  ['target', 'Items'],
  ['mix', 'Difficulty mix'],
  ['concurrency', 'Concurrency'],
  ['retries', 'Max retries'],
  ['created', 'Created'],
  ['started', 'Started'],
  ['elapsed', 'Elapsed'],
  ['throughput', 'Throughput'],
  ['eta', 'Time remaining'],
  ['tokens', 'Tokens'],
  ['spend', 'Spend'],
  ['budget', 'Budget'],
  ['reason', 'Reason'],
];
const CONTROLS = {
  pause: { label: 'Pause', path: 'pause', allowed: (b) => b.status === 'running' },
  resume: { label: 'Resume', path: 'resume', allowed: (b) => b.status === 'paused' },
  cancel: { label: 'Cancel…', path: 'cancel', allowed: (b) => ['pending', 'running', 'paused'].includes(b.status) },
  'retry-failed': {
    label: 'Retry failed',
    path: 'retry-failed',
    allowed: (b) => ['completed_with_errors', 'failed'].includes(b.status) && b.failedItems > 0,
  },
};

export function renderBatch({ api, view, onUnauthorized }, batchId) {
  const base = `/api/v1/generation/batch/${batchId}`;
  let batch = null;
  let stream = null;
  let stopped = false;
  let busy = false;
  let detailTimer = null;
  let itemsCursor = null;
  let loadingItems = false;
  const rows = new Map();
  const ordered = [];

  const title = el('span', { id: 'batch-name', text: 'Batch', tabindex: '-1' });
  const status = el('span', { id: 'batch-status' });
  const connection = el('span', { id: 'connection', class: 'conn', role: 'status', 'aria-live': 'polite' });
  const progress = createProgress(true);
  const progressHolder = el('div', { id: 'batch-progress' }, progress.node);
  const counts = {};
  const breakdown = el('ul', { class: 'breakdown', id: 'breakdown', 'aria-label': 'Status breakdown' },
    BREAKDOWN.map(([key, label, css]) => {
      counts[key] = el('span', { class: 'count', text: '0' });
      return el('li', { 'data-count': key, class: `status-${css}` },
        el('span', { 'aria-hidden': 'true', text: statusIcon(css) }), counts[key], label);
    }));
  const summaryValues = {};
  const summaryRows = {};
  const summary = el('dl', { class: 'grid', id: 'summary' },
    SUMMARY.map(([key, label]) => {
      summaryValues[key] = el('dd', { 'data-summary': key, text: '—' });
      summaryRows[key] = [el('dt', { text: label }), summaryValues[key]];
      return summaryRows[key];
    }));
  let shownStatus = null;
  const actionError = el('div', { class: 'error-box', id: 'action-error', role: 'alert', hidden: true });
  const buttons = Object.fromEntries(Object.entries(CONTROLS).map(([key, control]) => [key,
    el('button', {
      type: 'button',
      id: `action-${key}`,
      class: key === 'cancel' ? 'action danger' : key === 'resume' ? 'action primary' : 'action',
      text: control.label,
      disabled: true,
    })]));
  const budgetInput = el('input', {
    id: 'budget-input', type: 'number', min: '0.01', step: '0.01', inputmode: 'decimal',
    'aria-describedby': 'budget-hint',
  });
  const budgetError = el('p', { class: 'error-text', id: 'budget-error', role: 'alert', hidden: true });
  const budgetForm = el('form', { id: 'budget-form', class: 'budget', hidden: true, 'aria-labelledby': 'budget-title' },
    el('h2', { id: 'budget-title', text: 'Budget used up' }),
    el('p', { id: 'budget-hint', class: 'hint',
      text: 'This batch is paused: its next call could cost more than its budget has left. '
        + 'Completed questions are kept. Raise the budget to continue.' }),
    el('label', { for: 'budget-input', text: 'New budget in US dollars' }), budgetInput,
    el('button', { type: 'submit', class: 'action primary', id: 'budget-submit', text: 'Raise budget and continue' }),
    budgetError);
  budgetForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = Number(budgetInput.value);
    if (!(value > 0)) {
      budgetError.textContent = 'Enter an amount above $0.';
      budgetError.hidden = false;
      budgetInput.setAttribute('aria-invalid', 'true');
      budgetInput.focus();
      return;
    }
    budgetError.hidden = true;
    budgetInput.removeAttribute('aria-invalid');
    try {
      const changed = await api.put(`/api/v1/generation/batch/${batchId}/budget`, { budgetUsd: value });
      Object.assign(batch, changed);
      if (changed.status === 'paused') {
        budgetError.textContent = 'That is still less than the next call is expected to cost. Enter a larger amount.';
        budgetError.hidden = false;
      }
      render();
      refreshDetailSoon(0);
    } catch (e) {
      if (e.status === 401) { onUnauthorized(); return; }
      budgetError.textContent = e.message;
      budgetError.hidden = false;
    }
  });
  // A batch created to wait for approval (by an assistant, say): nothing runs or costs until
  // its owner approves it here.
  const approvalText = el('p', { id: 'approval-summary' });
  const approveButton = el('button', { type: 'button', class: 'action primary', id: 'action-approve', text: 'Approve and run' });
  const rejectButton = el('button', { type: 'button', class: 'action danger', id: 'action-reject', text: 'Reject' });
  const approvalBox = el('section', { class: 'approval', id: 'approval', hidden: true, 'aria-labelledby': 'approval-title' },
    el('h2', { id: 'approval-title', text: 'Waiting for your approval' }),
    approvalText,
    el('p', { class: 'hint', text: 'Nothing runs and nothing is spent until you approve. Rejecting cancels the batch.' }),
    el('div', { class: 'controls' }, approveButton, rejectButton));
  let firstCallUsd = null;
  api.get('/api/v1/prices')
    .then((prices) => {
      firstCallUsd = prices.activeModel && prices.firstCallEstimateUsd > 0 ? prices.firstCallEstimateUsd : null;
      render();
    })
    .catch(() => {});
  const downloads = el('div', { class: 'controls spaced', id: 'downloads', role: 'group', 'aria-label': 'Download results' },
    el('span', { class: 'hint', text: 'Download completed questions:' }),
    ['jsonl', 'csv'].map((format) => el('button', {
      type: 'button',
      class: 'action',
      id: `download-${format}`,
      text: format === 'jsonl' ? 'JSON Lines' : 'CSV',
      onclick: () => download(format),
    })));
  async function download(format) {
    actionError.hidden = true;
    try {
      const response = await fetch(`/api/v1/generation/batch/${batchId}/results?format=${format}`,
        { headers: { Authorization: `Bearer ${api.token}` } });
      if (response.status === 401) { onUnauthorized(); return; }
      if (!response.ok) {
        const envelope = await response.json().catch(() => null);
        throw new Error((envelope && envelope.error && envelope.error.message) || `HTTP ${response.status}`);
      }
      const blob = await response.blob();
      const link = el('a', { href: URL.createObjectURL(blob), download: `${batch && batch.name ? batch.name : batchId}.${format}` });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    } catch (e) {
      actionError.textContent = `The download failed: ${e.message}`;
      actionError.hidden = false;
    }
  }
  const feed = el('ol', { class: 'items', id: 'item-feed', 'aria-label': 'Items', tabindex: 0 });
  const feedMessage = el('p', { class: 'muted', id: 'feed-message' });
  const autoScroll = el('input', { type: 'checkbox', id: 'auto-scroll', checked: true });
  const dialogText = el('p', { id: 'cancel-summary' });
  const keep = el('button', { type: 'button', class: 'action', id: 'cancel-keep', text: 'Keep running' });
  const confirm = el('button', { type: 'button', class: 'action danger solid', id: 'cancel-confirm', text: 'Cancel batch' });
  const dialog = el('dialog', { id: 'cancel-dialog', 'aria-labelledby': 'cancel-title', 'aria-describedby': 'cancel-summary' },
    el('h2', { id: 'cancel-title', text: 'Cancel this batch?' }), dialogText,
    el('p', { class: 'hint', text: 'A cancelled batch cannot be resumed.' }),
    el('div', { class: 'controls' }, keep, confirm));

  // Built now, shown once the first read has filled it in: nothing on the page moves as the
  // batch's values arrive (layout shift stays near zero on a phone).
  const page = [
    el('p', {}, el('a', { href: '#/', text: '← All batches' })),
    el('h1', {}, title, status, connection),
    el('section', { class: 'card', 'aria-label': 'Progress' },
      progressHolder, breakdown,
      el('div', { class: 'controls spaced', id: 'controls' }, Object.values(buttons)),
      approvalBox, actionError, budgetForm, downloads),
    el('section', { class: 'card', 'aria-labelledby': 'summary-title' },
      el('h2', { id: 'summary-title', text: 'Summary' }), summary),
    el('section', { class: 'card', 'aria-labelledby': 'feed-title' },
      el('div', { class: 'feed-head' },
        el('h2', { id: 'feed-title', text: 'Items' }),
        el('label', { class: 'hint' }, autoScroll, ' Follow the latest item')),
      feed, feedMessage),
    dialog];
  view.replaceChildren(el('p', { class: 'muted', text: 'Loading the batch…' }));

  // ---- rendering -------------------------------------------------------------------------

  // Everything is updated in place: no node the user (or a screen reader) is on is replaced.
  function render() {
    if (!batch) return;
    title.textContent = batch.name || `Untitled batch of ${time(batch.createdAt)}`;
    if (shownStatus !== batch.status) {
      status.replaceChildren(badge(batch.status));
      shownStatus = batch.status;
    }
    progress.update(batch.completedItems, batch.failedItems, batch.totalItems);
    counts.completed.textContent = batch.completedItems;
    counts.inProgress.textContent = batch.inProgressItems;
    counts.failed.textContent = batch.failedItems;
    counts.pending.textContent = batch.pendingItems;
    counts.cancelled.textContent = batch.cancelledItems;
    for (const [key, control] of Object.entries(CONTROLS)) {
      buttons[key].disabled = busy || !control.allowed(batch);
    }
    const waiting = batch.approval === 'required' && batch.status === 'pending';
    approvalBox.hidden = !waiting;
    if (waiting) {
      const cost = firstCallUsd == null ? ''
        : `, projected to cost about ${money(firstCallUsd * batch.totalItems)}`;
      const text = `${batch.totalItems} items${cost}.`;
      if (approvalText.textContent !== text) approvalText.textContent = text;
    }
    approveButton.disabled = busy || !waiting;
    rejectButton.disabled = busy || !waiting;
    renderSummary();
  }

  function renderSummary() {
    const config = batch.config || {};
    const mix = config.difficultyDistribution;
    const tokens = batch.tokens || { prompt: 0, completion: 0, total: 0 };
    const concurrency = batch.concurrency || { configured: config.concurrency, effective: config.concurrency };
    const values = {
      course: batch.courseTitle ? `${batch.courseTitle}` : batch.courseId,
      target: config.kind === 'items' ? `${config.itemCount} (item list)`
        : `${config.targetCount} × ${String(config.questionType || '').replaceAll('_', ' ')}`,
      mix: mix ? `easy ${mix.easy}% · medium ${mix.medium}% · hard ${mix.hard}%` : null,
      concurrency: concurrency.effective !== concurrency.configured
        ? `${concurrency.effective} of ${concurrency.configured} (slowed down by rate limits)`
        : String(concurrency.configured),
      retries: String(config.maxRetries),
      created: time(batch.createdAt),
      started: time(batch.startedAt),
      elapsed: elapsedText(),
      throughput: batch.throughput == null ? '—' : `${batch.throughput.toFixed(2)} items/s`,
      eta: batch.status === 'running' ? duration(batch.etaSeconds) : '—',
      tokens: `${tokens.total.toLocaleString()} (prompt ${tokens.prompt.toLocaleString()}, `
        + `completion ${tokens.completion.toLocaleString()})`,
      spend: money(batch.spentUsd)
        + (batch.projectedCostUsd == null ? '' : ` (projected total ${money(batch.projectedCostUsd)})`),
      budget: batch.budgetUsd == null ? 'None'
        : batch.pauseReason === 'budget_exhausted' ? `${money(batch.budgetUsd)}, used up: paused`
          : money(batch.budgetUsd),
      reason: batch.failureReason || (batch.pauseReason === 'budget_exhausted' ? 'Paused: budget exhausted' : null),
    };
    budgetForm.hidden = !(batch.status === 'paused' && batch.pauseReason === 'budget_exhausted');
    for (const [key, value] of Object.entries(values)) {
      summaryRows[key].forEach((node) => { node.hidden = value === null; });
      if (value !== null && summaryValues[key].textContent !== value) summaryValues[key].textContent = value;
    }
  }

  function money(usd) {
    if (usd == null) return '—';
    const digits = usd !== 0 && Math.abs(usd) < 0.01 ? 4 : 2;
    return new Intl.NumberFormat(undefined, {
      style: 'currency', currency: 'USD', minimumFractionDigits: digits, maximumFractionDigits: digits,
    }).format(usd);
  }

  function elapsedText() {
    if (!batch.startedAt) return '—';
    const end = batch.completedAt ? Date.parse(batch.completedAt)
      : batch.status === 'paused' && batch.pausedAt ? Date.parse(batch.pausedAt) : Date.now();
    return duration((end - Date.parse(batch.startedAt)) / 1000);
  }

  const ticker = setInterval(() => {
    if (batch) summaryValues.elapsed.textContent = elapsedText();
  }, 1000);

  // ---- the item feed ---------------------------------------------------------------------

  function upsertItem(item) {
    let entry = rows.get(item.id);
    if (!entry) {
      entry = { item: {}, node: el('li', { class: 'item', 'data-item-id': item.id }), open: false };
      rows.set(item.id, entry);
      insertInOrder(entry, item.index);
    }
    // A REST read may land after a newer event about the same item: the newer state wins.
    const known = Date.parse(entry.item.updatedAt || '');
    if (Date.parse(item.updatedAt || '') < known) return entry;
    if (entry.open && item.status !== entry.item.status) entry.open = false;
    entry.item = { ...entry.item, ...item };
    drawItem(entry);
    return entry;
  }

  function insertInOrder(entry, index) {
    let low = 0;
    let high = ordered.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (ordered[mid].index < index) low = mid + 1;
      else high = mid;
    }
    ordered.splice(low, 0, { index, entry });
    const next = ordered[low + 1];
    feed.insertBefore(entry.node, next ? next.entry.node : null);
    feedMessage.textContent = '';
  }

  function drawItem(entry) {
    const item = entry.item;
    const shown = item.status === 'pending' && item.error ? 'retrying' : item.status;
    const expandable = item.status === 'completed' || !!item.error;
    if (!entry.row) {
      entry.index = el('span', { class: 'index' });
      entry.badge = el('span');
      entry.what = el('span', { class: 'what' });
      entry.row = el('button', { type: 'button', class: 'item-row', onclick: () => toggle(entry) },
        entry.index, entry.badge, entry.what);
      entry.node.append(entry.row);
    }
    entry.node.dataset.status = shown;
    entry.node.dataset.index = item.index;
    entry.index.textContent = `#${item.index + 1}`;
    if (entry.shown !== shown) {
      entry.badge.replaceChildren(itemBadge(shown));
      entry.shown = shown;
    }
    // a completed row shows what it made: its question's first line, after its name if it has one
    const made = item.status === 'completed' && item.stemPreview ? item.stemPreview : null;
    const what = item.status === 'failed' || shown === 'retrying'
      ? plainError(item.error)
      : made ? (item.name ? `${item.name}: ${made}` : made) : item.name || item.difficulty || '';
    entry.what.textContent = `${what}${item.attempts > 1 ? ` · attempt ${item.attempts}` : ''}`;
    entry.row.disabled = !expandable;
    if (expandable) entry.row.setAttribute('aria-expanded', String(entry.open));
    else entry.row.removeAttribute('aria-expanded');
    const detail = entry.open ? entry.detail : null;
    if (entry.shownDetail !== detail) {
      if (entry.shownDetail) entry.shownDetail.remove();
      if (detail) entry.node.append(detail);
      entry.shownDetail = detail;
    }
  }

  function itemBadge(status) {
    if (status === 'retrying') {
      return el('span', { class: 'badge status-paused', 'data-status': 'retrying' },
        el('span', { 'aria-hidden': 'true', text: '↻' }), 'Retry scheduled');
    }
    if (status === 'in_progress') {
      return el('span', { class: 'badge status-in_progress', 'data-status': status },
        el('span', { 'aria-hidden': 'true', text: statusIcon(status) }), 'Generating');
    }
    return el('span', { class: `badge status-${status}`, 'data-status': status },
      el('span', { 'aria-hidden': 'true', text: statusIcon(status) }),
      status === 'completed' ? 'Passed' : statusLabel(status));
  }

  async function toggle(entry) {
    entry.open = !entry.open;
    if (entry.open) entry.detail = el('div', { class: 'item-detail muted', text: 'Loading…' });
    drawItem(entry);
    if (!entry.open) return;
    const item = entry.item;
    if (item.status === 'completed' && item.questionId) {
      try {
        entry.detail = questionView(await api.get(`/api/v1/generation/questions/${item.questionId}`));
      } catch (e) {
        if (e.status === 401) return onUnauthorized();
        entry.detail = el('div', { class: 'item-detail error-text', text: e.message });
      }
    } else {
      entry.detail = errorView(item);
    }
    if (entry.open) drawItem(entry);
  }

  function errorView(item) {
    const error = item.error || { code: 'UNKNOWN', message: 'No error was recorded.' };
    return el('div', { class: 'item-detail', 'data-detail': 'error' },
      el('p', { text: item.status === 'failed'
        ? `Tried ${item.attempts} time${item.attempts === 1 ? '' : 's'}. Use Retry failed once the batch has ended to try it again.`
        : `Tried ${item.attempts} time${item.attempts === 1 ? '' : 's'} so far; it runs again shortly.` }),
      el('details', { class: 'technical' },
        el('summary', { text: 'Technical detail' }),
        el('dl', { class: 'grid' },
          el('dt', { text: 'Error code' }), el('dd', { class: 'error-text', text: error.code }),
          el('dt', { text: 'Message' }), el('dd', { class: 'error-text', text: error.message }))));
  }

  function questionView(question) {
    return el('div', { class: 'item-detail', 'data-detail': 'question' },
      el('p', { class: 'question-stem', text: question.stem }),
      el('ol', { class: 'question-options', type: 'A' },
        question.options.map((option) => el('li', {
          class: option.label === question.correctLabel ? 'correct' : null,
          text: option.label === question.correctLabel ? `${option.text} ✓ (correct)` : option.text,
        }))),
      el('p', {}, el('strong', { text: 'Explanation: ' }), question.explanation),
      el('p', { class: 'hint', text: `${question.difficulty} · ${question.provider}/${question.model} · ${question.tokens.total} tokens` }));
  }

  function follow(entry) {
    if (!autoScroll.checked) return;
    feed.querySelectorAll('.item.recent').forEach((n) => n.classList.remove('recent'));
    entry.node.classList.add('recent');
    const top = entry.node.offsetTop - feed.offsetTop;
    feed.scrollTop = Math.max(0, top - feed.clientHeight + entry.node.offsetHeight * 2);
  }

  let resynced = false;

  async function reloadItems() {
    try {
      const page = await api.get(`${base}/items?limit=${PAGE}`);
      if (!stopped) page.items.forEach(upsertItem);
    } catch (e) {
      if (e.status === 401) onUnauthorized();
    }
  }

  async function loadMoreItems() {
    if (!itemsCursor || loadingItems || stopped) return;
    loadingItems = true;
    try {
      const page = await api.get(`${base}/items?limit=${PAGE}&cursor=${encodeURIComponent(itemsCursor)}`);
      page.items.forEach(upsertItem);
      itemsCursor = page.nextCursor;
    } catch (e) {
      if (e.status === 401) onUnauthorized();
      else feedMessage.textContent = e.message;
    } finally {
      loadingItems = false;
    }
  }

  feed.addEventListener('scroll', () => {
    if (feed.scrollTop + feed.clientHeight >= feed.scrollHeight - 200) loadMoreItems();
  });
  feed.addEventListener('wheel', (event) => {
    if (event.deltaY < 0 && autoScroll.checked) autoScroll.checked = false;
  }, { passive: true });

  // ---- state from the REST API -----------------------------------------------------------

  // What the stream keeps current. A REST read answered after an event arrived may be older
  // than that event: its values for these fields are dropped (every change to them comes with an
  // event, so the stream alone keeps them right once it is live).
  const STREAMED = ['status', 'pauseReason', 'completedItems', 'failedItems', 'pendingItems',
    'inProgressItems', 'cancelledItems', 'progress', 'etaSeconds', 'throughput', 'spentUsd',
    'projectedCostUsd', 'budgetUsd'];
  let eventsSeen = 0;

  async function loadDetail(includeItems) {
    const before = eventsSeen;
    const data = await api.get(`${base}?limit=${includeItems ? PAGE : 1}`);
    if (batch && eventsSeen !== before) {
      STREAMED.forEach((field) => { data[field] = batch[field]; });
    }
    batch = data;
    if (includeItems) {
      data.items.forEach(upsertItem);
      itemsCursor = data.itemsNextCursor;
      if (data.items.length === 0) feedMessage.textContent = 'No items yet.';
    }
    render();
  }

  // after the in-flight items have had a moment to settle
  let itemsTimer = null;
  function reloadItemsSoon() {
    if (stopped || itemsTimer) return;
    itemsTimer = setTimeout(() => {
      itemsTimer = null;
      reloadItems();
    }, 1500);
  }

  function refreshDetailSoon(delay = 250) {
    if (stopped || detailTimer) return;
    detailTimer = setTimeout(async () => {
      detailTimer = null;
      try {
        await loadDetail(false);
      } catch (e) {
        if (e.status === 401) onUnauthorized();
      }
    }, delay);
  }

  // ---- state from the stream -------------------------------------------------------------

  function applyProgress(data) {
    Object.assign(batch, {
      completedItems: data.completed,
      failedItems: data.failed,
      pendingItems: data.pending,
      inProgressItems: data.inProgress,
      cancelledItems: data.cancelled,
      totalItems: data.total,
      progress: data.progress,
      etaSeconds: data.eta_seconds,
      throughput: data.throughput,
    });
    if (data.spentUsd !== undefined) {
      Object.assign(batch, {
        spentUsd: data.spentUsd, projectedCostUsd: data.projectedCostUsd, budgetUsd: data.budgetUsd,
      });
    }
    if (data.status) batch.status = data.status;
  }

  const COUNT_OF = {
    pending: 'pendingItems', in_progress: 'inProgressItems', completed: 'completedItems', failed: 'failedItems',
  };

  // An item event moves one item between the counts at once; the next batch.progress, which
  // carries the counts themselves, corrects any drift (an item not loaded here, say).
  function itemMoved(assumedBefore, item) {
    const known = rows.get(item.id);
    const before = known ? known.item.status : assumedBefore;
    const entry = upsertItem(item);
    if (entry.item.status === item.status && before !== item.status
        && COUNT_OF[before] && COUNT_OF[item.status] && batch[COUNT_OF[before]] > 0) {
      batch[COUNT_OF[before]] -= 1;
      batch[COUNT_OF[item.status]] += 1;
    }
    follow(entry);
  }

  function onEvent(name, data) {
    if (!batch || stopped) return;
    eventsSeen += 1;
    switch (name) {
      case 'batch.progress':
        // progress carries the counts, throughput, ETA and spend: no REST read beside the stream
        applyProgress(data);
        break;
      case 'item.started':
        itemMoved('pending', { id: data.itemId, index: data.index, status: 'in_progress', attempts: data.attempt, updatedAt: data.timestamp });
        break;
      case 'item.completed':
        itemMoved('in_progress', { id: data.itemId, index: data.index, status: 'completed', questionId: data.questionId, stemPreview: data.stemPreview || null, error: null, updatedAt: data.timestamp });
        break;
      case 'item.failed':
        itemMoved('in_progress', {
          id: data.itemId,
          index: data.index,
          status: data.willRetry ? 'pending' : 'failed',
          attempts: data.attempt,
          error: { code: data.errorCode, message: data.error },
          updatedAt: data.timestamp,
        });
        break;
      // An item given back unstarted (at a pause, or cut off by a cancel) changes with no item
      // event of its own: the rows are read again once, when the batch stops or ends.
      case 'batch.complete':
        batch.status = data.status;
        batch.failureReason = data.reason;
        refreshDetailSoon(0);
        reloadItemsSoon();
        break;
      case 'batch.paused':
        batch.status = 'paused';
        batch.pauseReason = data.reason || 'requested';
        refreshDetailSoon(0);
        reloadItemsSoon();
        break;
      case 'batch.cancelled':
        batch.status = 'cancelled';
        refreshDetailSoon(0);
        reloadItemsSoon();
        break;
      case 'batch.rejected':
        batch.status = 'cancelled';
        batch.approval = null;
        refreshDetailSoon(0);
        break;
      case 'batch.approved':
        batch.approval = null;
      // falls through: approved is running
      case 'batch.started':
      case 'batch.resumed':
      case 'batch.retrying':
        batch.status = 'running';
        batch.pauseReason = null;
        refreshDetailSoon(0);
        break;
      default:
        return;
    }
    render();
  }

  function onState(state, message) {
    const text = { live: '● Live', reconnecting: '◌ Reconnecting…', ended: '■ Stream ended', error: `⚠ ${message || 'Stream error'}` }[state];
    connection.className = `conn conn-${state}`;
    connection.dataset.state = state;
    connection.textContent = text;
    if (state === 'live') {
      refreshDetailSoon(0);
      // Items that changed between the first REST read and the stream's start came in no event:
      // read the loaded rows again now that the stream is live.
      if (!resynced) {
        resynced = true;
        reloadItems();
      }
    }
  }

  function connect() {
    if (stream) stream.close();
    stream = openStream({
      url: `${base}/progress`,
      token: api.token,
      onEvent,
      onState,
      isFinished: () => batch && FINISHED.includes(batch.status),
    });
  }

  // ---- controls --------------------------------------------------------------------------

  async function act(key) {
    busy = true;
    actionError.hidden = true;
    render();
    try {
      const result = await api.post(`${base}/${CONTROLS[key].path}`);
      batch.status = result.status;
      await loadDetail(false);
      if (!FINISHED.includes(batch.status) && connection.dataset.state !== 'live'
          && connection.dataset.state !== 'reconnecting') connect();
    } catch (e) {
      if (e.status === 401) return onUnauthorized();
      actionError.textContent = e.message;
      actionError.hidden = false;
      refreshDetailSoon(0);
    } finally {
      busy = false;
      render();
      // the button just used may now be disabled: keep focus on the control that undoes it
      const next = { pause: buttons.resume, resume: buttons.pause, 'retry-failed': buttons.pause }[key];
      (next && !next.disabled ? next : title).focus();
    }
  }

  async function decide(path, focusAfter) {
    busy = true;
    actionError.hidden = true;
    render();
    try {
      const result = await api.post(`${base}/${path}`);
      batch.status = result.status;
      batch.approval = null;
      await loadDetail(false);
      if (!FINISHED.includes(batch.status) && connection.dataset.state !== 'live') connect();
    } catch (e) {
      if (e.status === 401) return onUnauthorized();
      actionError.textContent = e.message;
      actionError.hidden = false;
    } finally {
      busy = false;
      render();
      focusAfter().focus();
    }
  }
  approveButton.addEventListener('click', () => decide('approve', () => buttons.pause));
  rejectButton.addEventListener('click', () => decide('reject', () => title));

  buttons.pause.addEventListener('click', () => act('pause'));
  buttons.resume.addEventListener('click', () => act('resume'));
  buttons['retry-failed'].addEventListener('click', () => act('retry-failed'));
  buttons.cancel.addEventListener('click', () => {
    const inFlight = batch.inProgressItems > 0
      ? ` ${batch.inProgressItems} in flight will finish and be kept.` : '';
    dialogText.textContent = `${batch.pendingItems} pending items will be cancelled; `
      + `${batch.completedItems} completed items are kept.${inFlight}`;
    dialog.showModal();
    keep.focus();
  });
  keep.addEventListener('click', () => dialog.close('keep'));
  confirm.addEventListener('click', () => dialog.close('confirm'));
  dialog.addEventListener('close', () => {
    buttons.cancel.focus();
    if (dialog.returnValue === 'confirm') act('cancel');
    dialog.returnValue = '';
  });

  // ---- start -----------------------------------------------------------------------------

  (async () => {
    try {
      await loadDetail(true);
      if (stopped) return;
      connection.className = 'conn conn-connecting';
      connection.dataset.state = 'connecting';
      connection.textContent = '◌ Connecting…';
      view.replaceChildren(...page);
      connect();
    } catch (e) {
      if (e.status === 401) return onUnauthorized();
      view.replaceChildren(el('p', {}, el('a', { href: '#/', text: '← All batches' })),
        el('div', { class: 'error-box', id: 'batch-error', role: 'alert',
          text: e.status === 404 ? 'This batch does not exist, or it is not yours.' : e.message }));
    }
  })();

  return () => {
    stopped = true;
    clearInterval(ticker);
    clearTimeout(detailTimer);
    clearTimeout(itemsTimer);
    if (stream) stream.close();
    if (dialog.open) dialog.close();
  };
}
