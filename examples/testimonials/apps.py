from django.apps import AppConfig


class TestimonialsConfig(AppConfig):
    name = "examples.testimonials"
    label = "testimonials"
    verbose_name = "Testimonials section"
