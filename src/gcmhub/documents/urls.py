from django.urls import path

from gcmhub.documents import views

app_name = "documents"

urlpatterns = [
    path("", views.index, name="index"),
    path("upload/", views.upload, name="upload"),
    path("search/", views.search_page, name="search"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/original/", views.original, name="original"),
    path("<int:pk>/publish/", views.publish, name="publish"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("paragraphs/<int:pk>/tags/", views.review_tags, name="review_tags"),
    path("objectives/<int:number>/commitments/", views.objective_commitments, name="commitments"),
]
