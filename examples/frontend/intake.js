// The intake_form section: renders the form schema embedded in the page response one step at a
// time (with a progress bar), shows and hides questions and steps by their visibility rules,
// shows a red-flag rule's urgent message as soon as an answer matches it, and submits JSON to the
// intake API with a form token fetched from the uncached token endpoint, showing the API's
// per-field errors next to the fields (on their step).

import { h } from "./dom.js";

const INPUT_TYPES = { singleline: "text", email: "email", phone: "tel", date: "date", number: "number" };
const MULTIPLE = new Set(["checkboxes", "bodyregion"]);

function newIdempotencyKey() {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(16).slice(2)}`;
}

/** Mirrors cms/intake/forms.py rule_matches(): whether an answer satisfies a rule. */
export function ruleMatches(rule, value) {
  if (value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length)) {
    return false;
  }
  let expected = String(rule.value ?? "").trim();
  if (typeof value === "boolean") {
    value = value ? "yes" : "no";
    expected = { true: "yes", false: "no" }[expected.toLowerCase()] ?? expected.toLowerCase();
  }
  if (rule.operator === "contains") {
    return Array.isArray(value)
      ? value.includes(expected)
      : String(value).toLowerCase().includes(expected.toLowerCase());
  }
  if (rule.operator === "at_least") {
    if (typeof value === "string" && /^\d{4}-\d\d-\d\d$/.test(expected)) return value >= expected;
    return Number(value) >= Number(expected);
  }
  if (Array.isArray(value)) return value.length === 1 && value[0] === expected;
  if (expected !== "" && !Number.isNaN(Number(value)) && !Number.isNaN(Number(expected))) {
    return Number(value) === Number(expected);
  }
  return String(value).toLowerCase() === expected.toLowerCase();
}

function control(field, id) {
  const common = { id, name: field.name, "aria-describedby": `${id}-help ${id}-error` };
  switch (field.type) {
    case "multiline":
      return h("textarea", { ...common, rows: 4, maxlength: field.max_length, placeholder: field.placeholder || null });
    case "dropdown":
      return h(
        "select",
        common,
        h("option", { value: "" }, "—"),
        field.choices.map((c) => h("option", { value: c.value, selected: c.value === field.default }, c.label)),
      );
    case "painscale": {
      const options = [];
      for (let n = field.min ?? 0; n <= (field.max ?? 10); n += 1) options.push(h("option", { value: n }, n));
      return h("select", common, h("option", { value: "" }, "—"), options);
    }
    case "radio":
    case "checkboxes":
    case "bodyregion":
    case "yesno": {
      const choices =
        field.type === "yesno"
          ? [{ value: "yes", label: "Yes" }, { value: "no", label: "No" }]
          : field.choices;
      const type = MULTIPLE.has(field.type) ? "checkbox" : "radio";
      return h(
        "div",
        { class: "choices", role: type === "radio" ? "radiogroup" : "group", "aria-labelledby": `${id}-label` },
        choices.map((c, i) =>
          h(
            "label",
            {},
            h("input", { type, name: field.name, value: c.value, id: i === 0 ? id : null, checked: c.value === field.default }),
            ` ${c.label}`,
          ),
        ),
      );
    }
    case "consent":
      return h("input", { ...common, type: "checkbox", value: "yes" });
    default:
      return h("input", {
        ...common,
        type: INPUT_TYPES[field.type] || "text",
        maxlength: field.max_length,
        min: field.min,
        max: field.max,
        step: field.type === "number" ? "any" : null,
        placeholder: field.placeholder || null,
        value: field.default ?? null,
      });
  }
}

function readAnswer(form, field) {
  if (MULTIPLE.has(field.type)) {
    return [...form.querySelectorAll(`input[name="${field.name}"]:checked`)].map((i) => i.value);
  }
  if (field.type === "consent") return form.elements[field.name].checked;
  if (field.type === "yesno" || field.type === "radio") {
    const checked = form.querySelector(`input[name="${field.name}"]:checked`);
    if (!checked) return undefined;
    return field.type === "yesno" ? checked.value === "yes" : checked.value;
  }
  const raw = form.elements[field.name].value.trim();
  if (raw === "") return undefined;
  if (field.json_type === "integer") return Number.parseInt(raw, 10);
  if (field.json_type === "number") return Number(raw);
  return raw;
}

export function intakeForm(value, context) {
  const schema = value.form;
  if (!schema) return null;
  const slug = schema.slug;
  const fields = schema.steps.flatMap((step) => step.fields.map((field) => ({ field, step })));
  const errorBox = h("div", { class: "error", role: "alert", hidden: true });

  const fieldsets = schema.steps.map((step) =>
    h(
      "fieldset",
      { "data-step": step.title },
      step.title ? h("legend", {}, step.title) : null,
      step.fields.map((field) => {
        const id = `${slug}-${field.name}`;
        const labelText = field.type === "consent" ? schema.consent?.text || field.label : field.label;
        // A group of radios or checkboxes is named by aria-labelledby, not by a <label for>.
        const grouped = MULTIPLE.has(field.type) || field.type === "radio" || field.type === "yesno";
        const label = h(
          grouped ? "span" : "label",
          { class: "label", for: grouped ? null : id, id: `${id}-label` },
          labelText,
          field.required ? " *" : "",
        );
        const input = control(field, id);
        const row = field.type === "consent"
          ? h("div", { class: "field", "data-field": field.name }, input, " ", label)
          : h("div", { class: "field", "data-field": field.name }, label, input);
        row.append(
          h("p", { class: "help", id: `${id}-help` }, field.help_text || null),
          h("p", { class: "error", id: `${id}-error`, hidden: true }),
        );
        return row;
      }),
    ),
  );

  const honeypotName = schema.honeypot_field;
  const back = h("button", { type: "button", class: "button button--secondary" }, "Back");
  const submit = h("button", { type: "submit", class: "button" }, "Next");
  const progressText = h("p", { id: `${slug}-progress` });
  const progress = h("progress", { "aria-labelledby": `${slug}-progress` });
  const urgentBox = h("div", { class: "urgent", "aria-live": "assertive" });
  const form = h(
    "form",
    { class: "intake", novalidate: true, "data-form": slug },
    value.intro ? h("p", {}, value.intro) : null,
    errorBox,
    urgentBox,
    h("div", { class: "progress" }, progressText, progress),
    fieldsets,
    honeypotName
      ? h("div", { class: "honeypot", "aria-hidden": "true" },
          h("label", {}, "Leave empty", h("input", { name: honeypotName, tabindex: -1, autocomplete: "off" })))
      : null,
    h("div", { class: "actions" }, back, submit),
  );
  let current = 0;

  function answers() {
    const result = {};
    for (const { field, step } of fields) {
      const row = form.querySelector(`[data-field="${field.name}"]`);
      if (row.hidden || !stepVisible(schema.steps.indexOf(step))) continue;
      const answer = readAnswer(form, field);
      if (answer !== undefined && !(Array.isArray(answer) && !answer.length)) result[field.name] = answer;
    }
    return result;
  }

  function currentAnswers() {
    const result = {};
    for (const { field } of fields) result[field.name] = readAnswer(form, field);
    return result;
  }

  function stepVisible(index) {
    const rule = schema.steps[index].visible_if;
    return !rule || ruleMatches(rule, currentAnswers()[rule.field]);
  }

  function visibleSteps() {
    return schema.steps.map((_, i) => i).filter(stepVisible);
  }

  function applyVisibility() {
    const values = currentAnswers();
    fieldsets.forEach((fieldset, i) => { fieldset.hidden = i !== current; });
    for (const { field } of fields) {
      const row = form.querySelector(`[data-field="${field.name}"]`);
      row.hidden = Boolean(field.visible_if) && !ruleMatches(field.visible_if, values[field.visible_if.field]);
    }
    const steps = visibleSteps();
    const position = steps.indexOf(current) + 1;
    progressText.textContent = `Step ${position} of ${steps.length}`;
    progress.max = steps.length;
    progress.value = position;
    back.hidden = position <= 1;
    submit.textContent = position === steps.length ? "Send" : "Next";
    showRedFlags();
  }

  // Red flags: the schema's rules, checked on every answer, so the advice shows at once.
  function showRedFlags() {
    const given = answers();
    const messages = [...new Set((schema.red_flags || [])
      .filter((rule) => rule.field in given && ruleMatches(rule, given[rule.field]))
      .map((rule) => rule.message))];
    urgentBox.replaceChildren(
      ...messages.map((message) =>
        h("div", { class: "urgent-message", role: "alert" }, h("h3", {}, "Urgent: please act now"), h("p", {}, message))),
    );
  }

  function missingOnStep() {
    const errors = {};
    const given = answers();
    for (const field of schema.steps[current].fields) {
      const row = form.querySelector(`[data-field="${field.name}"]`);
      if (field.required && !row.hidden && !(field.name in given && given[field.name] !== false)) {
        errors[field.name] = "Answer this question.";
      }
    }
    return errors;
  }

  function goTo(index) {
    current = index;
    applyVisibility();
    fieldsets[current].querySelector("input, select, textarea")?.focus();
  }

  function showErrors(detail, fieldErrors) {
    form.querySelectorAll(".field .error").forEach((p) => { p.hidden = true; p.textContent = ""; });
    const names = Object.keys(fieldErrors || {});
    const owner = schema.steps.findIndex((step) => step.fields.some((f) => names.includes(f.name)));
    if (owner !== -1 && owner !== current) { current = owner; applyVisibility(); }
    let first = null;
    for (const [name, message] of Object.entries(fieldErrors || {})) {
      const p = form.querySelector(`#${CSS.escape(`${slug}-${name}`)}-error`);
      if (!p) continue;
      p.textContent = message;
      p.hidden = false;
      first ??= form.querySelector(`[name="${name}"]`);
    }
    errorBox.textContent = detail || "";
    errorBox.hidden = !detail;
    (first || errorBox).focus?.();
  }

  // The page JSON is cached and shared, so it holds no token: this visitor's form token comes from
  // the uncached token endpoint, asked for as the form is shown (the minimum fill time starts there).
  const tokenUrl = schema.token_url || `/api/v3/intake/forms/${slug}/token`;
  const fetchToken = () =>
    fetch(context.apiUrl(tokenUrl), { cache: "no-store" })
      .then((response) => (response.ok ? response.json() : Promise.reject(response)))
      .then((data) => data.form_token)
      .catch(() => schema.form_token || null);
  let token = fetchToken();

  back.addEventListener("click", () => {
    const steps = visibleSteps();
    goTo(steps[Math.max(steps.indexOf(current) - 1, 0)]);
  });
  form.addEventListener("input", applyVisibility);
  form.addEventListener("change", applyVisibility);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const steps = visibleSteps();
    const next = steps[steps.indexOf(current) + 1];
    if (next !== undefined) {
      // Between steps only required answers are checked here; the API checks everything on Send.
      const missing = missingOnStep();
      if (Object.keys(missing).length) {
        showErrors("Please answer the questions marked below.", missing);
        return;
      }
      showErrors("", {});
      goTo(next);
      return;
    }
    submit.disabled = true;
    let formToken = await token;
    if (!formToken) formToken = await (token = fetchToken());
    const body = { answers: answers(), form_token: formToken, page: context.page.id };
    if (honeypotName) body[honeypotName] = form.elements[honeypotName].value;
    try {
      const response = await fetch(context.apiUrl(schema.submit_url), {
        method: "POST",
        headers: { "Content-Type": "application/json", "Idempotency-Key": newIdempotencyKey() },
        body: JSON.stringify(body),
      });
      const result = await response.json().catch(() => ({}));
      if (response.ok) {
        const urgent = urgentBox.cloneNode(true);
        form.replaceWith(h("div", {}, urgent, h("p", { class: "success", role: "status" }, result.message || schema.success_message)));
        return;
      }
      showErrors(result.detail || `The form could not be sent (${response.status}).`, result.field_errors);
    } catch (error) {
      showErrors("The form could not be sent. Check your connection and try again.");
    } finally {
      submit.disabled = false;
    }
  });
  applyVisibility();
  return h("div", {}, value.heading ? h("h2", {}, value.heading) : null, form);
}
