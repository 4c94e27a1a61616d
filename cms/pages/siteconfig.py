"""The site, its clinic and the view restrictions, read once per change instead of per request.

Every anonymous page read needs the :class:`~wagtail.models.Site` answering its host, that site's
:class:`~cms.pages.clinic.ClinicSettings` and the view restrictions: three queries whose answer is
the same for every request until an administrator saves a site, the clinic settings, a privacy
setting or an image, or moves pages (deleting a site's root or a private page deletes its
site or restriction too). Each process keeps them in memory under a
*generation* stamp shared through the cache; :func:`config_changed` (connected to every such
change in :func:`connect`) sets a new stamp now and again when the transaction commits, so every
process reads them afresh on its next request. A request inside a
:func:`~cms.edge.scope.request_scope` reads the stamp once. Kept values are also read afresh
after :data:`MAX_AGE` seconds, for writes that signal nothing. Outside a scope, or while the cache
is unreachable, everything is read from the database each time, as Wagtail does.

Requests get their own copies of the kept objects: Wagtail stores the request on a settings
instance, and nothing belonging to one reader may outlive its request.
"""

from __future__ import annotations

import copy
import logging
import time
from collections.abc import Callable, Hashable
from typing import TypeVar

from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction, Site
from wagtail.models.sites import get_site_for_hostname
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms.edge.scope import in_request_scope, remembered
from cms.edge.stamps import SharedStamp

from .clinic import ClinicSettings

logger = logging.getLogger("cms.pages")

T = TypeVar("T")

GENERATION_KEY = "cms:site-config:generation"
STAMP = SharedStamp(GENERATION_KEY, logger, "the site configuration")
#: At most this many values per generation (hosts are the only open-ended key).
MAX_VALUES = 200

#: Kept values are read afresh after this many seconds even without a change signalled: a safety
#: net for writes that send no signal (``QuerySet.update()``, raw SQL, another application).
MAX_AGE = 300

_kept: dict = {"generation": None, "since": 0.0, "values": {}}


def _generation() -> str | None:
    if not in_request_scope():
        return None
    return remembered("cms.pages.siteconfig.generation", STAMP.read)


def kept(key: Hashable, load: Callable[[], T]) -> T:
    """``load()``, kept in this process until the site configuration next changes."""
    global _kept
    stamp = _generation()
    if stamp is None:
        return load()
    current, now = _kept, time.monotonic()
    if current["generation"] != stamp or now - current["since"] > MAX_AGE:
        current = _kept = {"generation": stamp, "since": now, "values": {}}
    values = current["values"]
    if key in values:
        return values[key]
    value = load()
    if len(values) < MAX_VALUES:
        values[key] = value
    return value


def config_changed(*args, **kwargs) -> None:
    """Make every process read the site configuration afresh (now, and on commit)."""
    STAMP.renew()


def _on_clinic_saved(sender, instance, created=False, **kwargs):
    # The empty row ``for_site`` creates on its first read changes nothing.
    if not created:
        config_changed()


def _find_site(hostname: str, port: int) -> Site | None:
    try:
        return get_site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        return None


def site_for_request(request) -> Site | None:
    """``Site.find_for_request(request)``, kept between requests; later calls to Wagtail's own
    ``find_for_request`` on this request get the same site."""
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()
    site = kept(("site", hostname, port), lambda: _find_site(hostname, port))
    request._wagtail_site = copy.copy(site) if site is not None else None
    return request._wagtail_site


def _load_clinic(site_id: int) -> ClinicSettings:
    clinic = ClinicSettings.base_queryset().get_or_create(site_id=site_id)[0]
    clinic.logo_rendition()  # kept with it: the header, the JSON-LD and the API use it
    return clinic


def clinic_for_site(site_id: int) -> ClinicSettings:
    """The clinic settings of site ``site_id`` (created empty on first read, as Wagtail does),
    kept between requests."""
    return copy.copy(kept(("clinic", site_id), lambda: _load_clinic(site_id)))


def clinic_for_request(request) -> ClinicSettings | None:
    """``ClinicSettings.for_request(request)``, kept between requests (templates reading
    ``settings.pages.ClinicSettings`` on this request get the same instance)."""
    attr = ClinicSettings.get_cache_attr_name()
    if hasattr(request, attr):
        return getattr(request, attr)
    site = site_for_request(request)
    if site is None:
        return None
    clinic = clinic_for_site(site.pk)
    clinic._request = request
    setattr(request, attr, clinic)
    return clinic


def view_restrictions() -> list[PageViewRestriction]:
    """Every view restriction, with its page."""
    return kept(
        "view_restrictions", lambda: list(PageViewRestriction.objects.select_related("page"))
    )


def _on_page_published(sender, instance, **kwargs):
    # A site's root page is kept with the site.
    if Site.objects.filter(root_page_id=instance.pk).exists():
        config_changed()


def connect() -> None:
    post_save.connect(
        _on_clinic_saved, sender=ClinicSettings, dispatch_uid="pages_siteconfig_clinic"
    )
    post_delete.connect(
        config_changed, sender=ClinicSettings, dispatch_uid="pages_siteconfig_clinic"
    )
    for model in (Site, PageViewRestriction, get_image_model()):
        for signal in (post_save, post_delete):
            signal.connect(
                config_changed,
                sender=model,
                dispatch_uid=f"pages_siteconfig_{model._meta.label}_{signal is post_save}",
            )
    post_page_move.connect(config_changed, dispatch_uid="pages_siteconfig_move")
    for signal in (page_published, page_unpublished):
        signal.connect(_on_page_published, dispatch_uid=f"pages_siteconfig_{id(signal)}")
