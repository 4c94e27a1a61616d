"""Mounts the delivery APIs.

``/api/v3/`` is Wagtail 8's django-ninja API. Apps add their own routers to the same ``NinjaAPI``
(so everything appears in one ``/api/v3/openapi.json``) from their ``wagtail_hooks.py``::

    @hooks.register("register_api_v3_routers")
    def add_intake_router(api):
        api.add_router("/intake/", router)

``/api/v2/`` is Wagtail's API v2, for front-ends already written against it.

Page responses of both get conditional GET and the shared response cache (:mod:`.cache`); the
v3 and v2 find endpoints answer with the page itself instead of a redirect
(see :func:`.views.find_without_redirect`).
"""

from django.urls import URLPattern, include, path
from django.urls.resolvers import RoutePattern
from wagtail import hooks
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v3.urls import api as api_v3
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from .cache import cached_page_view, cached_site_view
from .docs import ProductSwagger
from .endpoints import private_view
from .views import PagesAPIViewSet, find_without_redirect
from .writes import strict_page_writes

for register in hooks.get_hooks("register_api_v3_routers"):
    register(api_v3)

api_v3.docs = ProductSwagger()

api_v2 = WagtailAPIRouter("wagtailapi")
api_v2.register_endpoint("pages", PagesAPIViewSet)
api_v2.register_endpoint("images", ImagesAPIViewSet)
api_v2.register_endpoint("documents", DocumentsAPIViewSet)


def decorate(patterns, decorators):
    """Wrap the views of ``patterns`` named in ``decorators`` (and of every pattern sharing their
    route, as ninja gives each method of a path its own pattern)."""
    routes = {str(p.pattern): decorators[p.name] for p in patterns if p.name in decorators}
    return [
        URLPattern(p.pattern, routes[str(p.pattern)](p.callback), p.default_args, p.name)
        if isinstance(p, URLPattern) and str(p.pattern) in routes
        else p
        for p in patterns
    ]


v3_patterns, v3_app_name, v3_namespace = api_v3.urls
v3_patterns = decorate(
    v3_patterns,
    {
        "detail_page": lambda view: cached_page_view("page_id")(strict_page_writes(view)),
        "find_page": find_without_redirect,
        "list_pages": lambda view: cached_site_view(strict_page_writes(view)),
        "routes": cached_site_view,
        "site_settings": cached_site_view,
        "preview": private_view,
    },
)


def by_first_segment(patterns):
    """``patterns`` nested under their first path segment (``pages/``, ``intake/``, ...), in the
    same order, so resolving a URL tries one pattern per segment and then that segment's own:
    ninja lists every route of the API flat, and a request for the last router's routes was
    matched against each of the sixty before it."""
    groups: dict[str, list] = {}
    nested = []
    for pattern in patterns:
        route = str(pattern.pattern)
        segment, slash, rest = route.partition("/")
        if not (isinstance(pattern, URLPattern) and slash and "<" not in segment):
            nested.append(pattern)
            continue
        if segment not in groups:
            groups[segment] = []
            nested.append(path(f"{segment}/", include(groups[segment])))
        groups[segment].append(
            URLPattern(
                RoutePattern(rest, name=pattern.name, is_endpoint=True),
                pattern.callback,
                pattern.default_args,
                pattern.name,
            )
        )
    return nested


urlpatterns = [
    path("v3/", (by_first_segment(v3_patterns), v3_app_name, v3_namespace)),
    path("v2/", api_v2.urls),
]
