"""The project's URLs plus a view that fails, for the logging tests."""

from django.urls import path

from cms.urls import urlpatterns as project_urlpatterns


def broken_view(request):
    raise RuntimeError("the database went away")


urlpatterns = [path("api/broken/", broken_view), *project_urlpatterns]
