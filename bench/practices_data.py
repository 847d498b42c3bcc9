"""Shared by the practices benchmarks: a Django set-up and generated data (published practices
and roster experts), made with bulk inserts so that 20,000 practices take seconds."""

import json
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"
WORDS = [
    "migrant",
    "workers",
    "recruitment",
    "fees",
    "contracts",
    "remittances",
    "diaspora",
    "returnees",
    "reintegration",
    "children",
    "women",
    "border",
    "health",
    "housing",
    "language",
    "school",
    "skills",
    "recognition",
    "labour",
    "rights",
    "inclusion",
    "data",
    "census",
    "climate",
    "displacement",
    "shelters",
    "legal",
    "aid",
    "consular",
    "protection",
    "smuggling",
    "trafficking",
    "integration",
    "city",
    "municipal",
    "digital",
    "wallet",
    "savings",
    "training",
    "employers",
    "union",
]


def setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gcmhub.settings")
    os.environ.setdefault("GCMHUB_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from gcmhub.framework.loading import ensure_framework

    ensure_framework()


def sizes(argv=None):
    quick = "--quick" in (argv or sys.argv)
    return (2000, 200) if quick else (20000, 2000)


def _text(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n))


def ensure_practices(count: int, seed: int = 7) -> None:
    from django.db import connection, transaction

    from gcmhub.accounts.models import Role, User
    from gcmhub.framework.models import Country, GuidingPrinciple, Objective, StakeholderType
    from gcmhub.practices.models import Practice, PracticeTargetGroup, TargetGroup
    from gcmhub.practices.search import FTS_TABLE, body_of

    have = Practice.objects.filter(state="approved").count()
    if have >= count:
        return
    rng = random.Random(seed + have)
    submitter, _created = User.objects.get_or_create(
        email="bench-submitter@example.org", defaults={"role": Role.SECRETARIAT}
    )
    objectives = list(Objective.objects.values_list("id", flat=True))
    principles = list(GuidingPrinciple.objects.values_list("id", flat=True))
    countries = list(
        Country.objects.exclude(region=None).values_list("id", "region_id", "subregion_id")
    )
    types = list(StakeholderType.objects.all())
    now_ = time.time()
    with transaction.atomic():
        batch = []
        for index in range(have, count):
            start = date(2019, 1, 1) + timedelta(days=rng.randrange(0, 2200))
            batch.append(
                Practice(
                    submitter=submitter,
                    state="approved",
                    title=f"Practice {index}: {_text(rng, 5)}",
                    summary=_text(rng, 30),
                    description=_text(rng, 150),
                    primary_objective_id=rng.choice(objectives),
                    scope=rng.choice(["local", "national", "regional", "global"]),
                    implementing_entity=f"Organisation {rng.randrange(800)}",
                    implementer_type=rng.choice(types),
                    start_date=start,
                    start_year=start.year,
                    end_date=start + timedelta(days=700),
                    implementation_status=rng.choice(["completed", "mostly_completed"]),
                    results=_text(rng, 40),
                    language=rng.choice(["en", "en", "en", "fr", "es", "ar", "ru", "zh"]),
                    contact_email="contact@example.org",
                )
            )
        created = Practice.objects.bulk_create(batch, batch_size=1000)
        if not created or created[0].pk is None:
            created = list(Practice.objects.filter(state="approved").order_by("id")[have:count])
        stamp = Practice.objects.filter(pk__in=[p.pk for p in created])
        from django.utils import timezone

        stamp.update(published_at=timezone.now())
        through = {
            "objectives": Practice.objectives.through,
            "principles": Practice.principles.through,
            "countries": Practice.countries.through,
            "regions": Practice.regions.through,
        }
        rows = {name: [] for name in through}
        groups = []
        for practice in created:
            chosen = {practice.primary_objective_id, *rng.sample(objectives, rng.randrange(0, 3))}
            rows["objectives"] += [
                through["objectives"](practice_id=practice.pk, objective_id=o) for o in chosen
            ]
            rows["principles"] += [
                through["principles"](practice_id=practice.pk, guidingprinciple_id=p)
                for p in rng.sample(principles, 2)
            ]
            regions = set()
            for cid, region, subregion in rng.sample(countries, rng.randrange(1, 3)):
                rows["countries"].append(
                    through["countries"](practice_id=practice.pk, country_id=cid)
                )
                regions.update(r for r in (region, subregion) if r)
            rows["regions"] += [
                through["regions"](practice_id=practice.pk, region_id=r) for r in regions
            ]
            groups += [
                PracticeTargetGroup(practice_id=practice.pk, group=g)
                for g in rng.sample(TargetGroup.values, rng.randrange(1, 3))
            ]
        for name, model in through.items():
            model.objects.bulk_create(rows[name], batch_size=2000)
        PracticeTargetGroup.objects.bulk_create(groups, batch_size=2000)
        bodies = [(p.pk, body_of(p)) for p in created]
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.executemany(f"INSERT INTO {FTS_TABLE}(rowid, body) VALUES (%s, %s)", bodies)
            else:
                cursor.executemany(
                    f"INSERT INTO {FTS_TABLE}(practice_id, body) "
                    "VALUES (%s, to_tsvector('simple', %s))",
                    bodies,
                )
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"generated {count - have} practices in {time.time() - now_:.1f}s")


def ensure_experts(count: int, seed: int = 11) -> None:
    from django.db import transaction

    from gcmhub.accounts.models import Role, User
    from gcmhub.framework.models import Country, Objective
    from gcmhub.practices.models import Expert

    have = Expert.objects.count()
    if have >= count:
        return
    rng = random.Random(seed + have)
    objectives = list(Objective.objects.values_list("id", flat=True))
    countries = list(Country.objects.exclude(region=None).values_list("id", "region_id"))
    with transaction.atomic():
        users = User.objects.bulk_create(
            [
                User(
                    email=f"bench-expert-{i}@example.org",
                    role=Role.EXTERNAL_REVIEWER,
                    password="!",
                )
                for i in range(have, count)
            ],
            batch_size=1000,
        )
        users = list(User.objects.filter(email__startswith="bench-expert-").order_by("id"))[
            have:count
        ]
        experts = []
        for index, user in enumerate(users):
            cid, region = rng.choice(countries)
            experts.append(
                Expert(
                    user=user,
                    name=f"Expert {have + index}",
                    is_un=rng.random() < 0.3,
                    country_id=cid,
                    region_id=region,
                    gender=rng.choice(["woman", "man", "woman", "man", "other"]),
                    languages=",".join(sorted(rng.sample(["en", "fr", "es", "ar", "ru", "zh"], 2))),
                    years_experience=rng.randrange(2, 30),
                    status="approved",
                    available=rng.random() < 0.9,
                    max_load=3,
                )
            )
        experts = Expert.objects.bulk_create(experts, batch_size=1000)
        experts = list(Expert.objects.order_by("id"))[have:count]
        through = Expert.objectives.through
        through.objects.bulk_create(
            [
                through(expert_id=e.pk, objective_id=o)
                for e in experts
                for o in rng.sample(objectives, rng.randrange(1, 5))
            ],
            batch_size=2000,
        )


def cpu_figures(cpu_ms: list[float]) -> dict:
    """CPU time of this process per run (SQLite runs in-process): the figure without the
    contention from other work on a shared machine."""
    cpu = sorted(cpu_ms)
    return {
        "cpu_median_ms": round(statistics.median(cpu), 2),
        "cpu_p95_ms": round(cpu[max(0, round(0.95 * len(cpu)) - 1)], 2),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def report(name: str, timings_ms: list[float], extra: dict) -> dict:
    timings = sorted(timings_ms)
    p95 = timings[max(0, round(0.95 * len(timings)) - 1)]
    result = {
        "benchmark": name,
        "runs": len(timings),
        "median_ms": round(statistics.median(timings), 2),
        "p95_ms": round(p95, 2),
        "max_ms": round(timings[-1], 2),
        **extra,
    }
    OUT.mkdir(exist_ok=True)
    suffix = f"-{extra['database']}" if extra.get("database") else ""
    (OUT / f"{name}{suffix}.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))
    return result
