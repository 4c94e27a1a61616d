// Reference front-end for the condition pages API: zero build, one request per page.
//
//   index.html?path=/conditions/failed-back-surgery-syndrome/[&api=https://cms.example.com]
//
// Fetches the page by path from Wagtail's v3 API (/api/v3/pages/find/?html_path=…), then renders
// the page shell (title, breadcrumbs, JSON-LD, related conditions, medical review) and every
// body section with the renderers in sections.js.

import { h, pageHref } from "./dom.js";
import { renderSection } from "./sections.js";

const params = new URLSearchParams(window.location.search);
const apiBase = (params.get("api") ?? document.querySelector('meta[name="cms-api"]')?.content ?? "")
  .replace(/\/+$/, "");

/** An API path (or absolute URL) resolved against the CMS origin. */
export function apiUrl(path) {
  return /^https?:\/\//.test(path) ? path : `${apiBase}${path}`;
}

export class PageNotFound extends Error {}

export async function fetchPage(path) {
  const url = apiUrl(`/api/v3/pages/find/?html_path=${encodeURIComponent(path)}`);
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  if (response.status === 404) throw new PageNotFound(`No page at ${path}`);
  if (!response.ok) throw new Error(`The CMS answered ${response.status} for ${path}`);
  return response.json();
}

function setMeta(page) {
  document.title = page.meta?.seo_title || page.title;
  const description = page.meta?.search_description || page.short_summary || "";
  document.querySelector('meta[name="description"]')?.setAttribute("content", description);
  if (page.jsonld) {
    const script = h("script", { type: "application/ld+json" });
    script.textContent = JSON.stringify(page.jsonld);
    document.head.append(script);
  }
}

function renderBreadcrumbs(page) {
  const nav = document.getElementById("breadcrumbs");
  if (!page.breadcrumbs?.length) return;
  nav.replaceChildren(
    h(
      "ol",
      {},
      page.breadcrumbs.map((crumb) => h("li", {}, h("a", { href: pageHref(crumb.path) }, crumb.title))),
      h("li", { "aria-current": "page" }, page.title),
    ),
  );
  nav.hidden = false;
}

function renderRelated(page) {
  const aside = document.getElementById("related");
  if (!page.related_conditions?.length) return;
  aside.replaceChildren(
    h("h2", {}, "Related conditions"),
    h(
      "ul",
      {},
      page.related_conditions.map((related) =>
        h(
          "li",
          {},
          h("a", { href: pageHref(related.path) }, related.title),
          related.short_summary || related.summary ? h("p", {}, related.short_summary || related.summary) : null,
        ),
      ),
    ),
  );
  aside.hidden = false;
}

function renderReview(page) {
  const footer = document.getElementById("review");
  // Only a real approval of this version names a reviewer (status "reviewed").
  const review = page.review;
  if (!review || review.status !== "reviewed") return;
  const credentials = review.reviewer_credentials ? `, ${review.reviewer_credentials}` : "";
  const date = review.last_reviewed ? ` on ${new Date(review.last_reviewed).toLocaleDateString()}` : "";
  footer.replaceChildren(h("p", {}, `Medically reviewed by ${review.reviewer_name}${credentials}${date}.`));
  footer.hidden = false;
}

export function renderPage(page, main = document.getElementById("page")) {
  const context = { page, apiUrl };
  const sections = (page.body || []).map((item) => renderSection(item, context)).filter(Boolean);
  if (!(page.body || []).some((item) => item.type === "hero")) {
    sections.unshift(h("h1", {}, page.title)); // every page keeps one h1
  }
  main.replaceChildren(...sections);
  setMeta(page);
  renderBreadcrumbs(page);
  renderRelated(page);
  renderReview(page);
}

async function main() {
  const main = document.getElementById("page");
  try {
    renderPage(await fetchPage(params.get("path") || "/"), main);
    if (window.location.hash) document.getElementById(window.location.hash.slice(1))?.scrollIntoView();
  } catch (error) {
    document.title = error instanceof PageNotFound ? "Page not found" : "Something went wrong";
    main.replaceChildren(
      h("h1", {}, document.title),
      h("p", { class: "status", role: "alert" }, error.message),
    );
    if (!(error instanceof PageNotFound)) console.error(error);
  } finally {
    main.removeAttribute("aria-busy");
    document.body.dataset.ready = "true"; // for tests and crawlers: rendering is done
  }
}

main();
