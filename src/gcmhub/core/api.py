"""Shared API plumbing: pagination, one JSON error shape, permission helpers."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions, permissions
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


class Pagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 500

    def get_paginated_response(self, data):
        return Response(
            {
                "count": self.page.paginator.count,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )


def _codes(detail):
    if isinstance(detail, dict):
        return {key: _codes(value) for key, value in detail.items()}
    if isinstance(detail, list):
        return [_codes(item) for item in detail]
    return str(detail)


def json_error(status: int, code: str, message: str, fields: dict | None = None):
    """The API's error shape for a plain Django view (file downloads, unknown /api/ paths)."""
    body = {"status": status, "code": code, "message": message}
    if fields is not None:
        body["fields"] = fields
    return JsonResponse({"error": body}, status=status)


def exception_handler(exc, context):
    """Every API error is ``{"error": {"status", "code", "message", "fields"?}}``."""
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    body = {"status": response.status_code, "code": getattr(exc, "default_code", "error")}
    if isinstance(exc, exceptions.ValidationError):
        body["code"] = "invalid"
        body["message"] = _("The request has invalid fields.")
        detail = _codes(exc.detail)
        body["fields"] = detail if isinstance(detail, dict) else {"non_field_errors": detail}
    else:
        body["message"] = str(getattr(exc, "detail", exc))
        if hasattr(exc, "get_codes") and isinstance(exc.get_codes(), str):
            body["code"] = exc.get_codes()
    response.data = {"error": body}
    return response


class ObjectRulePermission(permissions.BasePermission):
    """Checks a django-rules permission per action, named on the view as
    ``rule_permissions = {"update": "practices.change_practice", ...}``."""

    def _perm(self, view):
        return getattr(view, "rule_permissions", {}).get(getattr(view, "action", None))

    def has_permission(self, request, view):
        perm = self._perm(view)
        if perm is None:
            return request.method in permissions.SAFE_METHODS or request.user.is_authenticated
        if getattr(view, "detail", False) or getattr(view, "action", "") in {
            "update",
            "partial_update",
            "destroy",
            "retrieve",
        }:
            return True  # decided per object
        return request.user.has_perm(perm)

    def has_object_permission(self, request, view, obj):
        perm = self._perm(view)
        return True if perm is None else request.user.has_perm(perm, obj)
