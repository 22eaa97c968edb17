// Shared rendering helpers: status badges with icons and text, progress bars, times.
const STATUS = {
  pending: { icon: '○', label: 'Pending' },
  running: { icon: '▶', label: 'Running' },
  in_progress: { icon: '◔', label: 'In progress' },
  paused: { icon: '‖', label: 'Paused' },
  completed: { icon: '✓', label: 'Completed' },
  completed_with_errors: { icon: '⚠', label: 'Completed with errors' },
  failed: { icon: '✕', label: 'Failed' },
  cancelled: { icon: '⊘', label: 'Cancelled' },
};

export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (value === true) node.setAttribute(key, '');
    else node.setAttribute(key, String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function badge(status) {
  const known = STATUS[status] || { icon: '?', label: status };
  return el('span', { class: `badge status-${status}`, 'data-status': status },
    el('span', { 'aria-hidden': 'true', text: known.icon }), known.label);
}

export function statusLabel(status) {
  return (STATUS[status] || { label: status }).label;
}

export function statusIcon(status) {
  return (STATUS[status] || { icon: '?' }).icon;
}

export function progressText(completed, total) {
  const percent = total === 0 ? 0 : Math.round((completed / total) * 100);
  return `${completed}/${total} · ${percent}%`;
}

/**
 * A progress bar that is updated in place (so its width animates and assistive technology keeps
 * its place): role=progressbar with aria values, and a "6/10 · 60%" label beside it.
 */
export function createProgress(large = false) {
  const fill = el('div', { class: 'bar-fill' });
  const failedFill = el('div', { class: 'bar-failed' });
  const bar = el('div', { class: large ? 'bar large' : 'bar', role: 'progressbar', 'aria-valuemin': 0, 'aria-label': 'Progress' },
    fill, failedFill);
  const label = el('span', { class: 'progress-label' });
  const node = el('div', { class: 'progress' }, bar, label);
  function update(completed, failed, total) {
    const done = total === 0 ? 0 : (completed / total) * 100;
    const bad = total === 0 ? 0 : (failed / total) * 100;
    bar.setAttribute('aria-valuemax', String(total));
    bar.setAttribute('aria-valuenow', String(completed));
    bar.setAttribute('aria-valuetext', `${completed} of ${total} completed (${Math.round(done)}%)`
      + (failed > 0 ? `, ${failed} failed` : ''));
    fill.style.width = `${done}%`;
    failedFill.style.width = `${bad}%`;
    label.textContent = progressText(completed, total);
  }
  return { node, update };
}

export function progressBar(completed, failed, total, large = false) {
  const progress = createProgress(large);
  progress.update(completed, failed, total);
  return progress.node;
}

export function duration(seconds) {
  if (seconds === null || seconds === undefined || Number.isNaN(seconds)) return '—';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  if (h > 0) return `${h}h ${m}m ${rest}s`;
  if (m > 0) return `${m}m ${rest}s`;
  return `${rest}s`;
}

export function time(iso) {
  if (!iso) return '—';
  return new Date(iso).toLocaleString();
}

export const ACTIVE = ['pending', 'running', 'paused'];

// Every error code an item can fail with, in a sentence a faculty member can act on; the
// technical detail stays available behind a toggle.
const PLAIN = {
  batch_item_failed: 'It failed on every attempt.',
  RATE_LIMITED: 'The AI provider was too busy and asked us to slow down.',
  TIMEOUT: 'The AI provider took too long to answer.',
  CONNECTION_ERROR: 'The AI provider could not be reached.',
  PROVIDER_ERROR: 'The AI provider had a problem on its side.',
  PROVIDER_REJECTED: 'The AI provider refused this request.',
  INVALID_OUTPUT: "The AI's answer was not a usable question.",
  VALIDATION_FAILED: 'The question did not pass the quality checks.',
  GENERATOR_ERROR: 'Something went wrong while generating this question.',
  INTERRUPTED: 'It was interrupted (a server restarted) and runs again.',
};

/** A short human sentence for an item error, whatever its code. */
export function plainError(error) {
  if (!error) return 'No reason was recorded.';
  const sentence = PLAIN[error.code] || 'It could not be generated.';
  // the validation engine's own words are readable: "stem too short (26 < 80 chars)"
  const reason = (error.message || '').replace(/^[A-Za-z]+Error:\s*/, '');
  return reason && error.code !== 'RATE_LIMITED' ? `${sentence} ${capitalize(reason)}.`.replace(/\.\.$/, '.') : sentence;
}

function capitalize(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
