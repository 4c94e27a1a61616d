// One renderer per section type: (value, context) → Element. Section values are each block's
// get_api_representation (cms/blocks/*.py). Register a plugin's renderer with
// `renderers.my_type = (value) => …` before render().

import { figure, h, link, list, richText } from "./dom.js";
import { intakeForm } from "./intake.js";

function heading(text, level = "h2") {
  return text ? h(level, {}, text) : null;
}

export const renderers = {
  hero(value) {
    return h(
      "div",
      { class: "hero" },
      h(
        "div",
        {},
        h("h1", {}, value.heading),
        h("p", { class: "intro" }, value.intro),
        value.tagline ? h("p", { class: "tagline" }, value.tagline) : null,
        link(value.call_to_action),
      ),
      figure(value.image, { eager: true }),
    );
  },

  condition_basics(value) {
    const outlook = value.recovery_outlook;
    const column = (title, items) => h("div", {}, h("h3", {}, title), list(items));
    return h(
      "div",
      {},
      heading(value.heading),
      h(
        "div",
        { class: "basics" },
        column("Symptoms", value.symptoms),
        column("Causes", value.causes),
        column("Treatments", value.treatments),
        outlook
          ? h(
              "div",
              {},
              h("h3", {}, "Recovery outlook"),
              h("p", {}, outlook.level_label || outlook.level),
              outlook.text ? h("p", { class: "help" }, outlook.text) : null,
            )
          : null,
      ),
    );
  },

  symptom_list(value) {
    return h(
      "div",
      {},
      heading(value.heading),
      value.intro ? h("p", {}, value.intro) : null,
      (value.groups || []).map((group) =>
        h(
          "div",
          { class: "symptom-group" },
          h("h3", {}, group.region_label || group.custom_label || group.region),
          group.description ? h("p", {}, group.description) : null,
          list(group.items),
        ),
      ),
      value.warning ? h("p", { class: "warning", role: "note" }, value.warning) : null,
    );
  },

  cause_list(value) {
    return h(
      "div",
      {},
      heading(value.heading),
      value.intro ? h("p", {}, value.intro) : null,
      h(
        "dl",
        {},
        (value.causes || []).map((cause) => [
          h("dt", {}, h("strong", {}, cause.title)),
          h("dd", {}, cause.description),
        ]),
      ),
      value.less_common_causes ? h("p", { class: "help" }, value.less_common_causes) : null,
    );
  },

  treatment_tiers(value) {
    return h(
      "div",
      {},
      heading(value.heading),
      value.intro ? h("p", {}, value.intro) : null,
      h(
        "ol",
        { class: "tiers" },
        (value.tiers || []).map((tier) =>
          h(
            "li",
            { class: `tier tier--${tier.intensity}` },
            h("span", { class: "intensity" }, tier.intensity_label || tier.intensity),
            h("h3", {}, tier.name),
            figure(tier.image, { sizes: "(max-width: 40rem) 100vw, 30rem" }),
            h("p", {}, tier.description),
            list(tier.examples),
            tier.relief_notes ? h("p", {}, h("strong", {}, "Relief: "), tier.relief_notes) : null,
            tier.recovery_notes
              ? h("p", {}, h("strong", {}, "Recovery: "), tier.recovery_notes)
              : null,
            link(tier.link, "more"),
          ),
        ),
      ),
    );
  },

  call_to_action(value) {
    return h(
      "div",
      { class: "cta" },
      heading(value.heading),
      value.text ? h("p", {}, value.text) : null,
      link(value.link),
    );
  },

  rich_text(value) {
    return h("div", {}, heading(value.heading), richText(value.body));
  },

  faq(value) {
    return h(
      "div",
      { class: "faq" },
      heading(value.heading),
      (value.items || []).map((item) =>
        h("details", {}, h("summary", {}, item.question), richText(item.answer)),
      ),
    );
  },

  intake_form(value, context) {
    return intakeForm(value, context);
  },
};

/** Render one body item ({type, id, value}) or return null (with a warning) if unknown. */
export function renderSection(item, context) {
  const render = renderers[item.type];
  if (!render) {
    console.warn(`Skipping section ${item.id} of unknown type "${item.type}".`);
    return null;
  }
  const value = item.value || {};
  return h(
    "section",
    { id: value.anchor || null, class: `section section--${item.type}`, "data-section-type": item.type },
    render(value, context),
  );
}
