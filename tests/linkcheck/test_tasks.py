"""The link check task against a local site: each kind of answer, and re-runs."""

import pytest

from cms.linkcheck.models import ReferenceLink
from cms.linkcheck.tasks import check_reference_links
from tests.factories import ConditionPageFactory

pytestmark = pytest.mark.live


def run_check(**kwargs):
    return check_reference_links.enqueue(**kwargs).return_value


@pytest.mark.parametrize(
    ("path", "status_code", "error", "broken"),
    [
        ("/ok", 200, "", False),
        ("/missing", 404, "", True),
        ("/moved", 200, "", False),  # 301 to /ok, followed
        ("/no-head", 200, "", False),  # HEAD refused with 405, GET answers
        ("/slow", None, "timeout", True),
    ],
)
def test_each_answer_is_recorded(cited_site, page_citing, path, status_code, error, broken):
    page = page_citing(cited_site.url(path))

    assert run_check() == {"checked": 1, "broken": int(broken)}

    link = ReferenceLink.objects.get()
    assert (link.url, link.status_code, link.error) == (cited_site.url(path), status_code, error)
    assert link.checked_at is not None
    assert link.is_broken is broken
    assert list(link.pages.all()) == [page.page_ptr]
    assert list(ReferenceLink.objects.broken()) == ([link] if broken else [])


def test_a_closed_port_is_a_refused_connection(cited_site, page_citing):
    page_citing(cited_site.closed)

    run_check()

    link = ReferenceLink.objects.get()
    assert (link.status_code, link.error, link.is_broken) == (None, "connection refused", True)


def test_requests_name_the_checker_and_fall_back_to_get_only_when_head_fails(
    cited_site, page_citing, settings
):
    settings.PUBLIC_BASE_URL = "https://conditions.example.org"
    page_citing(cited_site.url("/ok"), cited_site.url("/no-head"))

    run_check()

    assert sorted(cited_site.requests) == [
        ("GET", "/no-head", "condition-cms-linkcheck/1 (+https://conditions.example.org)"),
        ("HEAD", "/no-head", "condition-cms-linkcheck/1 (+https://conditions.example.org)"),
        ("HEAD", "/ok", "condition-cms-linkcheck/1 (+https://conditions.example.org)"),
    ]


def test_running_again_updates_the_same_rows(cited_site, page_citing):
    first = page_citing(cited_site.url("/ok"), cited_site.url("/missing"))
    page_citing(cited_site.url("/missing"))
    run_check()
    checked = dict(ReferenceLink.objects.values_list("url", "checked_at"))

    assert run_check() == {"checked": 2, "broken": 1}

    links = ReferenceLink.objects.all()
    assert len(links) == 2
    assert all(link.checked_at > checked[link.url] for link in links)
    missing = ReferenceLink.objects.get(url=cited_site.url("/missing"))
    assert missing.pages.count() == 2
    assert first.reference_links.count() == 2


def test_links_no_live_page_cites_any_more_are_dropped(cited_site, page_citing):
    page = page_citing(cited_site.url("/ok"), cited_site.url("/missing"))
    run_check()

    page.unpublish()
    run_check()

    assert not ReferenceLink.objects.exists()


def test_a_page_check_touches_only_that_pages_links(cited_site, page_citing):
    page = page_citing(cited_site.url("/ok"))
    other = page_citing(cited_site.url("/missing"))

    assert run_check(page_id=page.pk) == {"checked": 1, "broken": 0}

    assert list(ReferenceLink.objects.values_list("url", flat=True)) == [cited_site.url("/ok")]
    assert not other.reference_links.exists()


def test_a_page_check_forgets_the_citations_a_page_dropped(cited_site, page_citing):
    page = page_citing(cited_site.url("/ok"), cited_site.url("/missing"))
    kept = page_citing(cited_site.url("/missing"))
    run_check()

    only_ok = {"title": "T", "authors": "A", "publication": "P", "year": 2020}
    only_ok["url"] = cited_site.url("/ok")
    page.body = [("references", {"citations": [only_ok]})]
    page.save()
    run_check(page_id=page.pk)

    assert [link.url for link in page.reference_links.all()] == [cited_site.url("/ok")]
    assert [link.url for link in kept.reference_links.all()] == [cited_site.url("/missing")]


def test_unwritten_sections_and_drafts_are_not_checked(cited_site, page_citing):
    page_citing(cited_site.url("/missing"), body__0__references__unwritten=True)
    page_citing(cited_site.url("/missing"), live=False)

    assert run_check() == {"checked": 0, "broken": 0}
    assert not cited_site.requests


def test_pages_without_references_cite_nothing(cited_site, condition_index):
    ConditionPageFactory(parent=condition_index, body__0="hero", body__1="faq")

    assert run_check() == {"checked": 0, "broken": 0}
