from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from gcmhub.core import panels
from gcmhub.core.api import json_error
from gcmhub.framework.models import Country, GuidingPrinciple, Objective


def home(request):
    context = {
        "objective_count": Objective.objects.count(),
        "principle_count": GuidingPrinciple.objects.count(),
        "member_state_count": Country.objects.filter(is_member_state=True).count(),
        "panels": panels.render_list("home", None, request),
    }
    return render(request, "core/home.html", context)


@never_cache
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok", "database": connection.vendor})


def _is_api(request):
    return request.path.startswith("/api/")


def _error(request, status, template, message):
    if _is_api(request):
        return json_error(status, template, message)
    return render(request, f"core/{template}.html", status=status)


def not_found(request, exception=None):
    return _error(request, 404, "not_found", _("Not found."))


def forbidden(request, exception=None):
    return _error(request, 403, "forbidden", _("You do not have permission to do this."))


def server_error(request):
    return _error(request, 500, "server_error", _("Something went wrong on our side."))
