// Tiny DOM helpers. Text always goes in as text; only CMS rich text (sanitised by the CMS's
// rich text editor) is inserted as HTML, through richText().

/** h("p", {class: "x"}, "text", child, null) → <p class="x">text…</p>. Null children are skipped. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") {
      el.addEventListener(name.slice(2), value);
    } else if (value === true) {
      el.setAttribute(name, "");
    } else {
      el.setAttribute(name, String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false || child === "") continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function richText(html, tag = "div") {
  const el = h(tag, { class: "rich-text" });
  el.innerHTML = html || "";
  return el;
}

/** An image from the API ({src, srcset, alt, width, height}) as a responsive <img>. */
export function image(img, { sizes = "(max-width: 40rem) 100vw, 50vw", eager = false } = {}) {
  if (!img) return null;
  return h("img", {
    src: img.src,
    srcset: img.srcset || null,
    sizes: img.srcset ? sizes : null,
    alt: img.alt || "",
    width: img.width,
    height: img.height,
    loading: eager ? "eager" : "lazy",
    decoding: "async",
  });
}

export function figure(img, options) {
  return img ? h("figure", {}, image(img, options)) : null;
}

/** The address of another CMS page inside this front-end: same page, different ?path=. */
export function pageHref(path) {
  const params = new URLSearchParams(window.location.search);
  params.set("path", path);
  return `?${params}`;
}

/** A link from the API ({label, kind, href, page}) as an <a>. */
export function link(value, className = "button") {
  if (!value || !value.href) return null;
  const href = value.kind === "page" && value.page ? pageHref(value.page.path) : value.href;
  const external = value.kind === "url";
  return h(
    "a",
    { class: className, href, rel: external ? "noopener" : null },
    value.label || value.page?.title || value.href,
  );
}

export function list(items, tag = "ul") {
  return items?.length ? h(tag, {}, items.map((item) => h("li", {}, item))) : null;
}
