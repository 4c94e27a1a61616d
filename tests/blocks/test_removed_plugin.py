"""Content whose section plugin was uninstalled: skipped and logged, never a 500."""

import logging

import pytest
from django.db import connection
from wagtail import blocks, hooks

from cms.blocks import SectionBlock
from cms.pages.models import ConditionPage
from tests.factories import ConditionPageFactory, publish_approved


class GhostBlock(SectionBlock):
    heading = blocks.CharBlock()

    class Meta:
        template = "blocks/rich_text.html"


def register_ghost(registry):
    registry.register("ghost", GhostBlock())


@pytest.fixture
def orphaned_page(condition_index):
    """A published page (and its revision) holding a section whose plugin is then removed."""
    with hooks.register_temporarily("register_page_sections", register_ghost):
        page = ConditionPageFactory(
            parent=condition_index, body__0="hero", body__0__hero__heading="Still here"
        )
        page.body.append(("ghost", {"heading": "Boo from a removed plugin"}))
        publish_approved(page)
    # Reading the field drops unknown sections, so look at what the database itself holds.
    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM pages_conditionpage WHERE page_ptr_id = %s", [page.pk])
        assert "Boo from a removed plugin" in str(cursor.fetchone()[0])
    assert "Boo from a removed plugin" in str(page.latest_revision.content["body"])
    return ConditionPage.objects.get(pk=page.pk)


@pytest.fixture
def section_warnings(caplog):
    caplog.set_level(logging.WARNING, logger="cms.sections")
    return caplog


def _assert_skipped(section_warnings):
    messages = [r.getMessage() for r in section_warnings.records if r.name == "cms.sections"]
    assert any("unknown type 'ghost'" in m for m in messages), messages


def test_public_page_skips_it(client, orphaned_page, section_warnings):
    response = client.get(orphaned_page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Still here</h1>" in html
    assert "Boo from a removed plugin" not in html
    _assert_skipped(section_warnings)


def test_admin_edit_view_opens(admin_client, orphaned_page, section_warnings):
    response = admin_client.get(f"/admin/pages/{orphaned_page.pk}/edit/")
    assert response.status_code == 200
    assert "Boo from a removed plugin" not in response.content.decode()
    _assert_skipped(section_warnings)


def test_api_v2_skips_it(client, orphaned_page, section_warnings):
    response = client.get(f"/api/v2/pages/{orphaned_page.pk}/")
    assert response.status_code == 200
    assert [s["type"] for s in response.json()["body"]] == ["hero"]
    _assert_skipped(section_warnings)


def test_api_v3_skips_it(client, orphaned_page, section_warnings):
    response = client.get(f"/api/v3/pages/{orphaned_page.pk}/")
    assert response.status_code == 200
    assert "Boo from a removed plugin" not in response.content.decode()
    _assert_skipped(section_warnings)


def test_search_indexing_and_jsonld_skip_it(orphaned_page, section_warnings):
    assert orphaned_page.jsonld()["about"]["name"] == orphaned_page.condition_name
    content = ConditionPage.body.field.get_searchable_content(orphaned_page.body)
    assert "Boo from a removed plugin" not in " ".join(content)
