// The create form: seed 001's fields, the difficulty mix checked inline (it must sum to 100),
// and the server's field errors shown next to their fields.
import { el } from './format.js';

const FIELDS = ['name', 'courseId', 'targetCount', 'questionType', 'scope', 'difficultyDistribution',
  'concurrency', 'maxRetries', 'budgetUsd'];

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
    name: input('name', { type: 'text', maxlength: 200, placeholder: 'Cardiology week 3' }),
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
  };
  // the controls each error belongs to: marked aria-invalid, and described by the error's text
  const CONTROLS_OF = {
    name: ['name'], courseId: ['courseId'], targetCount: ['targetCount'], questionType: ['questionType'],
    scope: ['sloIds', 'conceptIds'], difficultyDistribution: ['easy', 'medium', 'hard'],
    concurrency: ['concurrency'], maxRetries: ['maxRetries'], budgetUsd: ['budgetUsd'],
  };
  for (const [key, names] of Object.entries(CONTROLS_OF)) {
    names.forEach((n) => controls[n].setAttribute('aria-describedby', `error-${key}`));
  }
  function markInvalid(key, invalid) {
    CONTROLS_OF[key].forEach((n) => {
      if (invalid) controls[n].setAttribute('aria-invalid', 'true');
      else controls[n].removeAttribute('aria-invalid');
    });
  }
  const newCourse = el('button', { type: 'button', class: 'action', text: 'New id',
    onclick: () => { controls.courseId.value = crypto.randomUUID(); } });
  const submit = el('button', { type: 'submit', class: 'action primary', id: 'create-submit', text: 'Create batch' });

  const form = el('form', { class: 'card', id: 'create-form', novalidate: true },
    general,
    field('name', 'Name', controls.name),
    el('div', { class: 'field', 'data-field': 'courseId' },
      el('label', { for: 'courseId', text: 'Course id' }),
      el('div', { class: 'row' }, controls.courseId, newCourse), errors.courseId),
    el('div', { class: 'row' },
      field('targetCount', 'Target count', controls.targetCount),
      field('questionType', 'Question type', controls.questionType)),
    el('div', { class: 'row' },
      field('sloIds', 'Scope: SLO ids', controls.sloIds, 'scope'),
      el('div', { class: 'field' }, el('label', { for: 'conceptIds', text: 'Scope: concept ids' }), controls.conceptIds)),
    el('fieldset', { class: 'field', 'data-field': 'difficultyDistribution' },
      el('legend', { text: 'Difficulty distribution (%)' }),
      el('div', { class: 'row' },
        ['easy', 'medium', 'hard'].map((d) => el('div', { class: 'field' },
          el('label', { for: d, text: d[0].toUpperCase() + d.slice(1) }), controls[d]))),
      sum, errors.difficultyDistribution),
    el('div', { class: 'row' },
      field('concurrency', 'Concurrency', controls.concurrency),
      field('maxRetries', 'Max retries', controls.maxRetries),
      field('budgetUsd', 'Budget (US dollars, optional)', controls.budgetUsd)),
    submit);

  view.replaceChildren(el('h1', { text: 'New batch' }), form);

  function mixTotal() {
    return ['easy', 'medium', 'hard'].reduce((total, d) => total + (Number(controls[d].value) || 0), 0);
  }
  function checkMix() {
    const total = mixTotal();
    sum.textContent = `Sum: ${total}%`;
    const wrong = total !== 100;
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
  }
  function showError(fieldPath, message) {
    const key = FIELDS.find((f) => fieldPath === f || fieldPath.startsWith(`${f}.`) || fieldPath.startsWith(`${f}[`));
    if (!key) return false;
    errors[key].textContent = errors[key].textContent ? `${errors[key].textContent} ${message}` : message;
    form.querySelector(`[data-field="${key}"]`)?.classList.add('invalid');
    markInvalid(key, true);
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
      targetCount: number(controls.targetCount),
      scope: { sloIds: ids(controls.sloIds), conceptIds: ids(controls.conceptIds) },
      questionType: controls.questionType.value,
      difficultyDistribution: { easy: number(controls.easy), medium: number(controls.medium), hard: number(controls.hard) },
      concurrency: number(controls.concurrency),
      maxRetries: number(controls.maxRetries),
    };
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
  controls.name.focus();
  return () => {};
}
