// The course picker: a combobox (WAI-ARIA 1.2 pattern, list autocomplete) over the catalogue's
// search, and, once a course is chosen, its SLOs and concepts as checkboxes that can be filtered.
// It writes what is picked into the raw id fields, which stay the single source of the request.
import { el } from './format.js';

const SHOWN = 8;
const FILTER_FROM = 8;

export function coursePicker({ api, onUnauthorized, idsInput, sloInput, conceptInput, describedBy }) {
  const input = el('input', {
    id: 'course-search', type: 'text', role: 'combobox', autocomplete: 'off',
    'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': 'course-options',
    'aria-describedby': `course-hint ${describedBy}`, placeholder: 'Search by course code or title',
  });
  const list = el('ul', { id: 'course-options', role: 'listbox', class: 'options', 'aria-label': 'Courses', hidden: true });
  const hint = el('span', { id: 'course-hint', class: 'hint', text: 'Type a code or words of the title, then choose with the arrow keys and Enter.' });
  const status = el('span', { class: 'visually-hidden', 'aria-live': 'polite' });
  const element = el('div', { class: 'combobox' }, input, list, hint, status);
  const scopeElement = el('div', { class: 'scope-picker', id: 'scope-picker' });

  let results = [];
  let active = -1;
  let chosen = null;
  let searchTimer = null;
  let searchSeq = 0;
  let closed = false;
  const emptyCallbacks = [];

  function open(show) {
    list.hidden = !show;
    input.setAttribute('aria-expanded', String(show));
    if (!show) {
      active = -1;
      input.removeAttribute('aria-activedescendant');
    }
  }

  function renderResults() {
    list.replaceChildren(...results.map((course, i) => el('li', {
      id: `course-option-${i}`, role: 'option', class: 'option', 'aria-selected': String(i === active),
      'data-course-id': course.id,
      onmousedown: (event) => { event.preventDefault(); choose(course); },
    }, el('span', { class: 'option-code', text: course.code }), ' ', el('span', { text: course.title }))));
    if (results.length === 0) {
      list.append(el('li', { class: 'option empty', role: 'option', 'aria-disabled': 'true', text: 'No course matches. Enter its id under "Enter ids instead".' }));
    }
    status.textContent = results.length === 0 ? 'No courses match.'
      : `${results.length} ${results.length === 1 ? 'course' : 'courses'} found.`;
    open(true);
  }

  async function search(query) {
    const seq = ++searchSeq;
    try {
      const found = await api.get(`/api/v1/catalogue/courses?limit=${SHOWN}&q=${encodeURIComponent(query)}`);
      if (seq !== searchSeq || closed) return null;
      return found;
    } catch (e) {
      if (e.status === 401) onUnauthorized();
      return null;
    }
  }

  async function refresh() {
    const found = await search(input.value.trim());
    if (!found) return;
    results = found.items;
    active = -1;
    renderResults();
  }

  function move(step) {
    if (list.hidden) {
      refresh();
      return;
    }
    if (results.length === 0) return;
    active = (active + step + results.length) % results.length;
    [...list.children].forEach((node, i) => node.setAttribute('aria-selected', String(i === active)));
    input.setAttribute('aria-activedescendant', `course-option-${active}`);
    list.children[active].scrollIntoView({ block: 'nearest' });
  }

  input.addEventListener('input', () => {
    if (chosen && input.value !== label(chosen)) unchoose();
    clearTimeout(searchTimer);
    searchTimer = setTimeout(refresh, 150);
  });
  input.addEventListener('focus', () => { if (!chosen) refresh(); });
  input.addEventListener('blur', () => open(false));
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown') { event.preventDefault(); move(1); }
    else if (event.key === 'ArrowUp') { event.preventDefault(); move(-1); }
    else if (event.key === 'Enter' && !list.hidden && active >= 0) { event.preventDefault(); choose(results[active]); }
    else if (event.key === 'Escape' && !list.hidden) { event.preventDefault(); open(false); }
  });
  idsInput.addEventListener('input', () => {
    if (chosen && idsInput.value.trim() !== chosen.id) unchoose(false);
  });

  function label(course) {
    return `${course.code} — ${course.title}`;
  }

  async function choose(course) {
    chosen = course;
    input.value = label(course);
    idsInput.value = course.id;
    open(false);
    status.textContent = `${label(course)} chosen.`;
    scopeElement.replaceChildren(el('p', { class: 'muted', text: 'Loading the course\'s outcomes and concepts…' }));
    try {
      const detail = await api.get(`/api/v1/catalogue/courses/${course.id}`);
      if (chosen !== course || closed) return;
      scopeElement.replaceChildren(
        topicGroup('slos', 'Student learning outcomes', detail.slos, sloInput),
        topicGroup('concepts', 'Concepts', detail.concepts, conceptInput));
    } catch (e) {
      if (e.status === 401) onUnauthorized();
      scopeElement.replaceChildren(el('p', { class: 'error-text', text: 'The course\'s outcomes and concepts could not be loaded. Enter their ids instead.' }));
    }
  }

  function unchoose(clearIds = true) {
    chosen = null;
    scopeElement.replaceChildren();
    if (clearIds) idsInput.value = '';
  }

  // One kind of topic as checkboxes; checking one adds its id to the raw field, keeping any ids
  // typed there by hand that are not this course's.
  function topicGroup(key, title, topics, target) {
    const legend = el('legend', { text: title });
    if (topics.length === 0) {
      return el('fieldset', { class: 'topics', 'data-topics': key }, legend,
        el('p', { class: 'hint', text: `The catalogue lists no ${title.toLowerCase()} for this course.` }));
    }
    const own = new Set(topics.map((t) => t.id));
    const already = new Set(target.value.split(/[\s,]+/).filter(Boolean));
    const boxes = topics.map((topic) => {
      const id = `${key}-${topic.id}`;
      const box = el('input', { type: 'checkbox', id, value: topic.id, checked: already.has(topic.id) });
      box.addEventListener('change', sync);
      return el('li', { 'data-text': `${topic.code} ${topic.title}`.toLowerCase() },
        el('label', { for: id, class: 'topic' }, box, el('span', { class: 'option-code', text: topic.code }), ' ', topic.title));
    });
    function sync() {
      const kept = target.value.split(/[\s,]+/).filter((v) => v && !own.has(v));
      const checked = boxes.map((li) => li.querySelector('input')).filter((b) => b.checked).map((b) => b.value);
      target.value = [...kept, ...checked].join('\n');
      count.textContent = `${checked.length} of ${topics.length} chosen`;
    }
    const count = el('span', { class: 'hint', 'aria-live': 'polite' });
    const filter = topics.length >= FILTER_FROM
      ? el('input', { type: 'search', class: 'topic-filter', 'aria-label': `Filter ${title.toLowerCase()}`, placeholder: `Filter ${title.toLowerCase()}` })
      : null;
    filter?.addEventListener('input', () => {
      const words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
      boxes.forEach((li) => { li.hidden = !words.every((w) => li.dataset.text.includes(w)); });
    });
    const all = el('button', { type: 'button', class: 'action small', text: 'Choose all shown',
      onclick: () => { boxes.filter((li) => !li.hidden).forEach((li) => { li.querySelector('input').checked = true; }); sync(); } });
    const none = el('button', { type: 'button', class: 'action small', text: 'Clear',
      onclick: () => { boxes.forEach((li) => { li.querySelector('input').checked = false; }); sync(); } });
    const group = el('fieldset', { class: 'topics', 'data-topics': key }, legend,
      el('div', { class: 'toolbar' }, filter, all, none, count),
      el('ul', { class: 'topic-list' }, boxes));
    sync();
    return group;
  }

  // with nothing in the catalogue, say so and let the caller open the raw fields
  search('').then((found) => {
    if (found && found.items.length === 0) {
      input.placeholder = 'The catalogue lists no courses yet';
      hint.textContent = 'Enter the course\'s id under "Enter ids instead", or ask an administrator to import the catalogue.';
      emptyCallbacks.forEach((callback) => callback());
    }
  });

  return {
    element,
    input,
    scopeElement,
    scopeControls: () => [...scopeElement.querySelectorAll('input[type=checkbox]')],
    chosen: () => chosen,
    clear: () => { if (chosen) { chosen = null; input.value = ''; scopeElement.replaceChildren(); } },
    onEmptyCatalogue: (callback) => emptyCallbacks.push(callback),
    close: () => { closed = true; clearTimeout(searchTimer); },
  };
}
