"""Which pages the public may see, with the view restrictions read once per change.

Wagtail's ``PageQuerySet.public()`` and the API's public page queryset read every
``PageViewRestriction`` each time they are called, and a page detail calls them several times
(the page itself, its breadcrumbs, its related conditions). These do the same filtering from
restrictions read once per change (:mod:`.siteconfig`).
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Q
from wagtail.api.validators import SiteFilterValidator
from wagtail.models import Page

from .siteconfig import site_for_request, view_restrictions


def public(queryset):
    """``queryset.public()``: pages outside every private section."""
    private = Q()
    for restriction in view_restrictions():
        private |= queryset.descendant_of_q(restriction.page, inclusive=True)
    return queryset.exclude(private) if private else queryset


def is_public(page) -> bool:
    """Whether ``page`` (loaded already) lies outside every private section."""
    return not any(
        page.path.startswith(restriction.page.path) for restriction in view_restrictions()
    )


def public_pages(request, model=Page):
    """Wagtail's ``get_public_pages_queryset``: live pages an anonymous API reader may see,
    scoped to the requested site. Raises ``ValueError`` when ``?site=`` matches several sites."""
    queryset = model._default_manager.all().live()
    for restriction in view_restrictions():
        if not restriction.accept_request(request):
            queryset = queryset.not_descendant_of(restriction.page, inclusive=True)
    if not request.GET.get("site"):
        site_for_request(request)  # kept between requests; the validator then finds it
    site = SiteFilterValidator(site=request.GET.get("site"), request=request).site_obj
    if not site:
        return queryset.none()
    base = queryset
    queryset = base.descendant_of(site.root_page, inclusive=True)
    if getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        for translation in site.root_page.get_translations():
            queryset |= base.descendant_of(translation, inclusive=True)
    return queryset
