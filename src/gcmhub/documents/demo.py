"""Demo documents: one of each kind, written for gcmhub (fictional places and figures), plus
the four sample UN documents from GCMHUB_SHARED_DIR/seeds when that folder exists."""

import datetime
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from gcmhub.accounts.demo import demo_user
from gcmhub.documents import ingestion, workflow
from gcmhub.documents.models import Document
from gcmhub.framework.models import Country, Region

SECRETARIAT = "secretariat@demo.gcmhub.org"

# (file name, kind, country ISO3 or None, region M49 or None, date, uploader, title, text)
DOCUMENTS = [
    (
        "mex-voluntary-review.txt",
        "voluntary-review",
        "MEX",
        None,
        "2025-11-03",
        "focal.mexico@demo.gcmhub.org",
        "Voluntary national review of GCM implementation (demo)",
        """I. Process

1. The review was drafted by an inter-ministerial working group with input from migrant
associations, universities, employers and three state governments.

II. Progress by objective

2. Consulates opened mobile offices in twelve farming regions abroad, renewing identity
documents and hearing complaints from seasonal workers.

3. Public clinics now treat everyone regardless of migration status; interpreters are
available in Indigenous languages.

4. The Government will cut the average cost of sending money home to below 3 per cent by
2030, working with the central bank and mobile wallet providers.

5. Shelters for children travelling alone added psychologists and legal advisers.
""",
    ),
    (
        "ken-national-plan.txt",
        "national-plan",
        "KEN",
        None,
        "2024-06-20",
        "focal.kenya@demo.gcmhub.org",
        "National GCM implementation plan 2024-2028 (demo)",
        """Priority areas

1. We commit to registering every labour recruitment agency and banning fees charged to
workers by December 2025.

2. The Ministry of Labour will train 400 labour attachés and inspectors by 2026.

(a) Pre-departure training will be offered in all counties.

(b) A complaints hotline will answer workers abroad around the clock.

3. The statistics office will publish migration data disaggregated by sex and age every
year.
""",
    ),
    (
        "regional-review-africa.txt",
        "regional-review",
        None,
        "002",
        "2024-09-10",
        SECRETARIAT,
        "Regional review of the Compact in Africa (demo)",
        """1. Member States of the region reported progress on free movement protocols and on
the portability of social security benefits between neighbouring countries.

2. Participants called for more search and rescue capacity along desert routes and for
support to families looking for missing relatives.

3. States are urged to adopt alternatives to immigration detention, especially for
children.
""",
    ),
    (
        "union-submission.txt",
        "stakeholder-submission",
        "ZAF",
        None,
        "2025-02-14",
        "stakeholder.union@demo.gcmhub.org",
        "Submission on domestic and care workers (demo)",
        """1. Domestic workers who move abroad often pay large recruitment fees and lose their
passports to employers.

2. We call on governments to include domestic work in labour law and to inspect private
homes where workers live.

3. Our union trained 1,200 care workers on their rights and opened two help desks.
""",
    ),
    (
        "sg-report-demo.txt",
        "sg-report",
        None,
        None,
        "2025-12-01",
        SECRETARIAT,
        "Implementation of the Compact: overview for the demo",
        """I. Introduction

1. This overview summarises what Member States and stakeholders reported in the period.

II. Findings

2. Remittance costs fell in several corridors as digital services spread, but remain far
above the target in others.

3. Many countries improved data on migration, yet few publish figures by sex, age and
status.

4. Xenophobic speech online remains a concern; several governments funded campaigns on
fair reporting about migrants.
""",
    ),
    (
        "declaration-demo.txt",
        "declaration",
        None,
        None,
        "2026-05-08",
        SECRETARIAT,
        "Ministerial declaration on safe journeys (demo)",
        """1. We reaffirm our shared responsibility to save lives during migration.

2. We commit to coordinating search and rescue at sea and to identifying the remains of
those who died.

3. We will expand regular pathways for work, study and family reunification.
""",
    ),
    (
        "statement-fr.txt",
        "statement",
        "MAR",
        None,
        "2026-05-06",
        "focal.morocco@demo.gcmhub.org",
        "Déclaration nationale au Forum (démo)",
        """1. Notre pays a ouvert des guichets d'information pour les personnes migrantes dans
cinq villes.

2. Nous nous engageons à réduire le coût des envois de fonds d'ici 2030.

3. Des cours de langue et de formation professionnelle sont offerts aux nouveaux arrivants.
""",
    ),
    (
        "other-zh.txt",
        "other",
        None,
        "142",
        "2025-04-01",
        SECRETARIAT,
        "区域移民合作简报（演示）",
        """1. 各国在区域协商进程中交流了劳务移民和技能认证方面的经验。

2. 数字汇款服务降低了向家人汇款的费用。

3. 各国承诺加强移民数据的收集和共享。
""",
    ),
]

SEEDS = [
    (
        "sg-report-2017-making-migration-work-for-all.txt",
        "sg-report",
        "2017-12-12",
        "Making migration work for all (Report of the Secretary-General, 2017)",
    ),
    (
        "imrf-progress-declaration-zero-draft.txt",
        "declaration",
        "2022-03-17",
        "IMRF Progress Declaration, zero draft",
    ),
    ("imrf-2022-background-note.txt", "other", "2022-04-01", "IMRF 2022 background information"),
    (
        "idm-2022-briefing-statement.txt",
        "statement",
        "2022-04-11",
        "Briefing statement at the International Dialogue on Migration 2022",
    ),
]


def _add(out, name, data, kind, title, date, uploader, country=None, region=None):
    if Document.objects.filter(content_hash=ingestion.content_hash(data)).exists():
        return 0
    document = ingestion.submit(
        SimpleUploadedFile(name, data),
        by=uploader,
        title=title,
        kind=kind,
        country=country,
        region=region,
        date=datetime.date.fromisoformat(date),
    )
    if document.processing == Document.Processing.READY:
        workflow.publish(document, by=demo_user(SECRETARIAT))
    else:
        out.write(f"  document {name} failed: {document.failure_reason}\n")
    return 1


def load(out):
    added = 0
    for name, kind, iso3, m49, date, email, title, text in DOCUMENTS:
        added += _add(
            out,
            name,
            text.encode("utf-8"),
            kind,
            title,
            date,
            demo_user(email),
            country=Country.objects.get(iso3=iso3) if iso3 else None,
            region=Region.objects.get(m49=m49) if m49 else None,
        )
    seeds = Path(settings.GCMHUB_SHARED_DIR) / "seeds"
    if seeds.is_dir():
        for name, kind, date, title in SEEDS:
            path = seeds / name
            if path.exists():
                added += _add(
                    out, name, path.read_bytes(), kind, title, date, demo_user(SECRETARIAT)
                )
    out.write(f"documents: {added} added\n")
