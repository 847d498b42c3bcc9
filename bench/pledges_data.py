"""Generates the pledge benchmark data (50,000 pledges, 200,000 progress reports by default) with
bulk inserts, and keeps the derived fields on each pledge as the services would."""

import random
from datetime import date, timedelta
from decimal import Decimal

PLEDGES = 50_000
REPORTS = 200_000
WORDS = (
    "migrant",
    "workers",
    "centres",
    "training",
    "remittances",
    "recruitment",
    "data",
    "children",
    "health",
    "housing",
    "language",
    "return",
    "reintegration",
    "labour",
    "rights",
    "inspectors",
    "attachés",
    "border",
    "rescue",
    "skills",
    "nurses",
    "city",
    "union",
    "research",
    "index",
    "visa",
    "disaster",
    "fees",
    "wages",
    "contracts",
    "shelter",
    "hotline",
)


def generate(pledges: int = PLEDGES, reports: int = REPORTS, seed: int = 7, out=print) -> None:
    from django.db import transaction

    from gcmhub.accounts.models import Organization
    from gcmhub.framework.models import Country, GuidingPrinciple, Objective, StakeholderType
    from gcmhub.pledges import search
    from gcmhub.pledges.models import (
        STATE_KIND,
        Level,
        Pledge,
        PledgeForm,
        PledgeSequence,
        PledgeTerm,
        PledgeType,
        ProgressReport,
        ProgressStatus,
        Target,
    )

    if Pledge.objects.count() >= pledges:
        out(f"data present: {Pledge.objects.count()} pledges")
        return
    rng = random.Random(seed)
    countries = list(Country.objects.filter(is_member_state=True).select_related("region"))
    kinds = list(StakeholderType.objects.all())
    orgs = []
    for n in range(200):
        org, _ = Organization.objects.get_or_create(
            name=f"Bench organisation {n}",
            defaults={
                "stakeholder_type": kinds[n % len(kinds)],
                "country": countries[n % len(countries)],
            },
        )
        orgs.append(org)
    objective_ids = list(Objective.objects.values_list("pk", flat=True))
    principle_ids = list(GuidingPrinciple.objects.values_list("pk", flat=True))
    org_region = {o.pk: o.country.region_id for o in Organization.objects.select_related("country")}
    today = date.today()
    statuses = ProgressStatus.values
    per_year = {2022: 0, 2026: 0}
    with transaction.atomic():
        rows = []
        for i in range(pledges):
            year = 2022 if i % 5 else 2026
            per_year[year] += 1
            announced = date(year, 5, 20) + timedelta(days=rng.randint(0, 3))
            state = rng.random() < 0.55
            country = rng.choice(countries)
            org = None if state else rng.choice(orgs)
            kind = rng.choice(PledgeType.values)
            words = " ".join(
                [rng.choice(WORDS) for _ in range(8)]
                + [f"w{min(int(rng.paretovariate(1.1)), 3000)}" for _ in range(40)]
            )
            rows.append(
                Pledge(
                    public_id=f"IMRF{year}-{per_year[year]:04d}",
                    entity_country=country if state else None,
                    entity_organization=org,
                    entity_kind=STATE_KIND if state else org.stakeholder_type.slug,
                    region_id=country.region_id if state else org_region[org.pk],
                    contact_name="Bench",
                    contact_email=f"bench{i}@example.org",
                    title=f"Pledge {i}: {rng.choice(WORDS)} and {rng.choice(WORDS)}",
                    description=f"We will open {words}",
                    pledge_type=kind,
                    form=rng.choice(PledgeForm.values),
                    level=rng.choice(Level.values),
                    forum_year=year,
                    announced_on=announced,
                    amount=Decimal(rng.randint(1, 500) * 10000) if kind == "financial" else None,
                    currency=rng.choice(["USD", "EUR", "CHF"]) if kind == "financial" else "",
                    recipient=rng.choice(["Migration MPTF", "IOM", "ILO"])
                    if kind == "financial"
                    else "",
                    withdrawn_at=None,
                )
            )
        Pledge.objects.bulk_create(rows, batch_size=2000)
        for year, last in per_year.items():
            PledgeSequence.objects.update_or_create(prefix=f"IMRF{year}", defaults={"last": last})
        ids = list(Pledge.objects.order_by("pk").values_list("pk", "announced_on"))
        out(f"{len(ids)} pledges")
        objectives, principles, concerned, targets = [], [], [], []
        for pk, announced in ids:
            for objective in rng.sample(objective_ids, rng.randint(1, 3)):
                objectives.append(Pledge.objectives.through(pledge_id=pk, objective_id=objective))
            for principle in rng.sample(principle_ids, rng.randint(1, 2)):
                principles.append(
                    Pledge.principles.through(pledge_id=pk, guidingprinciple_id=principle)
                )
            concerned.append(
                Pledge.countries.through(pledge_id=pk, country_id=rng.choice(countries).pk)
            )
            targets.append(
                Target(
                    pledge_id=pk,
                    indicator="People reached",
                    baseline=Decimal(0),
                    target_value=Decimal(1000),
                    unit="people",
                    due_date=announced + timedelta(days=rng.randint(200, 1800)),
                )
            )
        Pledge.objectives.through.objects.bulk_create(objectives, batch_size=5000)
        Pledge.principles.through.objects.bulk_create(principles, batch_size=5000)
        Pledge.countries.through.objects.bulk_create(concerned, batch_size=5000)
        Target.objects.bulk_create(targets, batch_size=5000)
        names = {c.pk: c.name for c in countries} | {o.pk: o.name for o in orgs}
        texts = Pledge.objects.values_list(
            "pk", "public_id", "title", "description", "entity_country_id", "entity_organization_id"
        )
        term_rows = []
        for pk, public_id, title, description, country_id, org_id in texts.iterator():
            entity = names.get(country_id) if country_id else names.get(org_id, "")
            words = search.terms(" ".join([public_id, title, description, entity or ""]))
            term_rows.extend(PledgeTerm(pledge_id=pk, term=term) for term in words)
            if len(term_rows) > 20000:
                PledgeTerm.objects.bulk_create(term_rows, batch_size=5000)
                term_rows = []
        PledgeTerm.objects.bulk_create(term_rows, batch_size=5000)
        out(f"{len(objectives)} objective links, {len(targets)} targets")
        latest = {}
        batch = []
        for _ in range(reports):
            pk, announced = ids[rng.randrange(len(ids))]
            span = max(1, (today - announced).days)
            on = announced + timedelta(days=rng.randint(1, span))
            status = rng.choice(statuses)
            progress = float(rng.randint(0, 100))
            batch.append(
                ProgressReport(
                    pledge_id=pk,
                    reported_on=on,
                    status=status,
                    discontinued_reason="Funding ended." if status == "discontinued" else "",
                    narrative="Progress in the period.",
                    progress=progress,
                )
            )
            if pk not in latest or latest[pk][0] < on:
                latest[pk] = (on, status, progress)
            if len(batch) == 5000:
                ProgressReport.objects.bulk_create(batch)
                batch = []
        ProgressReport.objects.bulk_create(batch)
        out(f"{reports} progress reports")
        changed = []
        due = dict(Target.objects.values_list("pledge_id", "due_date"))
        for pk, (on, status, progress) in latest.items():
            finished = status in ("completed", "discontinued")
            changed.append(
                Pledge(
                    pk=pk,
                    last_report_on=on,
                    progress_status=status,
                    progress=progress,
                    next_due_on=None if finished else due[pk],
                )
            )
        Pledge.objects.bulk_update(
            changed,
            ["last_report_on", "progress_status", "progress", "next_due_on"],
            batch_size=2000,
        )
        never = [pk for pk, _ in ids if pk not in latest]
        Pledge.objects.filter(pk__in=never[:20000]).update(next_due_on=date(2027, 1, 1))
        withdrawn = [pk for pk, _ in ids[::97]]
        from django.utils import timezone

        Pledge.objects.filter(pk__in=withdrawn).update(
            withdrawn_at=timezone.now(), withdrawn_reason="Bench"
        )
    out("derived fields updated")
