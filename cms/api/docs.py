"""Swagger UI for ``/api/v3/docs/``, served from django-ninja's bundled static files.

``ninja`` is in ``INSTALLED_APPS``, so the page loads ``/static/ninja/...`` pinned by our
dependency and works offline; nothing comes from a CDN. The page is titled after the product.
"""

import json

from django.conf import settings
from django.shortcuts import render
from ninja.openapi.docs import Swagger


class ProductSwagger(Swagger):
    template = "api/swagger.html"

    def render_page(self, request, api, **kwargs):
        swagger_settings = {**self.settings, "url": self.get_openapi_url(api, kwargs)}
        auths = api.auth if isinstance(api.auth, list | tuple) else ()
        context = {
            "swagger_settings": json.dumps(swagger_settings, indent=1),
            "api": api,
            "title": f"{settings.WAGTAIL_SITE_NAME} API",
            "add_csrf": any(getattr(auth, "csrf", False) for auth in auths),
        }
        return render(request, self.template, context)
