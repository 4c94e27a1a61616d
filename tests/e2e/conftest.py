"""A real browser against a live server: Debian's chromium driven by Selenium, offline.

The front-end is served from its own origin (a static file server on 127.0.0.1), as a decoupled
front-end is, so every API call is a real cross-origin request through the CORS allowlist.
Media files get a third origin, since the live server serves only static files.
"""

import functools
import os
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.core.cache import cache

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
FRONTEND_DIR = Path(__file__).resolve().parents[2] / "examples" / "frontend"

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1280,2200",
]


def pytest_collection_modifyitems(items):
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    if not missing:
        return
    reason = (
        f"{' and '.join(missing)} missing: run `make e2e-deps` "
        "(apt-get install chromium chromium-driver)"
    )
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(pytest.mark.skip(reason=reason))


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def serve_directory():
    """``serve_directory(path) -> "http://127.0.0.1:PORT"``: a static file server thread."""
    servers = []

    def serve(directory):
        handler = functools.partial(QuietHandler, directory=str(directory))
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}"

    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def frontend(live_server, serve_directory, settings):
    """The front-end's origin, allowed to call the live server's API, with media served."""
    origin = serve_directory(FRONTEND_DIR)
    settings.CORS_ALLOWED_ORIGINS = [origin]
    settings.MEDIA_URL = serve_directory(settings.MEDIA_ROOT) + "/"
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    settings.WAGTAILAPI_BASE_URL = live_server.url
    cache.clear()

    def url(path):
        return f"{origin}/index.html?path={path}&api={live_server.url}"

    return url


@pytest.fixture
def browser(tmp_path, monkeypatch):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    # Never let Selenium Manager look for (or download) a browser or driver.
    monkeypatch.setenv("SE_OFFLINE", "true")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path / 'chromium-profile'}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


@pytest.fixture
def screenshot(browser, tmp_path):
    """Save what the browser shows; kept in ``$E2E_SCREENSHOT_DIR`` when that is set."""

    def save(name):
        path = tmp_path / f"{name}.png"
        browser.save_screenshot(str(path))
        if target := os.environ.get("E2E_SCREENSHOT_DIR"):
            Path(target).mkdir(parents=True, exist_ok=True)
            shutil.copy(path, Path(target) / path.name)
        return path

    return save


def complete_second_factor(browser, user):
    """On the two-factor page after Wagtail's login, enter the code of the user's authenticator
    (one is added if the user has none, as enrolment would)."""
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from selenium.webdriver.common.by import By

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
        browser.get(browser.current_url.replace("/two-factor/?", "/two-factor/verify/?"))
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    browser.find_element(By.NAME, "token").send_keys(f"{code:06d}")
    browser.find_element(By.CSS_SELECTOR, "form.login-form button[type=submit]").click()


@pytest.fixture
def admin_sign_in(browser, live_server):
    """``admin_sign_in(user, password)``: Wagtail's login form, then the second factor if asked."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    def sign_in(user, password="password"):
        browser.get(f"{live_server.url}/admin/login/")
        browser.find_element(By.NAME, "username").send_keys(user.get_username())
        browser.find_element(By.NAME, "password").send_keys(password)
        browser.find_element(By.CSS_SELECTOR, "form.login-form button[type=submit]").click()
        WebDriverWait(browser, 15).until(lambda d: "/admin/login/" not in d.current_url)
        if "/admin/two-factor/" in browser.current_url:
            complete_second_factor(browser, user)
            WebDriverWait(browser, 15).until(lambda d: "/two-factor/" not in d.current_url)

    return sign_in
