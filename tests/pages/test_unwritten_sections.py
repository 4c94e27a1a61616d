"""Template guidance flagged "not written yet" is never shown and never published."""

import pytest

from cms.pages.publishing import PublishRefused, publish_problems, unwritten_sections
from tests.factories import ConditionPageFactory, SymptomListBlockFactory, approve


@pytest.fixture
def page(condition_index):
    page = ConditionPageFactory(
        parent=condition_index,
        live=False,
        title="Spinal Stenosis",
        body__0__hero__heading="Relief for Spinal Stenosis",
        body__1__symptom_list=SymptomListBlockFactory(
            heading="Symptoms of Spinal Stenosis", unwritten=True
        ),
        body__2__faq__heading="Questions patients ask",
    )
    return page


def test_an_unwritten_section_is_listed_by_label_and_heading(page):
    assert unwritten_sections(page) == ["Symptom list: Symptoms of Spinal Stenosis"]


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_the_api_never_serves_it(client, page, version):
    page.live = True
    page.save()
    body = client.get(f"/api/{version}/pages/{page.pk}/").json()["body"]
    assert [section["type"] for section in body] == ["hero", "faq"]
    assert all("unwritten" not in section["value"] for section in body)


def test_the_page_and_its_json_ld_never_show_it(client, page):
    page.live = True
    page.save()
    html = client.get(page.url).content.decode()
    assert "Relief for Spinal Stenosis" in html
    assert "Symptoms of Spinal Stenosis" not in html
    assert "signOrSymptom" not in str(page.jsonld())


def test_nobody_publishes_it_superusers_included(page, superuser):
    revision = page.save_revision(user=superuser)
    with pytest.raises(PublishRefused) as refused:
        revision.publish(user=superuser)
    assert "Symptom list: Symptoms of Spinal Stenosis" in str(refused.value)
    page.refresh_from_db()
    assert not page.live


def test_the_admin_and_bulk_paths_see_the_same_check(page):
    # The edit form, bulk publish and the API all ask publish_problems() before publishing.
    (problem,) = publish_problems(page)
    assert problem.startswith("Some sections still hold the template's writing guidance")
    assert "untick “Not written yet”" in problem


def test_once_written_it_publishes(page, superuser):
    body = page.body.raw_data
    for child in body:
        child["value"]["unwritten"] = False
    page.body = list(body)
    revision = page.save_revision(user=superuser)
    approve(page)
    revision.publish(user=superuser)
    page.refresh_from_db()
    assert page.live
