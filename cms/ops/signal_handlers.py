from urllib.parse import urlsplit

from django.conf import settings
from django.db.models.signals import post_migrate
from django.dispatch import receiver


@receiver(post_migrate, dispatch_uid="cms.ops.default_site_from_public_base_url")
def default_site_from_public_base_url(sender, using="default", **kwargs):
    """Point the default Site at PUBLIC_BASE_URL after `migrate`, unless an editor set it.

    Wagtail creates the default Site as ``localhost:80``; only that initial value is replaced, so a
    hostname chosen in the admin (Settings > Sites) is never overwritten by a release.
    """
    public_base_url = getattr(settings, "PUBLIC_BASE_URL", "")
    if not public_base_url or sender.name != "cms.ops":
        return
    from wagtail.models import Site

    parts = urlsplit(public_base_url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    Site.objects.using(using).filter(is_default_site=True, hostname="localhost", port=80).update(
        hostname=parts.hostname, port=port
    )
