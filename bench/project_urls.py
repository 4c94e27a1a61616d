from django.urls import path

from bench.project_views import orm_insert
from bench.views import bare_insert, constant
from cms.urls import urlpatterns as cms_urlpatterns

urlpatterns = [
    path("bench/constant/", constant),
    path("bench/insert/", bare_insert),
    path("bench/insert-submission/<slug:slug>/", orm_insert),
]
urlpatterns += cms_urlpatterns
