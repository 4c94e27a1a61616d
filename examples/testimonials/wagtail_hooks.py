"""Registers the testimonial section. Wagtail imports this module because the app is installed."""

from wagtail import hooks

from .blocks import TestimonialBlock


@hooks.register("register_page_sections")
def register_testimonial_section(registry):
    # Condition pages only: the home page has no patient stories.
    registry.register("testimonial", TestimonialBlock(), page_types=["pages.ConditionPage"])
