from django.urls import path

from gcmhub.indicators import views

app_name = "indicators"

urlpatterns = [
    path("", views.index, name="index"),
    path("snapshot/", views.snapshot_page, name="snapshot"),
    path("indicators/<str:code>/", views.indicator_detail, name="indicator"),
    path(
        "indicators/<str:code>/download.<str:fmt>",
        views.download,
        name="download",
    ),
]
