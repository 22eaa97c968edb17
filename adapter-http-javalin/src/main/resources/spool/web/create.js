// The create form, in seed 003's two forms: questions generated for a course, or a list of items
// (typed as rows, or read from a CSV file of name,prompt). The course and its SLOs and concepts are
// picked by code and title from the catalogue; raw ids stay available for courses it does not know.
// The server's field errors are shown next to their fields, and an item's next to its row.
import { el } from './format.js';
import { coursePicker } from './picker.js';

const FIELDS = ['name', 'courseId', 'targetCount', 'questionType', 'scope', 'difficultyDistribution',
  'items', 'concurrency', 'maxRetries', 'budgetUsd'];
const MAX_NAME = 200;
const MAX_PROMPT = 20000;

export function renderCreate({ api, view, navigate, onUnauthorized }) {
  // one alert for the form (the summary); each field's own error is tied to its control instead
  const errors = Object.fromEntries(FIELDS.map((f) => [f, el('span', { class: 'field-error', id: `error-${f}` })]));
  const general = el('div', { class: 'error-box', id: 'form-error', hidden: true, role: 'alert' });
  const sum = el('span', { id: 'mix-sum', class: 'hint', 'aria-live': 'polite' });

  const input = (id, attributes = {}) => el('input', { id, name: id, ...attributes });
  const field = (id, label, control, errorKey = id, hint = null) =>
    el('div', { class: 'field', 'data-field': errorKey },
      el('label', { for: control.id, text: label }), control,
      hint ? el('span', { class: 'hint', text: hint }) : null,
      errors[errorKey]);

  const controls = {
    name: input('name', { type: 'text', maxlength: MAX_NAME, placeholder: 'Cardiology week 3' }),
    courseId: input('courseId', { type: 'text', placeholder: '00000000-0000-0000-0000-000000000000' }),
    targetCount: input('targetCount', { type: 'number', value: 20, min: 1 }),
    questionType: el('select', { id: 'questionType', name: 'questionType' },
      el('option', { value: 'single_best_answer', text: 'Single best answer' })),
    sloIds: el('textarea', { id: 'sloIds', rows: 2, placeholder: 'one UUID per line' }),
    conceptIds: el('textarea', { id: 'conceptIds', rows: 2, placeholder: 'one UUID per line' }),
    easy: input('easy', { type: 'number', value: 30, min: 0, max: 100 }),
    medium: input('medium', { type: 'number', value: 50, min: 0, max: 100 }),
    hard: input('hard', { type: 'number', value: 20, min: 0, max: 100 }),
    concurrency: input('concurrency', { type: 'number', value: 5, min: 1 }),
    maxRetries: input('maxRetries', { type: 'number', value: 2, min: 0, max: 10 }),
    budgetUsd: input('budgetUsd', { type: 'number', min: 0.01, step: 0.01, placeholder: 'no limit' }),
    csv: input('items-csv', { type: 'file', accept: '.csv,text/csv' }),
  };
  const picker = coursePicker({ api, onUnauthorized, idsInput: controls.courseId,
    sloInput: controls.sloIds, conceptInput: controls.conceptIds, describedBy: 'error-courseId' });

  // the controls each error belongs to: marked aria-invalid, and described by the error's text
  const CONTROLS_OF = {
    name: ['name'], courseId: ['courseId'], targetCount: ['targetCount'], questionType: ['questionType'],
    scope: ['sloIds', 'conceptIds'], difficultyDistribution: ['easy', 'medium', 'hard'], items: ['csv'],
    concurrency: ['concurrency'], maxRetries: ['maxRetries'], budgetUsd: ['budgetUsd'],
  };
  for (const [key, names] of Object.entries(CONTROLS_OF)) {
    names.forEach((n) => controls[n].setAttribute('aria-describedby', `error-${key}`));
  }
  function markInvalid(key, invalid) {
    const targets = CONTROLS_OF[key].map((n) => controls[n]);
    if (key === 'courseId') targets.push(picker.input);
    if (key === 'scope') targets.push(...picker.scopeControls());
    targets.forEach((control) => {
      if (invalid) control.setAttribute('aria-invalid', 'true');
      else control.removeAttribute('aria-invalid');
    });
  }
  const newCourse = el('button', { type: 'button', class: 'action', text: 'New id',
    onclick: () => { controls.courseId.value = crypto.randomUUID(); picker.clear(); } });
  const submit = el('button', { type: 'submit', class: 'action primary', id: 'create-submit', text: 'Create batch' });

  // which form: generation (the default) or a list of items
  const kindGeneration = el('input', { type: 'radio', name: 'kind', id: 'kind-generation', value: 'generation', checked: true });
  const kindItems = el('input', { type: 'radio', name: 'kind', id: 'kind-items', value: 'items' });
  const kindChoice = el('fieldset', { class: 'field kind-choice' },
    el('legend', { text: 'What to create' }),
    el('div', { class: 'row' },
      el('label', { class: 'choice', for: 'kind-generation' }, kindGeneration, ' Questions generated for the course'),
      el('label', { class: 'choice', for: 'kind-items' }, kindItems, ' A list of items, each with its own prompt')));

  const rawIds = el('details', { class: 'raw-ids', id: 'raw-ids' },
    el('summary', { text: 'Enter ids instead' }),
    el('p', { class: 'hint', text: 'For a course the catalogue does not list. Picking from the catalogue fills these in.' }),
    el('div', { class: 'field' },
      el('label', { for: 'courseId', text: 'Course id' }),
      el('div', { class: 'row' }, controls.courseId, newCourse)),
    el('div', { class: 'row generation-only' },
      el('div', { class: 'field' }, el('label', { for: 'sloIds', text: 'SLO ids' }), controls.sloIds),
      el('div', { class: 'field' }, el('label', { for: 'conceptIds', text: 'Concept ids' }), controls.conceptIds)));
  picker.onEmptyCatalogue(() => { rawIds.open = true; });

  // the item list: rows typed here, or lines of a CSV file
  const rowsBody = el('tbody', { id: 'item-rows' });
  const itemCount = el('p', { id: 'item-count', class: 'count-preview', 'aria-live': 'polite' });
  const csvProblems = el('div', { id: 'csv-problems', hidden: true });
  const itemsSection = el('div', { class: 'field items-only', 'data-field': 'items', hidden: true },
    el('h2', { text: 'Items' }),
    el('p', { class: 'hint', text: 'Each item is one call to the model: a name you will recognise, and the prompt it is sent.' }),
    el('div', { class: 'table-scroll' },
      el('table', { class: 'item-table' },
        el('thead', {}, el('tr', {}, el('th', { text: '#' }), el('th', { text: 'Name' }), el('th', { text: 'Prompt' }), el('th', {}, el('span', { class: 'visually-hidden', text: 'Remove' })))),
        rowsBody)),
    el('div', { class: 'controls' },
      el('button', { type: 'button', class: 'action', id: 'add-item', text: 'Add item',
        onclick: () => { addRow('', ''); rowsBody.lastElementChild.querySelector('input').focus(); updateCount(); } })),
    el('div', { class: 'field csv-field' },
      el('label', { for: 'items-csv', text: 'Or read them from a CSV file' }),
      controls.csv,
      el('span', { class: 'hint', text: 'Two columns, name and prompt, one item per line; a first line "name,prompt" is skipped. The file\'s items replace the rows above.' })),
    csvProblems, errors.items, itemCount);

  const generationSection = el('div', { class: 'generation-only' },
    el('div', { class: 'row' },
      field('targetCount', 'Target count', controls.targetCount),
      field('questionType', 'Question type', controls.questionType)),
    el('fieldset', { class: 'field', 'data-field': 'difficultyDistribution' },
      el('legend', { text: 'Difficulty distribution (%)' }),
      el('div', { class: 'row' },
        ['easy', 'medium', 'hard'].map((d) => el('div', { class: 'field' },
          el('label', { for: d, text: d[0].toUpperCase() + d.slice(1) }), controls[d]))),
      sum, errors.difficultyDistribution));

  const form = el('form', { class: 'card', id: 'create-form', novalidate: true },
    general,
    field('name', 'Name', controls.name),
    kindChoice,
    el('div', { class: 'field', 'data-field': 'courseId' },
      el('label', { for: picker.input.id, text: 'Course' }),
      picker.element, errors.courseId),
    el('div', { class: 'field generation-only', 'data-field': 'scope' },
      picker.scopeElement, errors.scope),
    rawIds,
    generationSection,
    itemsSection,
    el('div', { class: 'row' },
      field('concurrency', 'Concurrency', controls.concurrency),
      field('maxRetries', 'Max retries', controls.maxRetries),
      field('budgetUsd', 'Budget (US dollars, optional)', controls.budgetUsd)),
    submit);

  view.replaceChildren(el('h1', { text: 'New batch' }), form);

  function kind() {
    return kindItems.checked ? 'items' : 'generation';
  }
  function showKind() {
    const items = kind() === 'items';
    form.querySelectorAll('.generation-only').forEach((n) => { n.hidden = items; });
    itemsSection.hidden = !items;
    if (items && rowsBody.children.length === 0) addRow('', '');
    updateCount();
  }
  kindGeneration.addEventListener('change', showKind);
  kindItems.addEventListener('change', showKind);

  // --- item rows ---------------------------------------------------------------------------
  function addRow(name, prompt, line = null) {
    const number = rowsBody.children.length + 1;
    const nameInput = el('input', { type: 'text', maxlength: MAX_NAME, 'aria-label': `Item ${number} name`, value: name });
    const promptInput = el('textarea', { rows: 2, maxlength: MAX_PROMPT, 'aria-label': `Item ${number} prompt` });
    promptInput.value = prompt;
    const rowError = el('span', { class: 'field-error', id: `item-error-${number}` });
    nameInput.setAttribute('aria-describedby', rowError.id);
    promptInput.setAttribute('aria-describedby', rowError.id);
    const remove = el('button', { type: 'button', class: 'action small', 'aria-label': `Remove item ${number}`, text: '×' });
    const row = el('tr', { class: 'item-input', 'data-line': line },
      el('td', { class: 'index', text: line ? `${number} (line ${line})` : String(number) }),
      el('td', {}, nameInput),
      el('td', {}, promptInput, rowError),
      el('td', {}, remove));
    remove.addEventListener('click', () => {
      const next = row.nextElementSibling || row.previousElementSibling;
      row.remove();
      renumber();
      updateCount();
      (next?.querySelector('input') || form.querySelector('#add-item')).focus();
    });
    nameInput.addEventListener('input', updateCount);
    promptInput.addEventListener('input', updateCount);
    rowsBody.append(row);
  }
  function renumber() {
    [...rowsBody.children].forEach((row, i) => {
      const line = row.dataset.line;
      row.querySelector('.index').textContent = line ? `${i + 1} (line ${line})` : String(i + 1);
      row.querySelector('input').setAttribute('aria-label', `Item ${i + 1} name`);
      row.querySelector('textarea').setAttribute('aria-label', `Item ${i + 1} prompt`);
      row.querySelector('button').setAttribute('aria-label', `Remove item ${i + 1}`);
    });
  }
  function listedItems() {
    return [...rowsBody.children]
      .map((row) => ({ name: row.querySelector('input').value.trim(), prompt: row.querySelector('textarea').value.trim() }))
      .filter((item) => item.name !== '' || item.prompt !== '');
  }
  function updateCount() {
    if (kind() !== 'items') return;
    const count = listedItems().length;
    itemCount.textContent = count === 0 ? 'No items yet.'
      : `${count} ${count === 1 ? 'item' : 'items'} will be created.`;
  }

  controls.csv.addEventListener('change', async () => {
    const file = controls.csv.files[0];
    if (!file) return;
    const text = await file.text();
    readCsv(text);
  });

  // Reads name,prompt lines with PapaParse: each good line becomes a row, each bad one is listed
  // with its line number and what is wrong, and is left out.
  function readCsv(text) {
    text = text.replace(/^\uFEFF/, '');
    const parsed = window.Papa.parse(text, { skipEmptyLines: 'greedy' });
    const problems = [];
    const good = [];
    // the line each record starts on: PapaParse gives records, not lines
    const lineStarts = [0];
    for (let i = 0; i < text.length; i += 1) if (text[i] === '\n') lineStarts.push(i + 1);
    const lineAt = (offset) => {
      let low = 0;
      let high = lineStarts.length - 1;
      while (low < high) {
        const mid = Math.ceil((low + high) / 2);
        if (lineStarts[mid] <= offset) low = mid; else high = mid - 1;
      }
      return low + 1;
    };
    const starts = recordStarts(text);
    parsed.data.forEach((record, i) => {
      const at = lineAt(starts[i] ?? text.length);
      if (i === 0 && record.length === 2 && record[0].trim().toLowerCase() === 'name'
          && record[1].trim().toLowerCase() === 'prompt') return;
      const name = (record[0] ?? '').trim();
      const prompt = (record[1] ?? '').trim();
      let problem = null;
      if (record.length !== 2) problem = `has ${record.length} ${record.length === 1 ? 'column' : 'columns'}; it needs two, name and prompt (put a prompt with commas in double quotes)`;
      else if (name === '') problem = 'the name is empty';
      else if (prompt === '') problem = 'the prompt is empty';
      else if (name.length > MAX_NAME) problem = `the name is longer than ${MAX_NAME} characters`;
      else if (prompt.length > MAX_PROMPT) problem = `the prompt is longer than ${MAX_PROMPT.toLocaleString()} characters`;
      if (problem) problems.push({ line: at, problem, text: record.join(',') });
      else good.push({ name, prompt, line: at });
    });
    parsed.errors.filter((e) => e.type === 'Quotes').forEach((e) => {
      problems.push({ line: lineAt(starts[e.row] ?? text.length), problem: 'a quote is not closed', text: '' });
    });
    rowsBody.replaceChildren();
    good.forEach((item) => addRow(item.name, item.prompt, item.line));
    if (good.length === 0) addRow('', '');
    csvProblems.replaceChildren();
    csvProblems.hidden = problems.length === 0;
    if (problems.length > 0) {
      csvProblems.append(
        el('p', { class: 'error-text', text: `${problems.length} ${problems.length === 1 ? 'line was' : 'lines were'} left out. Fix ${problems.length === 1 ? 'it' : 'them'} in the file and choose it again, or add the items by hand:` }),
        el('ul', { class: 'csv-problem-list' }, problems.sort((a, b) => a.line - b.line).map((p) =>
          el('li', { 'data-line': p.line },
            el('strong', { text: `Line ${p.line}: ` }), p.problem,
            p.text ? el('code', { class: 'csv-line', text: p.text.length > 120 ? `${p.text.slice(0, 120)}…` : p.text }) : null))));
    }
    updateCount();
    itemCount.textContent = `${itemCount.textContent.replace(/\.$/, '')}, read from ${controls.csv.files[0]?.name || 'the file'}.`;
  }

  // where each CSV record starts, as a character offset: a line break outside quotes ends one
  function recordStarts(text) {
    const starts = [];
    let inQuotes = false;
    let atStart = true;
    for (let i = 0; i < text.length; i += 1) {
      const c = text[i];
      // a line of only spaces is no record (PapaParse skips it too)
      if (atStart && !/\s/.test(c)) { starts.push(i); atStart = false; }
      if (c === '"') inQuotes = !inQuotes;
      else if ((c === '\n' || c === '\r') && !inQuotes) atStart = true;
    }
    return starts;
  }

  // --- generation ---------------------------------------------------------------------------
  function mixTotal() {
    return ['easy', 'medium', 'hard'].reduce((total, d) => total + (Number(controls[d].value) || 0), 0);
  }
  function checkMix() {
    const total = mixTotal();
    sum.textContent = `Sum: ${total}%`;
    const wrong = kind() === 'generation' && total !== 100;
    errors.difficultyDistribution.textContent = wrong ? `The three values must sum to 100 (now ${total}).` : '';
    form.querySelector('[data-field="difficultyDistribution"]').classList.toggle('invalid', wrong);
    markInvalid('difficultyDistribution', wrong);
    return !wrong;
  }
  ['easy', 'medium', 'hard'].forEach((d) => controls[d].addEventListener('input', checkMix));
  checkMix();

  function number(control) {
    const text = control.value.trim();
    return text === '' ? undefined : Number(text);
  }
  function ids(control) {
    return control.value.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
  }
  function clearErrors() {
    general.hidden = true;
    FIELDS.forEach((f) => { errors[f].textContent = ''; markInvalid(f, false); });
    form.querySelectorAll('.invalid').forEach((n) => n.classList.remove('invalid'));
    rowsBody.querySelectorAll('.field-error').forEach((n) => { n.textContent = ''; });
    rowsBody.querySelectorAll('[aria-invalid]').forEach((n) => n.removeAttribute('aria-invalid'));
  }
  // the rows sent, in order: a server error items[3].prompt belongs to the fourth of them
  let sentRows = [];
  function showError(fieldPath, message) {
    const item = /^items\[(\d+)\]\.(name|prompt)$/.exec(fieldPath);
    if (item && sentRows[Number(item[1])]) {
      const row = sentRows[Number(item[1])];
      const rowError = row.querySelector('.field-error');
      rowError.textContent = rowError.textContent ? `${rowError.textContent} ${message}` : message;
      row.querySelector(item[2] === 'name' ? 'input' : 'textarea').setAttribute('aria-invalid', 'true');
      form.querySelector('[data-field="items"]').classList.add('invalid');
      return true;
    }
    const key = FIELDS.find((f) => fieldPath === f || fieldPath.startsWith(`${f}.`) || fieldPath.startsWith(`${f}[`));
    if (!key) return false;
    errors[key].textContent = errors[key].textContent ? `${errors[key].textContent} ${message}` : message;
    form.querySelector(`[data-field="${key}"]`)?.classList.add('invalid');
    markInvalid(key, true);
    if (key === 'courseId' && !picker.chosen()) rawIds.open = true;
    return true;
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors();
    if (!checkMix()) {
      controls.easy.focus();
      return;
    }
    const body = {
      courseId: controls.courseId.value.trim() || undefined,
      concurrency: number(controls.concurrency),
      maxRetries: number(controls.maxRetries),
    };
    if (kind() === 'items') {
      sentRows = [...rowsBody.children].filter((row) =>
        row.querySelector('input').value.trim() !== '' || row.querySelector('textarea').value.trim() !== '');
      body.items = listedItems();
      if (body.items.length === 0) {
        showError('items', 'Add at least one item, or choose a CSV file.');
        general.textContent = 'Please correct the field marked below.';
        general.hidden = false;
        form.querySelector('#add-item').focus();
        return;
      }
    } else {
      Object.assign(body, {
        targetCount: number(controls.targetCount),
        scope: { sloIds: ids(controls.sloIds), conceptIds: ids(controls.conceptIds) },
        questionType: controls.questionType.value,
        difficultyDistribution: { easy: number(controls.easy), medium: number(controls.medium), hard: number(controls.hard) },
      });
    }
    if (controls.name.value.trim()) body.name = controls.name.value.trim();
    if (controls.budgetUsd.value.trim()) body.budgetUsd = Number(controls.budgetUsd.value);
    submit.disabled = true;
    try {
      const created = await api.post('/api/v1/generation/batch', body);
      navigate(`#/batch/${created.batchId}`);
    } catch (e) {
      if (e.status === 401) {
        onUnauthorized();
        return;
      }
      const details = e.details || [];
      const unplaced = details.filter((d) => !showError(d.field, d.message));
      // one alert says how many fields need attention; each field says what is wrong with it
      general.textContent = unplaced.length > 0 ? unplaced.map((d) => d.message).join(' ')
        : details.length > 0 ? `Please correct ${details.length === 1 ? 'the field marked below' : `the ${details.length} fields marked below`}.`
          : e.message;
      general.hidden = false;
      form.querySelector('[aria-invalid="true"]')?.focus();
    } finally {
      submit.disabled = false;
    }
  });
  showKind();
  controls.name.focus();
  return () => picker.close();
}
