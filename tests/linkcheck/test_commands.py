"""``manage.py check_reference_links``, as cron runs it."""

import pytest
from django.core.management import call_command

from cms.linkcheck.models import ReferenceLink

pytestmark = pytest.mark.live


def test_checks_every_live_link_and_lists_the_broken_ones(cited_site, page_citing, capsys):
    page_citing(cited_site.url("/ok"), cited_site.url("/missing"))

    call_command("check_reference_links")

    out = capsys.readouterr().out
    assert "Checked 2 link(s); 1 broken." in out
    assert f"404  {cited_site.url('/missing')}" in out
    assert ReferenceLink.objects.broken().get().url == cited_site.url("/missing")


def test_checks_one_page(cited_site, page_citing, capsys):
    page = page_citing(cited_site.url("/missing"))
    page_citing(cited_site.url("/ok"))

    call_command("check_reference_links", "--page", str(page.pk))

    assert "Checked 1 link(s); 1 broken." in capsys.readouterr().out
    assert [link.url for link in ReferenceLink.objects.all()] == [cited_site.url("/missing")]


def test_can_hand_the_check_to_the_task_worker(cited_site, page_citing, capsys):
    page_citing(cited_site.url("/ok"))

    call_command("check_reference_links", "--enqueue")

    assert "Queued the link check" in capsys.readouterr().out
    # The test settings run queued tasks at once.
    assert ReferenceLink.objects.get().status_code == 200
