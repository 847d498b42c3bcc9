from django.urls import path

from gcmhub.indicators import api

urlpatterns = [
    path("indicators/", api.IndicatorList.as_view(), name="indicators-list"),
    path("indicators/<str:code>/", api.IndicatorDetail.as_view(), name="indicators-detail"),
    path(
        "indicators/<str:code>/observations/",
        api.ObservationList.as_view(),
        name="indicators-observations",
    ),
    path("datasets/", api.DatasetList.as_view(), name="datasets-list"),
    path("snapshot/", api.SnapshotView.as_view(), name="snapshot"),
]
