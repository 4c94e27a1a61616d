from django.urls import path

from . import views

urlpatterns = [
    path("new/", views.ChooseTemplateView.as_view(), name="choose_template"),
    path("new/<int:template_id>/", views.CloneConditionView.as_view(), name="clone_condition"),
    path(
        "pages/<int:page_id>/save-as-template/",
        views.SaveAsTemplateView.as_view(),
        name="save_as_template",
    ),
    path("pages/<int:page_id>/copy-section/", views.CopySectionView.as_view(), name="copy_section"),
]
