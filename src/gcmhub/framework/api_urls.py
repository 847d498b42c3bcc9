from rest_framework.routers import SimpleRouter

from gcmhub.framework import api

router = SimpleRouter(trailing_slash="/?")
router.register("objectives", api.ObjectiveViewSet, basename="objective")
router.register("principles", api.PrincipleViewSet, basename="principle")
router.register("countries", api.CountryViewSet, basename="country")
router.register("regions", api.RegionViewSet, basename="region")
router.register("forums", api.ForumViewSet, basename="forum")
router.register("sdg-indicators", api.SDGIndicatorViewSet, basename="sdg-indicator")
router.register("stakeholder-types", api.StakeholderTypeViewSet, basename="stakeholder-type")

urlpatterns = router.urls
