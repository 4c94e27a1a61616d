from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.api.v3.urls import api as api_v3

from bench.views import bare_insert, constant

api_v2 = WagtailAPIRouter("wagtailapi")
api_v2.register_endpoint("pages", PagesAPIViewSet)

urlpatterns = [
    path("api/v2/", api_v2.urls),
    path("api/v3/", api_v3.urls),
    path("bench/constant/", constant),
    path("bench/insert/", bare_insert),
    path("", include(wagtail_urls)),
]
