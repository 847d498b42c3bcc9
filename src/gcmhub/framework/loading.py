"""Load the framework registry from the data files shipped in the package.

Loading is idempotent: it updates what is there and adds what is missing, in one transaction.
"""

import csv
import json
import re
from datetime import date
from importlib import resources
from pathlib import Path

from django.db import transaction

from gcmhub.framework.models import (
    Action,
    Country,
    Forum,
    GuidingPrinciple,
    Objective,
    Region,
    RoundTable,
    SDGIndicator,
    SDGTarget,
    StakeholderType,
)

DATA = Path(__file__).resolve().parent / "data"
# country_converter keeps obsolete entities; these are kept because datasets still use them.
KEPT_OBSOLETE = {"CHI"}


def _json(name):
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def framework_is_loaded() -> bool:
    return Objective.objects.exists() and Country.objects.exists()


def ensure_framework() -> bool:
    """Load the registry if it is missing; say whether it loaded."""
    if framework_is_loaded():
        return False
    load_framework()
    return True


@transaction.atomic
def load_framework() -> dict:
    counts = {}
    counts["regions"] = _load_regions()
    counts["countries"] = _load_countries()
    counts["guiding_principles"] = _load_principles()
    counts["objectives"], counts["actions"] = _load_objectives()
    counts["forums"], counts["round_tables"] = _load_forums()
    counts["sdg_targets"], counts["sdg_indicators"] = _load_sdg()
    counts["stakeholder_types"] = _load_stakeholder_types()
    return counts


def _translations() -> dict:
    path = DATA / "translations.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def _load_regions():
    count = 0
    for region in _json("m49_regions.json")["regions"]:
        parent, _ = Region.objects.update_or_create(
            m49=region["code"], defaults={"name": region["name"], "level": Region.Level.REGION}
        )
        count += 1
        for code, name in region["subregions"]:
            Region.objects.update_or_create(
                m49=code,
                defaults={"name": name, "level": Region.Level.SUBREGION, "parent": parent},
            )
            count += 1
    return count


def country_rows():
    """Rows of country_converter's table (a maintained ISO 3166 / UN M49 concordance)."""
    table = resources.files("country_converter").joinpath("country_data.tsv")
    with table.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if row["obsolete"] and row["ISO3"] not in KEPT_OBSOLETE:
                continue
            yield row


def _iso2(value: str) -> str:
    """The alpha-2 code; a few rows of the concordance give a pattern such as ``^GR$|^EL$``,
    whose first code is the ISO one."""
    match = re.search(r"[A-Z]{2}", value or "")
    return match.group(0) if match else ""


def _load_countries():
    subregions = {r.name: r for r in Region.objects.filter(level=Region.Level.SUBREGION)}
    count = 0
    for row in country_rows():
        subregion = subregions.get(row["UNregion"])
        member_year = row["UNmember"]
        Country.objects.update_or_create(
            iso3=row["ISO3"],
            defaults={
                "iso2": _iso2(row["ISO2"]),
                "m49": row["UNcode"].zfill(3) if row["UNcode"].isdigit() else "",
                "name": row["name_short"],
                "official_name": row["name_official"],
                "subregion": subregion,
                "region": subregion.parent if subregion else None,
                "is_member_state": member_year.isdigit(),
                "member_since": int(member_year) if member_year.isdigit() else None,
                "name_pattern": row["regex"],
            },
        )
        count += 1
    return count


def _load_principles():
    data = _json("gcm_objectives.json")
    translations = _translations().get("principles", {})
    for principle in data["guiding_principles"]:
        GuidingPrinciple.objects.update_or_create(
            letter=principle["letter"],
            defaults={
                "slug": _slug(principle["name"]),
                "name": principle["name"],
                "text": principle["text"],
                "paragraph": data["guiding_principles_paragraph"],
                "i18n": translations.get(principle["letter"], {}),
            },
        )
    return len(data["guiding_principles"])


def _slug(name):
    return name.lower().replace(" ", "-").replace(",", "")


def _load_objectives():
    data = _json("gcm_objectives.json")
    labels = _json("objective_labels.json")
    translations = _translations().get("objectives", {})
    action_count = 0
    for item in data["objectives"]:
        commitment = item.get("commitment") or {}
        objective, _ = Objective.objects.update_or_create(
            number=item["number"],
            defaults={
                "short_label": labels[str(item["number"])],
                "title": item.get("title_sentence_case") or item["title"],
                "commitment_paragraph": commitment.get("paragraph") or item["number"] + 16,
                "commitment": commitment.get("text"),
                "actions_complete": item.get("complete", True),
                "source_note": item.get("note") or "",
                "i18n": translations.get(str(item["number"]), {}),
            },
        )
        for action in item["actions"]:
            Action.objects.update_or_create(
                objective=objective, letter=action["letter"], defaults={"text": action["text"]}
            )
            action_count += 1
    return len(data["objectives"]), action_count


def _load_forums():
    objectives = {o.number: o for o in Objective.objects.all()}
    countries = {c.iso3: c for c in Country.objects.all()}
    forum_count = table_count = 0
    for item in _json("forums.json")["forums"]:
        forum, _ = Forum.objects.update_or_create(
            slug=item["slug"],
            defaults={
                "name": item["name"],
                "short_name": item["short_name"],
                "year": item["year"],
                "start_date": _date(item.get("start_date")),
                "end_date": _date(item.get("end_date")),
                "location": item.get("location", ""),
                "segments": item.get("segments", []),
            },
        )
        forum_count += 1
        for table in item.get("round_tables", []):
            round_table, _ = RoundTable.objects.update_or_create(
                forum=forum, number=table["number"], defaults={"title": table.get("title", "")}
            )
            round_table.objectives.set([objectives[n] for n in table["objectives"]])
            round_table.co_chairs.set([countries[c] for c in table.get("co_chairs", [])])
            table_count += 1
    return forum_count, table_count


def _date(value):
    return date.fromisoformat(value) if value else None


def _load_sdg():
    data = _json("sdg.json")
    objectives = {o.number: o for o in Objective.objects.all()}
    targets = {}
    for item in data["targets"]:
        target, _ = SDGTarget.objects.update_or_create(
            code=item["code"], defaults={"title": item["title"]}
        )
        target.objectives.set([objectives[n] for n in item["objectives"]])
        targets[item["code"]] = target
    for item in data["indicators"]:
        indicator, _ = SDGIndicator.objects.update_or_create(
            code=item["code"],
            defaults={
                "target": targets[item["target"]],
                "title": item["title"],
                "custodian": item.get("custodian", ""),
            },
        )
        indicator.objectives.set([objectives[n] for n in item["objectives"]])
    return len(data["targets"]), len(data["indicators"])


def _load_stakeholder_types():
    items = _json("stakeholder_types.json")
    for order, item in enumerate(items):
        StakeholderType.objects.update_or_create(
            slug=item["slug"], defaults={"name": item["name"], "order": order}
        )
    return len(items)
