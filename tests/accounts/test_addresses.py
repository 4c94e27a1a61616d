from django.test import RequestFactory

from cms.accounts.addresses import client_address


def request(forwarded=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return RequestFactory().get("/", REMOTE_ADDR="10.0.0.9", **extra)


def test_without_proxies_the_socket_address_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(request("198.51.100.5")) == "10.0.0.9"


def test_behind_proxies_the_entry_they_appended_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request("198.51.100.5")) == "198.51.100.5"
    assert client_address(request("1.2.3.4, 198.51.100.5")) == "198.51.100.5"
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_address(request("1.2.3.4, 198.51.100.5, 10.0.0.8")) == "198.51.100.5"
    assert client_address(request()) == "10.0.0.9"
