from rest_framework.routers import SimpleRouter

from gcmhub.pledges import api

router = SimpleRouter()
router.register("pledges", api.PledgeViewSet, basename="pledge")

urlpatterns = router.urls
