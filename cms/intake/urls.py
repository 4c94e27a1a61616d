from django.urls import path

from .views import intake_form_view, thanks_view

app_name = "intake"
urlpatterns = [
    path("<slug:slug>/", intake_form_view, name="form"),
    path("<slug:slug>/thanks/", thanks_view, name="thanks"),
]
