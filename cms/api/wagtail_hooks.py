from wagtail import hooks

from cms.edge.problems import problem_response
from cms.pages.publishing import PublishRefused

from .html_cache import mark_servable
from .richtext import PrefetchingPageLinkHandler


@hooks.register("register_rich_text_features", order=100)
def prefetch_page_links(features):
    # Replaces Wagtail's page link handler (registered at order 0) by one that can use links
    # loaded in bulk by the API; it behaves exactly like Wagtail's everywhere else.
    features.register_link_type(PrefetchingPageLinkHandler)


@hooks.register("register_api_v3_routers")
def add_delivery_router(api):
    from .endpoints import router

    api.add_router("/", router)


@hooks.register("register_api_v3_routers")
def document_error_responses(api):
    from .openapi_responses import install

    install(api)


@hooks.register("before_serve_page")
def cache_public_html(page, request, serve_args, serve_kwargs):
    mark_servable(page, request)


@hooks.register("register_api_v3_routers")
def add_site_settings_router(api):
    from .site_settings import router

    api.add_router("/", router)


@hooks.register("register_api_v3_routers")
def answer_refused_publishes(api):
    """A refused publish (cms.pages.publishing) is a problem document naming every reason:
    403 when a medical review is missing (a reviewer must act), 422 when the content must change.
    """
    @api.exception_handler(PublishRefused)
    def publish_refused(request, exc):
        return problem_response(
            status=exc.status,
            detail=" ".join(exc.messages),
            reasons=exc.messages,
            code=exc.code,
        )


@hooks.register("register_api_v3_routers")
def serialise_pages_once(api):
    from .detail import page_detail
    from .serialise import find_operation, serialise_once

    detail = find_operation(api, "detail_page")
    if not getattr(detail.view_func, "serialises_once", False):
        detail.view_func = page_detail(detail.view_func)
    for url_name in ("detail_page", "preview"):
        serialise_once(api, find_operation(api, url_name))


@hooks.register("register_api_v3_routers")
def count_page_listings_once(api):
    """The pages listing's total comes from :func:`cms.api.counts.count`: Wagtail's listing
    function, paginated again by the same pagination with a remembered total."""
    from ninja.pagination import paginate

    from .counts import CountOncePagination
    from .serialise import find_operation

    listing = find_operation(api, "list_pages")
    if getattr(listing.view_func, "counts_once", False):
        return
    listing.view_func = paginate(CountOncePagination, pass_parameter="pagination_info")(
        listing.view_func.__wrapped__
    )
    listing.view_func.counts_once = True
