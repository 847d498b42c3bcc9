"""Demo pledges: States and stakeholders, all types and forms, with targets and progress reports,
so the dashboard looks like a forum's. All text written for gcmhub. Idempotent (by title)."""

from datetime import date, timedelta
from decimal import Decimal

from gcmhub.accounts.demo import demo_user
from gcmhub.accounts.models import Organization
from gcmhub.framework.models import Country, GuidingPrinciple, Objective
from gcmhub.pledges import services
from gcmhub.pledges.models import Participant, Pledge

SECRETARIAT = "secretariat@demo.gcmhub.org"
FOCAL = {
    "MEX": "focal.mexico@demo.gcmhub.org",
    "KEN": "focal.kenya@demo.gcmhub.org",
    "PHL": "focal.philippines@demo.gcmhub.org",
    "DEU": "focal.germany@demo.gcmhub.org",
    "MAR": "focal.morocco@demo.gcmhub.org",
}
ORG_USERS = {
    "Coastal Migrant Workers' Alliance": "stakeholder.migrants@demo.gcmhub.org",
    "City of Riverside Integration Office": "stakeholder.city@demo.gcmhub.org",
    "Andean Human Mobility Research Centre": "stakeholder.research@demo.gcmhub.org",
    "Union of Domestic and Care Workers": "stakeholder.union@demo.gcmhub.org",
    "Global Migration Data Partnership": SECRETARIAT,
}

# Each theme: title, description, type, objectives, principles, level, targets
# (indicator, baseline, target or None for a milestone, unit, years after announcement).
THEMES = [
    (
        "One-stop centres for returning migrant workers",
        "We will open one-stop centres in the main districts of return where migrant workers "
        "coming home can, in a single visit, register for social protection, have their skills "
        "and diplomas recognised, get advice on starting a business and be referred to "
        "psychosocial support. Staff of the labour, health and social ministries will work "
        "side by side in each centre, and a shared case file will follow each returnee.",
        "process",
        [21, 18],
        ["people-centred", "whole-of-government-approach"],
        "national",
        [
            ("One-stop centres open", 0, 6, "centres", 2),
            ("Returnees served by the centres", 0, 12000, "people", 3),
        ],
    ),
    (
        "Ending recruitment fees charged to workers",
        "We will amend the licensing rules for recruitment agencies so that no fee or related "
        "cost may be charged to a worker, publish a public list of licensed agencies with their "
        "compliance record, and train labour inspectors to investigate complaints from workers "
        "recruited abroad. Employers who use unlicensed agencies will lose access to the "
        "foreign worker programme for two years.",
        "policy",
        [6],
        ["rule-of-law-and-due-process", "human-rights"],
        "national",
        [
            ("Regulation on zero recruitment fees adopted", None, None, "", 1),
            ("Labour inspectors trained on fair recruitment", 20, 400, "inspectors", 2),
        ],
    ),
    (
        "Contribution to the Migration Multi-Partner Trust Fund",
        "We will contribute to the Migration Multi-Partner Trust Fund over the next three years, "
        "to finance joint programmes that help countries put the Global Compact into practice, "
        "with a preference for programmes designed with local authorities and migrant "
        "organisations. We will publish each transfer and report on the programmes funded with "
        "our contribution at the next review forum.",
        "financial",
        [23],
        ["international-cooperation", "whole-of-society-approach"],
        "international",
        [("Share of the contribution transferred", 0, 100, "%", 3)],
    ),
    (
        "Firewall between health services and immigration enforcement",
        "We will adopt guidance that forbids public clinics and hospitals from sharing patient "
        "data with immigration authorities, train front-line health staff on the rights of "
        "migrants in an irregular situation, and run an information campaign in six languages "
        "so that migrants know they can seek care without fear of being reported.",
        "policy",
        [15],
        ["human-rights", "people-centred"],
        "national",
        [
            (
                "Guidance on data separation issued to all public health facilities",
                None,
                None,
                "",
                1,
            ),
            ("Health workers trained", 0, 3000, "people", 2),
        ],
    ),
    (
        "Cheaper and faster remittances",
        "We will license two new digital remittance providers, require all providers to publish "
        "the full cost of sending 200 dollars on a public comparison website, and give migrants "
        "a free basic account at the state savings bank. The aim is to bring the average cost of "
        "sending money home below three per cent.",
        "policy",
        [20],
        ["sustainable-development"],
        "national",
        [("Average cost of sending 200 USD", Decimal("6.8"), Decimal("3.0"), "%", 4)],
    ),
    (
        "Search and rescue coordination and identification of missing migrants",
        "We will set up a regional coordination cell for search and rescue along our coasts, "
        "create a forensic database to identify migrants who died on the route, and open a "
        "contact point where families can report missing relatives and receive news. Data will "
        "be shared with neighbouring States under a written agreement.",
        "process",
        [8],
        ["international-cooperation", "human-rights"],
        "regional",
        [
            ("Regional coordination cell operating", None, None, "", 1),
            ("Families receiving an answer from the contact point", 0, 500, "families", 3),
        ],
    ),
    (
        "Seconded labour attachés for migrant workers abroad",
        "We will post twelve additional labour attachés to our embassies in the main countries "
        "of destination, each with a budget to provide legal aid and emergency shelter to "
        "workers in distress, and a hotline answered around the clock in the workers' "
        "languages. Each attaché will report every quarter on the cases handled and the "
        "employers involved, and the reports will be shared with the destination countries.",
        "human_resources",
        [14, 6],
        ["people-centred"],
        "international",
        [
            ("Labour attachés deployed", 0, 12, "attachés", 2),
            ("Workers assisted through the hotline", 0, 20000, "calls", 3),
        ],
    ),
    (
        "Municipal welcome and language programme",
        "The city will run a welcome programme for newly arrived migrants: an orientation day "
        "every month, free language courses with childcare, and a mentoring scheme pairing "
        "newcomers with long-term residents. Migrant organisations will co-design the "
        "curriculum and sit on the programme's steering board, which meets every quarter.",
        "process",
        [16],
        ["whole-of-society-approach", "gender-responsive"],
        "local",
        [
            ("Newcomers completing the language course", 0, 1500, "people", 2),
            ("Mentoring pairs formed", 0, 600, "pairs", 3),
        ],
    ),
    (
        "Open data on labour migration flows",
        "We will publish, every quarter, open data on work permits issued, by sector, sex, age "
        "and country of origin, following the international recommendations on migration "
        "statistics, and train national statisticians from five partner countries to produce "
        "comparable tables. The code used to build the tables will be published with the data "
        "so that other offices can reuse it.",
        "process",
        [1],
        ["sustainable-development", "international-cooperation"],
        "international",
        [
            ("Quarterly open datasets published", 0, 12, "releases", 3),
            ("Statisticians trained", 0, 60, "people", 2),
        ],
    ),
    (
        "Alternatives to immigration detention for children",
        "We will end the detention of children for migration reasons by amending the aliens "
        "act, and fund community-based case management for families, run with civil society, "
        "so that children and their parents stay together in the community while their status "
        "is decided. An independent monitor will visit border facilities twice a year.",
        "policy",
        [13],
        ["child-sensitive", "human-rights", "rule-of-law-and-due-process"],
        "national",
        [
            ("Amendment ending child detention adopted", None, None, "", 2),
            ("Families in community case management", 0, 800, "families", 3),
        ],
    ),
    (
        "Protection of domestic and care workers",
        "Our union will organise domestic and care workers who migrated for work, train 300 of "
        "them as peer advisers on contracts, wages and rest days, and bring test cases to the "
        "labour courts to establish that live-in workers are covered by the minimum wage. We "
        "will also publish a plain-language guide to workers' rights in eight languages.",
        "process",
        [6, 22],
        ["gender-responsive", "human-rights"],
        "national",
        [
            ("Peer advisers trained", 0, 300, "people", 2),
            ("Test cases filed at the labour court", 0, 10, "cases", 3),
        ],
    ),
    (
        "Skills partnership for nurses",
        "We will train nurses in a partner country to the standard required here, with half of "
        "the graduates staying to work in their own health system and half recruited under "
        "ethical contracts, and fund the partner country's nursing schools with a share of the "
        "recruitment budget. Recruited nurses keep the right to return home with their "
        "pension contributions transferred.",
        "financial",
        [18, 5],
        ["international-cooperation", "sustainable-development"],
        "international",
        [
            ("Nurses graduating from the joint programme", 0, 400, "nurses", 4),
            ("Funding transferred to partner nursing schools", 0, 100, "%", 3),
        ],
    ),
    (
        "Regular pathways for people displaced by disasters",
        "We will create a humanitarian visa for people whose homes were destroyed by sudden "
        "disasters in neighbouring countries, valid for two years with the right to work, and "
        "agree with the affected States on procedures to activate it within two weeks of a "
        "disaster. Holders will be able to bring their close family and to apply for another "
        "permit if they find stable work.",
        "policy",
        [2, 5],
        ["international-cooperation", "human-rights"],
        "regional",
        [("Humanitarian visa created in law", None, None, "", 2)],
    ),
    (
        "Research network on migrant inclusion in Andean cities",
        "The centre will lead a network of universities that measures how migrants are included "
        "in five cities: access to schools, clinics, housing and jobs. We will publish a yearly "
        "index with the city governments and hold public hearings where migrants comment on the "
        "results. All survey instruments and anonymised data will be open for reuse.",
        "process",
        [1, 16],
        ["whole-of-society-approach", "sustainable-development"],
        "regional",
        [
            ("Cities covered by the inclusion index", 0, 5, "cities", 2),
            ("Index editions published", 0, 3, "editions", 4),
        ],
    ),
    (
        "Refugee housing support",
        "We will provide transitional housing for refugees and asylum seekers in three "
        "provinces and support their applications with free legal counselling, working with "
        "local churches and volunteers, so that families do not sleep rough while their asylum "
        "claims are being processed by the authorities. Volunteers will be trained first.",
        "process",
        [15],
        ["human-rights"],
        "local",
        [("Families housed", 0, 300, "families", 2)],
    ),
    (
        "Strengthening cooperation on migration",
        "We reaffirm our commitment to the Global Compact and will strive to promote safe, "
        "orderly and regular migration through dialogue, and we encourage all partners to "
        "advance its objectives. We remain committed to the whole-of-society approach and hope "
        "to contribute to the shared effort in the years ahead, together with our partners in "
        "the region and beyond.",
        "process",
        [23],
        ["international-cooperation"],
        "international",
        [],
    ),
]

# (theme index, entity: ISO3 or organisation name, form, forum year, partners, matches theme)
PLEDGES = [
    (0, "PHL", "individual", 2022, [], None),
    (0, "MEX", "individual", 2022, [], None),
    (0, "MAR", "individual", 2026, [], None),
    (1, "PHL", "common", 2022, [("Indonesia", "IDN"), ("Nepal", "NPL")], None),
    (
        1,
        "Fair Recruitment Employers' Forum",
        "partnership",
        2022,
        [("Union of Domestic and Care Workers", None)],
        None,
    ),
    (1, "ARE", "individual", 2022, [], None),
    (2, "DEU", "individual", 2022, [], None),
    (2, "CAN", "individual", 2022, [], None),
    (2, "SWE", "matching", 2022, [], 2),
    (2, "PRT", "individual", 2026, [], None),
    (3, "ESP", "individual", 2022, [], None),
    (3, "City of Riverside Integration Office", "individual", 2022, [], None),
    (4, "MEX", "partnership", 2022, [("Global Migration Data Partnership", None)], None),
    (4, "KEN", "individual", 2022, [], None),
    (4, "GTM", "individual", 2026, [], None),
    (5, "MAR", "common", 2022, [("Spain", "ESP"), ("Senegal", "SEN")], None),
    (5, "ITA", "individual", 2022, [], None),
    (6, "PHL", "individual", 2022, [], None),
    (6, "BGD", "individual", 2026, [], None),
    (
        7,
        "City of Riverside Integration Office",
        "partnership",
        2022,
        [("Coastal Migrant Workers' Alliance", None)],
        None,
    ),
    (7, "CHE", "individual", 2022, [], None),
    (
        8,
        "Global Migration Data Partnership",
        "partnership",
        2022,
        [("Kenya", "KEN"), ("Ecuador", "ECU")],
        None,
    ),
    (8, "COL", "individual", 2022, [], None),
    (9, "MEX", "individual", 2022, [], None),
    (9, "THA", "individual", 2022, [], None),
    (10, "Union of Domestic and Care Workers", "individual", 2022, [], None),
    (
        10,
        "Coastal Migrant Workers' Alliance",
        "common",
        2026,
        [("Union of Domestic and Care Workers", None)],
        None,
    ),
    (11, "DEU", "partnership", 2022, [("Philippines", "PHL")], None),
    (11, "KEN", "matching", 2022, [], 11),
    (12, "KEN", "common", 2022, [("Uganda", "UGA"), ("Ethiopia", "ETH")], None),
    (12, "ARG", "individual", 2026, [], None),
    (13, "Andean Human Mobility Research Centre", "individual", 2022, [], None),
    (14, "AUS", "individual", 2022, [], None),
    (15, "NZL", "individual", 2022, [], None),
    (6, "NPL", "individual", 2022, [], None),
    (4, "SEN", "individual", 2022, [], None),
]

WITHDRAWN = {
    24: "The programme was merged into a national plan reported under another pledge.",
    33: "Replaced by a more specific pledge to be announced at the next forum.",
}
FORUM_DAYS = {2022: date(2022, 5, 20), 2026: date(2026, 5, 8)}
RECIPIENTS = ["Migration Multi-Partner Trust Fund", "Partner nursing schools"]


def _entity(code: str) -> dict:
    if len(code) == 3 and code.isupper():
        return {"entity_country": Country.objects.get(iso3=code), "entity_organization": None}
    return {"entity_country": None, "entity_organization": Organization.objects.get(name=code)}


def _author(code: str):
    email = FOCAL.get(code) or ORG_USERS.get(code) or SECRETARIAT
    return demo_user(email)


def _data(index: int, spec, matched: dict) -> dict:
    theme, code, form, year, partners, match_theme = spec
    title, description, kind, objectives, principles, level, targets = THEMES[theme]
    announced = FORUM_DAYS[year] + timedelta(days=index % 3)
    entity = _entity(code)
    name = str(entity["entity_country"] or entity["entity_organization"])
    data = {
        **entity,
        "contact_name": "Pledge contact",
        "contact_email": f"pledges{index}@demo.gcmhub.org",
        "title": f"{title} ({name})" if form != "matching" else f"Matching: {title} ({name})",
        "description": description,
        "pledge_type": kind,
        "form": form,
        "matches": matched.get(match_theme) if form == "matching" else None,
        "objectives": list(Objective.objects.filter(number__in=objectives)),
        "principles": list(GuidingPrinciple.objects.filter(slug__in=principles)),
        "level": level,
        "countries": list(Country.objects.filter(iso3__in=[code] if len(code) == 3 else [])),
        "forum_year": year,
        "announced_on": announced,
        "targets": [
            {
                "indicator": indicator,
                "baseline": Decimal(baseline) if baseline is not None else None,
                "target_value": Decimal(target) if target is not None else None,
                "unit": unit,
                "due_date": announced.replace(year=announced.year + years),
            }
            for indicator, baseline, target, unit, years in targets
        ],
        "participants": [
            {
                "name": partner,
                "email": f"partner{index}-{n}@demo.gcmhub.org",
                "country": Country.objects.filter(iso3=iso3).first() if iso3 else None,
                "organization": Organization.objects.filter(name=partner).first(),
                "part": "Co-finances and co-implements its share of the activities.",
            }
            for n, (partner, iso3) in enumerate(partners)
        ],
    }
    if kind == "financial":
        data |= {
            "amount": Decimal(250000 * (1 + index % 7)),
            "currency": ["USD", "EUR", "CHF"][index % 3],
            "recipient": RECIPIENTS[0 if theme == 2 else 1],
        }
    return data


def _reports(pledge: Pledge, index: int, by) -> None:
    """Zero to three reports, spread between announcement and today."""
    today = date.today()
    count = index % 4 if pledge.forum_year == 2022 else index % 2
    targets = list(pledge.targets.all())
    span = (today - pledge.announced_on).days
    for n in range(1, count + 1):
        share = n / (count + 1)
        last = n == count
        day = pledge.announced_on + timedelta(days=int(span * share))
        if last and index % 3:
            day = today - timedelta(days=20 + 30 * (index % 6))  # most report within the year
        finished = last and index % 5 == 0
        status = "completed" if finished else "in_progress"
        if last and index % 11 == 0:
            status = "discontinued"
        results = []
        for target in targets:
            if target.is_milestone:
                results.append(
                    {
                        "target": target,
                        "achieved": finished or n > 1,
                        "evidence": "Published in the official gazette.",
                    }
                )
            else:
                base = target.baseline or 0
                value = base + (target.target_value - base) * Decimal(
                    str(1.0 if finished else share)
                )
                results.append(
                    {
                        "target": target,
                        "value": value.quantize(Decimal("0.01")),
                        "evidence": "Figures from the programme's monitoring records.",
                    }
                )
        services.file_report(
            pledge,
            {
                "reported_on": day,
                "status": status,
                "discontinued_reason": "Funding was cut in the budget review."
                if status == "discontinued"
                else "",
                "narrative": f"Report {n}: activities went ahead as planned in this period; "
                "the main difficulty was staff turnover, which we addressed by training "
                "a second team.",
                "results": results,
            },
            by=by,
        )


def load(out) -> None:
    if not Country.objects.filter(iso3="MEX").exists():
        out.write("  pledges: the framework registry is missing; skipped.")
        return
    created = 0
    matched: dict[int, Pledge] = {}
    for index, spec in enumerate(PLEDGES):
        data = _data(index, spec, matched)
        existing = Pledge.objects.filter(title=data["title"]).first()
        if existing is None:
            by = _author(spec[1])
            existing = services.create_pledge(data, by=by)
            _reports(existing, index, by)
            for participant in existing.participants.all()[: 1 if index % 2 else 0]:
                services.respond_to_invitation(participant, True, by=by)
            if index in WITHDRAWN:
                services.withdraw_pledge(existing, WITHDRAWN[index], by=by)
            created += 1
        matched.setdefault(spec[0], existing)
    if created and not Participant.objects.filter(status="confirmed").exists():
        out.write("  pledges: no confirmed participant in the demo.")
    out.write(f"  pledges: {created} created, {Pledge.objects.count()} in the registry.")
