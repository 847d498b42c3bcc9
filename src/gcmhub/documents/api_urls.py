from django.urls import path
from rest_framework.routers import SimpleRouter

from gcmhub.documents import api

router = SimpleRouter(trailing_slash="/?")
router.register("documents", api.DocumentViewSet, basename="document")

urlpatterns = [
    *router.urls,
    path("paragraphs/<int:pk>/review/", api.ParagraphReviewView.as_view(), name="paragraph-review"),
    path("search/", api.SearchView.as_view(), name="document-search"),
    path("classify/", api.ClassifyView.as_view(), name="classify"),
]
