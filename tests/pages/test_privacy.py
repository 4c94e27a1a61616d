"""Which pages the public may see, with the view restrictions read once per request."""

from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from wagtail.api.querysets import get_public_pages_queryset
from wagtail.models import Page, PageViewRestriction

from cms.edge.scope import request_scope
from cms.pages.privacy import is_public, public, public_pages
from tests.factories import ConditionPageFactory


def test_public_matches_wagtail_and_reads_restrictions_once(
    condition_index, django_assert_num_queries
):
    shown = ConditionPageFactory(parent=condition_index)
    hidden = ConditionPageFactory(parent=condition_index)
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    expected = set(Page.objects.public().values_list("pk", flat=True))
    with request_scope():
        assert set(public(Page.objects.all()).values_list("pk", flat=True)) == expected
        with django_assert_num_queries(1):  # the pages: the restrictions are known already
            assert set(public(Page.objects.all()).values_list("pk", flat=True)) == expected
        assert is_public(shown) and not is_public(hidden)
    assert shown.pk in expected and hidden.pk not in expected


def test_public_pages_match_wagtails_api_queryset(condition_index):
    ConditionPageFactory(parent=condition_index)
    hidden = ConditionPageFactory(parent=condition_index)
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    request = RequestFactory().get("/api/v3/pages/")
    request.user = AnonymousUser()
    ours = set(public_pages(request).values_list("pk", flat=True))
    assert ours == set(get_public_pages_queryset(request).values_list("pk", flat=True))
    assert hidden.pk not in ours
