"""URL map. Every gcmhub app with a ``urls`` module is mounted under its ``url_prefix`` inside
the language prefix (/en/, /fr/, ...); every app with an ``api_urls`` module under /api/v1/."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from gcmhub.core import views as core_views
from gcmhub.core.discovery import app_url_patterns

admin.site.site_header = "gcmhub administration"
admin.site.site_title = "gcmhub"

urlpatterns = [
    path("api/v1/", include("gcmhub.api_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", core_views.healthz, name="healthz"),
]
urlpatterns += i18n_patterns(
    path("", include("gcmhub.core.urls")),
    path("admin/", admin.site.urls),
    *app_url_patterns(),
    prefix_default_language=True,
)

handler404 = "gcmhub.core.views.not_found"
handler403 = "gcmhub.core.views.forbidden"
handler500 = "gcmhub.core.views.server_error"
