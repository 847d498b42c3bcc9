"""The six dataset importers and the file layouts each accepts."""

import datetime as dt
import math
import re
from collections import defaultdict

from gcmhub.indicators.importing.base import Importer, Layout, RowError
from gcmhub.indicators.models import Incident

THIS_YEAR = dt.date.today().year


def number(value, column: str, *, minimum: float | None = 0) -> float:
    try:  # the common case first: a plain number or numeric text
        result = float(value)
    except (TypeError, ValueError):
        result = None
    if isinstance(value, bool):
        result = None
    if result is None:
        text = str(value).strip().replace(",", "") if value is not None else ""
        try:
            result = float(text)
        except ValueError:
            raise RowError(f"not a number: {column} is {value!r}") from None
    if math.isnan(result) or math.isinf(result):
        raise RowError(f"not a number: {column} is {value!r}")
    if minimum is not None and result < minimum:
        raise RowError(f"negative value: {column} is {value!r}")
    return result


def blank(value) -> bool:
    return value is None or (isinstance(value, str) and value.strip() in {"", "..", "-"})


def year_of(value, column="year") -> int:
    year = number(value, column)
    if year != int(year) or not 1900 <= year <= THIS_YEAR + 1:
        raise RowError(f"year out of range: {column} is {value!r}")
    return int(year)


# --- UN DESA International Migrant Stock ------------------------------------------------------

SEXES = {"female": "f", "f": "f", "females": "f", "male": "m", "m": "m", "males": "m"}


def parse_stock_csv(importer, row):
    year = year_of(row["year"])
    sex = SEXES.get(str(row["sex"] or "").strip().lower())
    if sex is None:
        raise RowError(f"sex must be female or male: got {row['sex']!r}")
    if blank(row["n"]):
        raise RowError("missing value: n is empty")
    value = number(row["n"], "n")
    importer.seen_year(year)
    dest = importer.countries.code(row["dest_iso3"])
    orig = importer.countries.code(row["orig_iso3"])
    return [("stock", year, 0, dest, orig, sex, value, None)]


# M49 code the publisher uses for "Other" origins (not a country).
IMS_OTHER_ORIGIN = {"2003": "OOO"}


def parse_stock_xlsx(importer, row):
    """UN DESA 'by sex, destination and origin' Table 1: one row per destination × origin,
    year columns repeated in three blocks (both sexes, males, females)."""
    matcher = importer.countries
    by_m49 = importer.by_m49
    dest_code = str(row["location code of destination"]).split(".")[0].strip()
    orig_code = str(row["location code of origin"]).split(".")[0].strip()
    dest = by_m49.get(dest_code.zfill(3))
    orig = by_m49.get(orig_code.zfill(3)) or IMS_OTHER_ORIGIN.get(orig_code)
    if not dest_code.isdigit() or not orig_code.isdigit():
        raise RowError(f"location code is not a number: {dest_code!r} / {orig_code!r}")
    if dest is None or orig is None:
        importer.skip("regional or world aggregate (not a country)")
        return []
    if orig == "OOO":
        matcher.special["OOO"] += 1
    records = []
    for column in importer.year_columns:
        year, _, block = column.partition("#")
        sex = {"2": "m", "3": "f"}.get(block)
        if sex is None or blank(row.get(column)):
            continue
        value = number(row[column], f"{year} ({'males' if sex == 'm' else 'females'})")
        importer.seen_year(int(year))
        records.append(("stock", int(year), 0, dest, orig, sex, value, None))
    return records


class MigrantStockImporter(Importer):
    dataset = "migrant-stock"
    totals = (("stock_dest", "stock", False), ("stock_orig", "stock", True))
    layouts = (
        Layout("bilateral CSV", ("year", "dest_iso3", "orig_iso3", "sex", "n"), parse_stock_csv),
        Layout(
            "UN DESA destination and origin xlsx",
            ("location code of destination", "location code of origin", "1990", "1990#3"),
            parse_stock_xlsx,
        ),
    )

    def __init__(self):
        super().__init__()
        from gcmhub.framework.models import Country

        self.by_m49 = dict(Country.objects.exclude(m49="").values_list("m49", "iso3"))
        self.year_columns = [f"{y}{b}" for y in range(1950, THIS_YEAR + 1) for b in ("#2", "#3")]

    def default_version(self, layout):
        return f"IMS {self.stats.max_year}"


# --- IOM Missing Migrants ----------------------------------------------------------------------

MM_COLUMNS = (
    "incident type",
    "region of incident",
    "incident date",
    "incident year",
    "number of dead",
    "minimum estimated number of missing",
    "total number of dead and missing",
    "number of females",
    "number of males",
    "number of children",
    "cause of death",
    "country of incident",
    "migration route",
)
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%m/%d/%Y", "%a, %m/%d/%Y - %H:%M", "%Y-%m-%d %H:%M:%S")


def parse_date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip()
    if text in {"", "0"}:
        return None
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise RowError(f"not a date: incident date is {value!r}")


# IOM corrects split and cumulative incidents with negative dead, missing or survivor counts;
# those are kept, only the total must not be negative.
ADJUSTABLE = {"number of dead", "minimum estimated number of missing", "number of survivors"}


def count(row, column) -> int | None:
    value = row.get(column)
    if blank(value):
        return None
    result = number(value, column, minimum=None if column in ADJUSTABLE else 0)
    if result != int(result):
        raise RowError(f"not a whole number: {column} is {value!r}")
    return int(result)


def text(row, column, size) -> str:
    return str(row.get(column) or "").strip()[:size]


def parse_incident(importer, row):
    date = parse_date(row["incident date"])
    year = None if blank(row["incident year"]) else year_of(row["incident year"], "incident year")
    if date and year and date.year != year:
        raise RowError(f"date and year disagree: {date.isoformat()} is not in {year}")
    year = year or (date.year if date else None)
    dead = count(row, "number of dead")
    missing = count(row, "minimum estimated number of missing")
    total = count(row, "total number of dead and missing")
    if total is None:
        if dead is None and missing is None:
            raise RowError("no count: dead, missing and total are all empty")
        total = (dead or 0) + (missing or 0)
    if year:
        importer.seen_year(year)
    if date and (importer.stats.max_date is None or date > importer.stats.max_date):
        importer.stats.max_date = date
    country_name = text(row, "country of incident", 120)
    month_name = str(row.get("month") or "").strip()
    return [
        Incident(
            incident_id=text(row, "main id", 40) or text(row, "incident id", 40),
            incident_type=text(row, "incident type", 40),
            date=date,
            year=year,
            month=date.month if date else MONTHS.get(month_name.lower()),
            region=text(row, "region of incident", 100),
            route=text(row, "migration route", 100),
            cause=text(row, "cause of death", 200),
            country=importer.countries.name(country_name) if country_name else "",
            country_name=country_name,
            origin=text(row, "country of origin", 300),
            dead=dead or 0,
            missing=missing or 0,
            total=total,
            survivors=count(row, "number of survivors"),
            females=count(row, "number of females"),
            males=count(row, "number of males"),
            children=count(row, "number of children"),
        )
    ]


MONTHS = {
    name: number
    for number, name in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}


class MissingMigrantsImporter(Importer):
    dataset = "missing-migrants"
    stores = "incidents"
    layouts = (Layout("IOM Missing Migrants export (xlsx or CSV)", MM_COLUMNS, parse_incident),)

    def default_version(self, layout):
        last = self.stats.max_date
        return f"to {last.isoformat()}" if last else str(self.stats.max_year)


# --- World Bank WDI: remittances and population ---------------------------------------------

WDI_CODES = {
    "BX.TRF.PWKR.CD.DT": "remit_in",
    "BM.TRF.PWKR.CD.DT": "remit_out",
    "SP.POP.TOTL": "pop",
    "NY.GDP.MKTP.CD": "gdp",
    "SM.POP.NETM": "nmig",
}
REMITTANCE_SERIES = {"remin": "remit_in", "remout": "remit_out"}


def _country_or_skip(importer, code):
    """WDI files mix countries with aggregates (WLD, LMY, ...): keep countries only."""
    code = str(code or "").strip().upper()
    matcher = importer.countries
    if code in matcher.codes or code in {"KSV", "ANT"}:
        return matcher.code(code)
    importer.skip("aggregate or code not in the country registry")
    return None


def parse_remittance_csv(importer, row):
    year = year_of(row["year"])
    country = importer.countries.code(row["iso3"])
    records = []
    for column, series in (
        ("remittances_received_usd", "remit_in"),
        ("remittances_paid_usd", "remit_out"),
    ):
        if not blank(row[column]):
            records.append((series, year, 0, country, "", "", number(row[column], column), None))
    if not records:
        importer.skip("no value in the row")
    importer.seen_year(year)
    return records


def _parse_long(importer, row, series_map):
    indicator = str(row["indicator"] or "").strip()
    series = series_map(indicator)
    if series is None:
        importer.skip(f"indicator {indicator!r} is not part of this dataset")
        return []
    year = year_of(row["year"])
    if blank(row["value"]):
        importer.skip("no value in the row")
        return []
    value = number(row["value"], "value", minimum=None)
    importer.seen_year(year)
    return [(series, year, 0, importer.countries.code(row["iso3"]), "", "", value, None)]


def parse_remittance_long(importer, row):
    return _parse_long(importer, row, REMITTANCE_SERIES.get)


def parse_population_long(importer, row):
    return _parse_long(importer, row, lambda name: name[:16] if name else None)


def _parse_wdi_wide(importer, row, wanted):
    series = WDI_CODES.get(str(row["indicator code"] or "").strip())
    if series not in wanted:
        importer.skip("indicator is not part of this dataset")
        return []
    country = _country_or_skip(importer, row["country code"])
    if country is None:
        return []
    records = []
    for column, value in row.items():
        if column.isdigit() and not blank(value):
            year = int(column)
            importer.seen_year(year)
            records.append(
                (series, year, 0, country, "", "", number(value, column, minimum=None), None)
            )
    return records


def parse_remittance_wide(importer, row):
    return _parse_wdi_wide(importer, row, {"remit_in", "remit_out"})


def parse_population_wide(importer, row):
    return _parse_wdi_wide(importer, row, {"pop", "gdp", "nmig"})


WDI_WIDE = ("country code", "indicator code")


class RemittanceFlowsImporter(Importer):
    dataset = "remittance-flows"
    layouts = (
        Layout(
            "remittances by country CSV",
            ("iso3", "year", "remittances_received_usd", "remittances_paid_usd"),
            parse_remittance_csv,
        ),
        Layout("WDI long CSV", ("iso3", "year", "indicator", "value"), parse_remittance_long),
        Layout("World Bank WDI download (wide)", WDI_WIDE, parse_remittance_wide),
    )

    def default_version(self, layout):
        return f"WDI to {self.stats.max_year}"


class PopulationImporter(Importer):
    dataset = "population"
    layouts = (
        Layout("WDI long CSV", ("iso3", "year", "indicator", "value"), parse_population_long),
        Layout("World Bank WDI download (wide)", WDI_WIDE, parse_population_wide),
    )

    def default_version(self, layout):
        return f"WDI to {self.stats.max_year}"


# --- World Bank Remittance Prices Worldwide ---------------------------------------------------

PERIOD = re.compile(r"^(\d{4})[_ -]?Q?(\d)Q?$", re.IGNORECASE)


def parse_period(value) -> tuple[int, int]:
    match = PERIOD.match(str(value or "").strip())
    if not match or not 1 <= int(match.group(2)) <= 4:
        raise RowError(f"not a quarter: period is {value!r} (expected like 2016_2Q)")
    year = int(match.group(1))
    if not 2000 <= year <= THIS_YEAR + 1:
        raise RowError(f"year out of range: period is {value!r}")
    return year, int(match.group(2))


def _corridor(importer, row, cost_column):
    year, quarter = parse_period(row["period"])
    if blank(row[cost_column]):
        raise RowError(f"missing value: {cost_column} is empty")
    cost = number(row[cost_column], cost_column, minimum=None)
    if not -100 < cost < 1000:
        raise RowError(f"cost out of range: {cost_column} is {row[cost_column]!r}")
    sender = importer.countries.code(row["source_code"])
    receiver = importer.countries.code(row["destination_code"])
    importer.seen_year(year)
    importer.last_period = max(importer.last_period, (year, quarter))
    return year, quarter, sender, receiver, cost


def parse_rpw_corridor(importer, row):
    year, quarter, sender, receiver, cost = _corridor(importer, row, "avg_cost_pct_200usd")
    providers = number(row["num_providers"], "num_providers")
    records = [("cost200", year, quarter, sender, receiver, "", cost, providers)]
    if not blank(row.get("avg_cost_pct_500usd")):
        cost500 = number(row["avg_cost_pct_500usd"], "avg_cost_pct_500usd", minimum=None)
        records.append(("cost500", year, quarter, sender, receiver, "", cost500, providers))
    return records


def parse_rpw_provider(importer, row):
    year, quarter, sender, receiver, cost = _corridor(importer, row, "cc1 total cost %")
    records = [("cost200", year, quarter, sender, receiver, "", cost, 1.0)]
    if not blank(row.get("cc2 total cost %")):
        cost500 = number(row["cc2 total cost %"], "cc2 total cost %", minimum=None)
        records.append(("cost500", year, quarter, sender, receiver, "", cost500, 1.0))
    return records


class RemittancePricesImporter(Importer):
    dataset = "remittance-prices"
    layouts = (
        Layout(
            "RPW corridor-quarter averages CSV",
            ("period", "source_code", "destination_code", "avg_cost_pct_200usd", "num_providers"),
            parse_rpw_corridor,
        ),
        Layout(
            "RPW provider-level dataset (xlsx)",
            ("period", "source_code", "destination_code", "firm", "cc1 total cost %"),
            parse_rpw_provider,
        ),
    )

    def __init__(self):
        super().__init__()
        self.last_period = (0, 0)

    def finish(self, layout, records):
        """Provider rows become corridor-quarter means weighted by the number of providers,
        the same shape as the corridor file, so every query reads one kind of row."""
        if layout.parse is not parse_rpw_provider:
            return records
        groups = defaultdict(list)
        for series, year, quarter, sender, receiver, _, cost, _ in records:
            groups[(series, year, quarter, sender, receiver)].append(cost)
        return [
            (*key[:3], key[3], key[4], "", sum(costs) / len(costs), float(len(costs)))
            for key, costs in groups.items()
        ]

    def default_version(self, layout):
        year, quarter = self.last_period
        return f"RPW to {year}Q{quarter}"

    def default_released(self, layout):
        year, quarter = self.last_period
        return dt.date(year, quarter * 3, 28)


# --- UNHCR --------------------------------------------------------------------------------------

GROUPS = {
    "refugee": "refugee",
    "refugees": "refugee",
    "asylum": "asylum",
    "asylum-seekers": "asylum",
    "refugee return": "ref_return",
    "returned refugees": "ref_return",
    "idp": "idp",
    "idps": "idp",
    "idp return": "idp_return",
    "returned idps": "idp_return",
    "stateless": "stateless",
    "other": "other",
    "others of concern": "other",
    "ooc": "other",
    "other people in need of international protection": "oip",
    "oip": "oip",
    "hst": "host",
}


def parse_unhcr_long(importer, row):
    year = year_of(row["year"])
    group = GROUPS.get(str(row["population_group"] or "").strip().lower())
    if group is None:
        raise RowError(f"unknown population group: {row['population_group']!r}")
    if blank(row["count"]):
        raise RowError("missing value: count is empty")
    value = number(row["count"], "count")
    importer.seen_year(year)
    asylum = importer.countries.code(row["asylum_iso3"])
    origin = importer.countries.code(row["origin_iso3"])
    return [(group, year, 0, asylum, origin, "", value, None)]


UNHCR_FINDER_COLUMNS = {
    "refugees under unhcr's mandate": "refugee",
    "asylum-seekers": "asylum",
    "returned refugees": "ref_return",
    "idps of concern to unhcr": "idp",
    "returned idpss": "idp_return",
    "returned idps": "idp_return",
    "stateless persons": "stateless",
    "others of concern": "other",
    "other people in need of international protection": "oip",
}


def parse_unhcr_finder(importer, row):
    """UNHCR Refugee Data Finder download: a row per year, origin and asylum."""
    year = year_of(row["year"])
    asylum = importer.countries.code(row["country of asylum (iso)"])
    origin = importer.countries.code(row["country of origin (iso)"])
    importer.seen_year(year)
    records = []
    for column, group in UNHCR_FINDER_COLUMNS.items():
        if column in row and not blank(row[column]):
            records.append((group, year, 0, asylum, origin, "", number(row[column], column), None))
    return records


class DisplacementImporter(Importer):
    dataset = "displacement"
    totals = (("refugee_orig", "refugee", True),)
    layouts = (
        Layout(
            "asylum × origin × group CSV",
            ("year", "asylum_iso3", "origin_iso3", "population_group", "count"),
            parse_unhcr_long,
        ),
        Layout(
            "UNHCR Refugee Data Finder download",
            ("year", "country of origin (iso)", "country of asylum (iso)"),
            parse_unhcr_finder,
        ),
    )

    def default_version(self, layout):
        return f"UNHCR to {self.stats.max_year}"


IMPORTERS = {
    cls.dataset: cls
    for cls in (
        MissingMigrantsImporter,
        MigrantStockImporter,
        RemittanceFlowsImporter,
        RemittancePricesImporter,
        DisplacementImporter,
        PopulationImporter,
    )
}
