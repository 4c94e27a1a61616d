/*
 * Progressive enhancement for server-rendered intake forms (templates/intake/includes/form_step.html).
 *
 * Without this script every field whose rule depends on an answer in the same step is shown with an
 * "Answer only if ..." note, and the server discards the answer when the rule does not hold. With it,
 * such fields (marked with data-visible-if-field / -operator / -value) are shown and hidden as the
 * patient answers. A hidden field gets the `hidden` attribute, which removes it from view, from the
 * tab order and from assistive technology. The comparison mirrors `rule_matches` in cms/intake/rules.py.
 *
 * It also hides the "Answer only if ..." notes (they are for the form without this script), moves
 * focus to the error summary when a step comes back with errors, and shows a red-flag rule's urgent
 * advice (elements with data-red-flag-field / -operator / -value, rendered hidden) as soon as an
 * answer matches; without the script the server shows that advice on the next step.
 */
(function () {
  "use strict";

  var NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

  function toNumber(text) {
    text = String(text).trim();
    return NUMBER.test(text) ? Number(text) : null;
  }

  function isEmpty(value) {
    return value === null || value === "" || (Array.isArray(value) && value.length === 0);
  }

  function ruleMatches(operator, expected, value) {
    if (isEmpty(value)) return false;
    expected = expected.trim();
    if (operator === "contains") {
      if (Array.isArray(value)) return value.indexOf(expected) !== -1;
      return value.toLowerCase().indexOf(expected.toLowerCase()) !== -1;
    }
    var number = Array.isArray(value) ? null : toNumber(value);
    var expectedNumber = toNumber(expected);
    if (operator === "at_least") {
      if (!Array.isArray(value) && expected.length === 10 && expected[4] === "-") {
        return value >= expected; // ISO dates order as strings
      }
      return number !== null && expectedNumber !== null && number >= expectedNumber;
    }
    if (Array.isArray(value)) return value.length === 1 && value[0] === expected;
    if (number !== null && expectedNumber !== null) return number === expectedNumber;
    return value.toLowerCase() === expected.toLowerCase();
  }

  /* The answer as the server would read it: a string, a list of strings, or null. */
  function currentValue(form, name) {
    var inputs = Array.prototype.filter.call(form.elements, function (el) {
      return el.name === name && el.type !== "hidden";
    });
    if (!inputs.length) return null;
    var first = inputs[0];
    if (first.type === "radio") {
      var checked = inputs.filter(function (el) { return el.checked; })[0];
      return checked ? checked.value : null;
    }
    if (first.type === "checkbox") {
      if (!first.hasAttribute("value")) return first.checked ? "yes" : "no"; // a single yes/no box
      return inputs.filter(function (el) { return el.checked; }).map(function (el) { return el.value; });
    }
    if (first.tagName === "SELECT" && first.multiple) {
      return Array.prototype.filter.call(first.options, function (o) { return o.selected; })
        .map(function (o) { return o.value; });
    }
    return first.value;
  }

  function update(form) {
    var hiddenNames = {};
    // Document order: a field hidden earlier counts as unanswered for the rules that follow it.
    form.querySelectorAll("[data-field-name]").forEach(function (wrapper) {
      var controller = wrapper.getAttribute("data-visible-if-field");
      if (controller) {
        var value = hiddenNames[controller] ? null : currentValue(form, controller);
        wrapper.hidden = !ruleMatches(
          wrapper.getAttribute("data-visible-if-operator"),
          wrapper.getAttribute("data-visible-if-value") || "",
          value
        );
      }
      if (wrapper.hidden) hiddenNames[wrapper.getAttribute("data-field-name")] = true;
    });
  }

  function updateRedFlags(form) {
    form.querySelectorAll("[data-red-flag-field]").forEach(function (advice) {
      var name = advice.getAttribute("data-red-flag-field");
      var wrapper = form.querySelector('[data-field-name="' + name + '"]');
      var value = wrapper && wrapper.hidden ? null : currentValue(form, name);
      var matches = ruleMatches(
        advice.getAttribute("data-red-flag-operator"),
        advice.getAttribute("data-red-flag-value") || "",
        value
      );
      if (matches && advice.hidden) advice.setAttribute("role", "alert");
      advice.hidden = !matches;
    });
  }

  function enhance(form) {
    if (form.hasAttribute("data-intake-live")) return;
    form.setAttribute("data-intake-live", "");
    form.querySelectorAll(".intake-hint--conditional").forEach(function (hint) {
      hint.hidden = true;
      form.querySelectorAll('[aria-describedby~="' + hint.id + '"]').forEach(function (input) {
        var ids = input.getAttribute("aria-describedby").split(/\s+/).filter(function (id) {
          return id && id !== hint.id;
        });
        if (ids.length) input.setAttribute("aria-describedby", ids.join(" "));
        else input.removeAttribute("aria-describedby");
      });
    });
    var summary = form.querySelector("[data-intake-error-summary]");
    if (summary) summary.focus();
    var refresh = function () { update(form); updateRedFlags(form); };
    form.addEventListener("change", refresh);
    form.addEventListener("input", refresh);
    refresh();
  }

  document.querySelectorAll("form.intake-form").forEach(enhance);
})();
