"""The POST data the admin's edit form sends for a page, built as the browser would build it.

Plain fields, formsets and choosers come from the edit view's HTML. Stream fields are drawn by
the admin's JavaScript, so their inputs are built here from the page's stream value, with the
same names and widget formats that the JavaScript gives them.
"""

from bs4 import BeautifulSoup
from django import forms
from wagtail import blocks
from wagtail.fields import StreamField


def html_form_data(content: str) -> dict[str, list[str]]:
    """Every successful control of the page edit form (``<form id="page-edit-form">``)."""
    soup = BeautifulSoup(content, "html.parser")
    form = soup.find("form", attrs={"data-edit-form": True}) or soup.find("form", method="post")
    data: dict[str, list[str]] = {}
    for control in form.find_all(["input", "textarea", "select"]):
        name = control.get("name")
        if not name or control.has_attr("disabled"):
            continue
        if control.name == "textarea":
            values = [control.string or ""]
        elif control.name == "select":
            selected = control.find_all("option", selected=True)
            if not selected and not control.has_attr("multiple"):
                selected = control.find_all("option")[:1]
            values = [option.get("value", option.text) for option in selected]
        elif control.get("type") in ("checkbox", "radio"):
            values = [control.get("value", "on")] if control.has_attr("checked") else []
        elif control.get("type") in ("submit", "button", "file", "image", "reset"):
            continue
        else:
            values = [control.get("value", "")]
        data.setdefault(name, []).extend(values)
    return data


def block_form_data(block, value, prefix: str) -> dict[str, object]:
    """The inputs the block editor posts for ``value`` of ``block`` under ``prefix``."""
    if isinstance(block, blocks.StreamBlock):
        data = {f"{prefix}-count": str(len(value))}
        for index, child in enumerate(value):
            item = f"{prefix}-{index}"
            data.update(
                {
                    f"{item}-type": child.block_type,
                    f"{item}-id": child.id or "",
                    f"{item}-deleted": "",
                    f"{item}-order": str(index),
                }
            )
            data.update(block_form_data(child.block, child.value, f"{item}-value"))
        return data
    if isinstance(block, blocks.ListBlock):
        items = list(value.bound_blocks) if hasattr(value, "bound_blocks") else list(value)
        data = {f"{prefix}-count": str(len(items))}
        for index, item in enumerate(items):
            item_value = getattr(item, "value", item)
            item_id = getattr(item, "id", None) or ""
            data.update(
                {
                    f"{prefix}-{index}-id": item_id,
                    f"{prefix}-{index}-deleted": "",
                    f"{prefix}-{index}-order": str(index),
                }
            )
            data.update(block_form_data(block.child_block, item_value, f"{prefix}-{index}-value"))
        return data
    if isinstance(block, blocks.StructBlock):
        data = {}
        for name, child in block.child_blocks.items():
            data.update(block_form_data(child, value.get(name), f"{prefix}-{name}"))
        return data
    field = block.field
    form_value = field.prepare_value(block.value_for_form(value))
    if isinstance(field.widget, forms.CheckboxInput):
        return {prefix: "on"} if form_value else {}
    if isinstance(form_value, list | tuple):
        return {prefix: [str(v) for v in form_value]}
    formatted = field.widget.format_value(form_value)
    return {prefix: "" if formatted is None else formatted}


def edit_form_data(client, page) -> dict[str, object]:
    """What the admin posts when ``page`` is saved from its edit view, unchanged."""
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    data: dict[str, object] = dict(html_form_data(response.content.decode()))
    for field in page._meta.get_fields():
        if isinstance(field, StreamField):
            data = {k: v for k, v in data.items() if not k.startswith(f"{field.name}-")}
            data.update(block_form_data(field.stream_block, getattr(page, field.name), field.name))
    return data
