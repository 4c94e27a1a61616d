"""Mounts the delivery APIs.

``/api/v3/`` is Wagtail 8's django-ninja API. Apps add their own routers to the same ``NinjaAPI``
(so everything appears in one ``/api/v3/openapi.json``) from their ``wagtail_hooks.py``::

    @hooks.register("register_api_v3_routers")
    def add_intake_router(api):
        api.add_router("/intake/", router)

``/api/v2/`` is Wagtail's API v2, for front-ends already written against it.
"""

from django.urls import path
from wagtail import hooks
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.api.v3.urls import api as api_v3
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

for register in hooks.get_hooks("register_api_v3_routers"):
    register(api_v3)

api_v2 = WagtailAPIRouter("wagtailapi")
api_v2.register_endpoint("pages", PagesAPIViewSet)
api_v2.register_endpoint("images", ImagesAPIViewSet)
api_v2.register_endpoint("documents", DocumentsAPIViewSet)

urlpatterns = [
    path("v3/", api_v3.urls),
    path("v2/", api_v2.urls),
]
