"""The client's address, for login throttling and the API token limit."""

from django.conf import settings


def client_address(request):
    """``REMOTE_ADDR``, or behind ``TRUSTED_PROXY_COUNT`` proxies that each append the address
    they received from to ``X-Forwarded-For``, the entry that many places from the right.

    Entries further left are written by the client and can be forged, so they are never used.
    """
    remote = request.META.get("REMOTE_ADDR")
    count = settings.TRUSTED_PROXY_COUNT
    if not count:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    forwarded = [address.strip() for address in forwarded if address.strip()]
    return forwarded[-count] if len(forwarded) >= count else remote
