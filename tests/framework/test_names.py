"""Country and region names follow the reader's language; English keeps the UN short names."""

import pytest
from django.utils import translation

from gcmhub.framework.models import Country, Region
from gcmhub.framework.names import territory_name

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "germany", "africa"),
    [
        ("en", "Germany", "Africa"),
        ("fr", "Allemagne", "Afrique"),
        ("es", "Alemania", "África"),
        ("ru", "Германия", "Африка"),
        ("ar", "ألمانيا", "أفريقيا"),
        ("zh-hans", "德国", "非洲"),
    ],
)
def test_names_in_each_language(language, germany, africa):
    with translation.override(language):
        assert str(Country.objects.get(iso3="DEU")) == germany
        assert str(Region.objects.get(m49="002")) == africa


def test_every_country_and_region_has_a_name_in_every_language():
    missing = []
    for language in ("fr", "es", "ru", "ar", "zh-hans"):
        for country in Country.objects.exclude(iso3="CHI"):  # Channel Islands: no ISO code
            if territory_name(country.iso2, "", language) == "":
                missing.append((language, country.iso3))
        for region in Region.objects.all():
            if territory_name(region.m49, "", language) == "":
                missing.append((language, region.m49))
    assert missing == []


def test_greece_and_the_united_kingdom_have_their_alpha2_codes():
    assert dict(Country.objects.filter(iso3__in=["GRC", "GBR"]).values_list("iso3", "iso2")) == {
        "GRC": "GR",
        "GBR": "GB",
    }


def test_country_pages_and_filters_speak_the_page_language(client):
    page = client.get("/fr/framework/countries/DEU/").content.decode()
    assert "<h1>Allemagne</h1>" in page
    listing = client.get("/ar/framework/countries/").content.decode()
    assert "ألمانيا" in listing
    assert "أفريقيا" in listing  # the region filter
    assert "<h1>Germany</h1>" in client.get("/en/framework/countries/DEU/").content.decode()


def test_unknown_language_or_code_falls_back_to_english():
    assert territory_name("DE", "Germany", "xx") == "Germany"
    assert territory_name("", "Channel Islands", "fr") == "Channel Islands"
