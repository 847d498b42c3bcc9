from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from gcmhub.core.sanitize import render_markdown

register = template.Library()


@register.filter
def richtext(value):
    """Markdown in, sanitised HTML out."""
    return mark_safe(render_markdown(value))  # noqa: S308 - nh3 has cleaned it


@register.simple_tag
def localized(obj, attr="title"):
    """The object's text in the active language, or English marked as such.

    Objects provide ``localized(attr, language) -> (text, is_fallback)``."""
    text, fallback = obj.localized(attr, get_language())
    return {"text": text, "fallback": fallback}


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters changed (for facets and pages)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"
