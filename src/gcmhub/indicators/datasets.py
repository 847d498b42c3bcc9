"""The datasets gcmhub imports: who publishes them, under which terms, and the bundled copies."""

from dataclasses import dataclass, field
from importlib import resources

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Dataset:
    slug: str
    name: str
    publisher: str
    url: str
    licence: str
    bundled: tuple[str, ...] = field(default_factory=tuple)


DATASETS = {
    d.slug: d
    for d in [
        Dataset(
            "missing-migrants",
            _("Missing Migrants Project: incidents"),
            "International Organization for Migration (IOM)",
            "https://missingmigrants.iom.int/downloads",
            "IOM terms of use; attribute “IOM Missing Migrants Project”.",
            ("missing_migrants_global_2014_2025-04.csv.gz",),
        ),
        Dataset(
            "migrant-stock",
            _("International Migrant Stock, destination × origin × sex"),
            "UN DESA Population Division",
            "https://www.un.org/development/desa/pd/content/international-migrant-stock",
            "CC BY 3.0 IGO",
            (
                "ims2020_bilateral_stock_by_sex_1990_2020.csv.gz",
                "ims2024_bilateral_stock_by_sex_1990_2024.csv.gz",
            ),
        ),
        Dataset(
            "remittance-flows",
            _("Personal remittances received and paid (WDI)"),
            "World Bank, World Development Indicators",
            "https://data.worldbank.org/indicator/BX.TRF.PWKR.CD.DT",
            "CC BY 4.0",
            ("wdi_personal_remittances_by_country_1990_2023.csv.gz",),
        ),
        Dataset(
            "remittance-prices",
            _("Remittance Prices Worldwide: cost of sending money by corridor"),
            "World Bank, Remittance Prices Worldwide",
            "https://remittanceprices.worldbank.org",
            "World Bank terms of use; the bundled corridor averages are a third-party subset.",
            ("rpw_corridor_quarter_avg_2016Q2_2025Q1_subset.csv.gz",),
        ),
        Dataset(
            "displacement",
            _("Forcibly displaced people by country of asylum and origin"),
            "UNHCR Refugee Data Finder",
            "https://www.unhcr.org/refugee-statistics/",
            "UNHCR terms of use",
            ("unhcr_forcibly_displaced_by_asylum_origin_1990_2024.csv.gz",),
        ),
        Dataset(
            "population",
            _("Population and country indicators (WDI long format)"),
            "World Bank, World Development Indicators (population: UN WPP 2024)",
            "https://databank.worldbank.org/source/world-development-indicators",
            "CC BY 4.0",
            ("wdi_country_indicators_incl_remittances_1950_2023.csv.gz",),
        ),
    ]
}


def bundled_path(filename: str):
    return resources.files("gcmhub.indicators").joinpath("data", filename)


def provenance_text() -> str:
    return bundled_path("PROVENANCE.md").read_text(encoding="utf-8")


SECTION_KEYWORDS = {
    "missing-migrants": "IOM Missing Migrants",
    "migrant-stock": "UN DESA International Migrant Stock",
    "displacement": "UNHCR",
    "remittance-flows": "World Bank remittances",
    "remittance-prices": "World Bank remittances",
    "population": "World Bank remittances",
}


def provenance_sections() -> dict[str, str]:
    """Each dataset's part of the bundled PROVENANCE.md."""
    sections: dict[str, str] = {}
    current = None
    for line in provenance_text().splitlines():
        if line.startswith("## "):
            current = line
            sections[current] = ""
        if current:
            sections[current] += line + "\n"
    return {
        slug: next((text for head, text in sections.items() if keyword in head), "")
        for slug, keyword in SECTION_KEYWORDS.items()
    }
