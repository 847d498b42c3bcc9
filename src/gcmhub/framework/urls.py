from django.urls import path

from gcmhub.framework import views

app_name = "framework"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("objectives/<int:number>/", views.objective_detail, name="objective"),
    path("principles/<slug:slug>/", views.principle_detail, name="principle"),
    path("countries/", views.country_list, name="countries"),
    path("countries/<str:iso3>/", views.country_detail, name="country"),
    path("forums/<slug:slug>/", views.forum_detail, name="forum"),
    path(
        "forums/<slug:slug>/round-tables/<int:number>/",
        views.round_table_detail,
        name="round_table",
    ),
]
