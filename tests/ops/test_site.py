from django.apps import apps
from wagtail.models import Page, Site

from cms.ops.signal_handlers import default_site_from_public_base_url


def migrate_signal():
    default_site_from_public_base_url(sender=apps.get_app_config("ops"), using="default")


def test_default_site_follows_public_base_url(db, settings):
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": Page.get_first_root_node()},
    )
    settings.PUBLIC_BASE_URL = "https://conditions.example.org"

    migrate_signal()

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("conditions.example.org", 443)


def test_a_site_set_in_the_admin_is_left_alone(site, settings):
    settings.PUBLIC_BASE_URL = "https://conditions.example.org:8443"

    migrate_signal()

    site.refresh_from_db()
    assert (site.hostname, site.port) == ("testserver", 80)


def test_nothing_changes_without_public_base_url(db, settings):
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": Page.get_first_root_node()},
    )
    settings.PUBLIC_BASE_URL = ""

    migrate_signal()

    assert Site.objects.get(is_default_site=True).hostname == "localhost"
