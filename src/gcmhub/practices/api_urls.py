from rest_framework.routers import SimpleRouter

from gcmhub.practices import api

router = SimpleRouter()
router.register("practices", api.PracticeViewSet, basename="practice")
router.register("experts", api.ExpertViewSet, basename="expert")

urlpatterns = router.urls
