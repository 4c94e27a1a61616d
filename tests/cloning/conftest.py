"""Builders for cloning tests: a template whose every kind of text holds placeholders."""

import pytest
from wagtail.models import APIToken

from cms.cloning.models import ConditionTemplate, TemplatePlaceholder
from tests.factories import ConditionPageFactory, ImageFactory


def template_body(image, linked_page):
    """Raw section JSON with placeholders in plain text, rich text, nested list items and alt
    text, plus non-text values (an image, a page link) that a clone must keep."""
    return [
        {
            "type": "hero",
            "id": "hero-id",
            "value": {
                "heading": "Relief for {{ condition }}",
                "intro": "{{ condition }} ({{ condition_short }}) affects the {{ body_area }}.",
                "tagline": "",
                "image": {"image": image.pk, "alt_text": "Drawing of the {{ body_area }}"},
                "call_to_action": {"label": "Get relief", "page": None, "anchor": "cta", "url": ""},
                "anchor": "",
            },
        },
        {
            "type": "rich_text",
            "id": "rich-text-id",
            "value": {
                "heading": "What is {{ condition }}?",
                "body": "<p>{{ condition }} is <b>common</b> in the {{ body_area }}.</p>",
                "anchor": "",
            },
        },
        {
            "type": "symptom_list",
            "id": "symptoms-id",
            "value": {
                "heading": "Symptoms of {{ condition_short }}",
                "intro": "",
                "groups": [
                    {
                        "type": "item",
                        "id": "group-id",
                        "value": {
                            "region": "lumbar",
                            "custom_label": "",
                            "description": "",
                            "items": [
                                {"type": "item", "id": "item-1", "value": "Pain"},
                                {
                                    "type": "item",
                                    "id": "item-2",
                                    "value": "{{ condition_short }} pain in the {{ body_area }}",
                                },
                            ],
                        },
                    }
                ],
                "warning": "",
                "anchor": "",
            },
        },
        {
            "type": "call_to_action",
            "id": "cta-id",
            "value": {
                "heading": "Living with {{ condition }}",
                "text": "",
                "link": {"label": "Read more", "page": linked_page.pk, "anchor": "", "url": ""},
                "anchor": "cta",
            },
        },
    ]


@pytest.fixture
def image(db):
    return ImageFactory()


@pytest.fixture
def linked_page(condition_index):
    return ConditionPageFactory(parent=condition_index, title="Sciatica", slug="sciatica")


@pytest.fixture
def make_template(image, linked_page):
    def make(name="Spine condition", body=None, **fields):
        template = ConditionTemplate(
            name=name,
            short_summary="About {{ condition }}.",
            **fields,
        )
        template.body = body if body is not None else template_body(image, linked_page)
        template.save()
        TemplatePlaceholder.objects.create(
            template=template, key="condition_short", label="Short name", default="{{ condition }}"
        )
        TemplatePlaceholder.objects.create(template=template, key="body_area", label="Body area")
        return template

    return make


@pytest.fixture
def template(make_template):
    return make_template()


@pytest.fixture
def marketer_client(client, marketer):
    client.force_login(marketer)
    return client


def bearer(user):
    _token, plaintext = APIToken.create_token(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {plaintext}"}
