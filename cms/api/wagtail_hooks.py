from wagtail import hooks

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
