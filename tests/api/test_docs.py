"""`/api/v3/docs/`: Swagger UI from the installed package, same-origin only, product-titled."""

import re

from django.contrib.staticfiles import finders


def test_docs_load_only_same_origin_static_assets(client, db, settings):
    settings.WAGTAIL_SITE_NAME = "Spine Care Conditions"
    response = client.get("/api/v3/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Spine Care Conditions API</title>" in html
    assert "//" not in re.sub(r"<!DOCTYPE[^>]*>", "", html).replace("\\/\\/", "")
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert {"/static/ninja/swagger-ui-bundle.js", "/static/ninja/swagger-ui.css"} <= set(assets)
    for asset in assets:
        assert asset.startswith(settings.STATIC_URL), asset
        assert finders.find(asset.removeprefix(settings.STATIC_URL)), asset
    assert '"url": "/api/v3/openapi.json"' in html
