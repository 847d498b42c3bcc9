# ruff: noqa: E501  (demo prose: long strings read better unbroken)
"""Demo content for the Repository of Practices: experts, a call, and practices at every stage
of review. All texts are written for gcmhub's demo; the organisations are fictional."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from gcmhub.accounts.demo import demo_user
from gcmhub.accounts.models import User
from gcmhub.framework.models import Country, GuidingPrinciple, Objective, StakeholderType
from gcmhub.practices import review, roster, submission, workflow
from gcmhub.practices.models import Call, Expert, Practice, State

SECRETARIAT = "secretariat@demo.gcmhub.org"

# email (demo user or new), name, is_un, country, gender, languages, objectives, themes, public
EXPERTS = [
    (
        "reviewer.un@demo.gcmhub.org",
        "Sofia Rossi",
        True,
        "ITA",
        "woman",
        "en,fr,es",
        [1, 3, 17, 23],
        ["human_rights"],
        True,
    ),
    (
        "reviewer.un2@demo.gcmhub.org",
        "Kenji Watanabe",
        True,
        "JPN",
        "man",
        "en,zh",
        [5, 6, 18, 20],
        [],
        True,
    ),
    (
        "reviewer.external@demo.gcmhub.org",
        "Fatou Ndiaye",
        False,
        "SEN",
        "woman",
        "fr,en",
        [7, 10, 16, 21],
        ["gender", "child"],
        True,
    ),
    (
        "reviewer.external2@demo.gcmhub.org",
        "Liam O'Connor",
        False,
        "CAN",
        "man",
        "en,fr",
        [6, 15, 16, 18],
        [],
        False,
    ),
    (
        "reviewer.external3@demo.gcmhub.org",
        "Layla Haddad",
        False,
        "JOR",
        "woman",
        "ar,en",
        [2, 7, 16, 21],
        ["child", "human_rights"],
        True,
    ),
    (
        "expert.lopez@demo.gcmhub.org",
        "Mateo López",
        False,
        "COL",
        "man",
        "es,en",
        [4, 6, 19, 23],
        ["human_rights"],
        True,
    ),
    (
        "expert.petrova@demo.gcmhub.org",
        "Irina Petrova",
        False,
        "KAZ",
        "woman",
        "ru,en",
        [1, 5, 6, 20],
        ["gender"],
        False,
    ),
    (
        "expert.mensah@demo.gcmhub.org",
        "Kwame Mensah",
        True,
        "GHA",
        "man",
        "en,fr",
        [2, 9, 10, 11],
        [],
        True,
    ),
]

CALL = {
    "title": "Call for practices: reintegration that lasts",
    "objective": 21,
    "description": (
        "The secretariat invites States and stakeholders to share practices that help people "
        "who return to rebuild their lives: jobs, housing, psychosocial support and community "
        "acceptance. Practices with evidence from at least one year after return are welcome."
    ),
    "days": 60,
}

# target state, submitter, fields, objectives, principles, countries, groups
PRACTICES = [
    (
        State.APPROVED,
        "stakeholder.migrants@demo.gcmhub.org",
        {
            "title": "Pre-departure legal clinics for seafarers",
            "summary": "Volunteer lawyers review seafarers' contracts in port towns before they sign, so that unlawful clauses are caught early.",
            "description": "Twice a month, lawyers from the Coastal Migrant Workers' Alliance (CMWA) hold walk-in clinics in three port towns. Seafarers bring their draft contracts; the lawyers explain each clause, flag recruitment fees that the law forbids and help workers ask agencies for corrections.\n\nA hotline follows up once workers are at sea.",
            "scope": "national",
            "implementing_entity": "Coastal Migrant Workers' Alliance",
            "implementer_type": "migrant-diaspora",
            "start_date": date(2019, 6, 1),
            "end_date": date(2024, 5, 31),
            "implementation_status": "completed",
            "results": "About 3,400 contracts reviewed; one in five was corrected before signature, and complaints about illegal fees to the labour ministry fell in the three towns.",
            "lessons": "Holding clinics where crews already gather (union halls, churches) doubled attendance.",
            "replicability": "Needs a pool of volunteer lawyers and a template checklist, both easy to share.",
            "sustainability": "The bar association now credits clinic hours as pro bono service.",
            "resources": "Small grant for travel; lawyers volunteer.",
            "language": "en",
        },
        [6, 5],
        ["human-rights", "gender-responsive"],
        ["PHL"],
        ["migrant_workers"],
    ),
    (
        State.APPROVED,
        "stakeholder.city@demo.gcmhub.org",
        {
            "title": "One-stop welcome desks in city districts",
            "summary": "A single desk in each district where newcomers register, open a bank account and enrol children in school in one visit.",
            "description": "The City of Riverside Integration Office brought registration, school enrolment, health insurance and a bank partner to the same counter. Interpreters in eight languages are on call by video.",
            "scope": "local",
            "implementing_entity": "City of Riverside Integration Office",
            "implementer_type": "local-authority",
            "start_date": date(2020, 1, 15),
            "end_date": date(2024, 12, 31),
            "implementation_status": "completed",
            "results": "Average time from arrival to school enrolment fell from seven weeks to nine days.",
            "lessons": "Data sharing between offices needed a written agreement first.",
            "replicability": "Other cities in the region have copied the counter design.",
            "sustainability": "Now funded from the city's regular budget.",
            "language": "en",
        },
        [16, 15],
        ["whole-of-society-approach", "child-sensitive"],
        ["DEU"],
        ["families", "children"],
    ),
    (
        State.APPROVED,
        "focal.mexico@demo.gcmhub.org",
        {
            "title": "Ventanillas de atención a personas retornadas en aeropuertos",
            "summary": "Módulos en los aeropuertos orientan a las personas que regresan sobre empleo, documentos y salud desde el primer día.",
            "description": "El gobierno instaló módulos de atención en tres aeropuertos. Personal capacitado entrega constancias de identidad, registra competencias laborales y canaliza a programas de vivienda.",
            "scope": "national",
            "implementing_entity": "Gobierno de México",
            "implementer_type": "other",
            "start_date": date(2019, 2, 1),
            "end_date": date(2023, 12, 31),
            "implementation_status": "mostly_completed",
            "results": "Más de 40 000 personas atendidas; la mitad obtuvo un documento de identidad el mismo día.",
            "lessons": "La coordinación con los consulados antes del vuelo fue decisiva.",
            "replicability": "Aplicable en otros puntos de llegada con bajo costo.",
            "sustainability": "Incluido en el presupuesto federal.",
            "language": "es",
        },
        [21, 4],
        ["national-sovereignty", "human-rights"],
        ["MEX"],
        ["returnees"],
    ),
    (
        State.APPROVED,
        "stakeholder.research@demo.gcmhub.org",
        {
            "title": "Observatorio andino de movilidad humana",
            "summary": "Una plataforma abierta que reúne y armoniza datos de movilidad de cuatro países andinos.",
            "description": "El Centro Andino de Investigación sobre Movilidad Humana publica series trimestrales comparables sobre llegadas, regularización y empleo de personas migrantes, con notas metodológicas.",
            "scope": "regional",
            "implementing_entity": "Andean Human Mobility Research Centre",
            "implementer_type": "academia",
            "start_date": date(2021, 3, 1),
            "end_date": date(2025, 2, 28),
            "implementation_status": "completed",
            "results": "Tres ministerios usan las series en sus planes; 120 periodistas formados en su lectura.",
            "lessons": "Publicar el código de armonización generó confianza.",
            "replicability": "La metodología está documentada y se puede adaptar.",
            "sustainability": "Convenios de cinco años con dos universidades.",
            "language": "es",
        },
        [1],
        ["whole-of-government-approach", "international-cooperation"],
        ["ECU", "PER", "COL", "BOL"],
        ["communities"],
    ),
    (
        State.APPROVED,
        "focal.morocco@demo.gcmhub.org",
        {
            "title": "Guichets d'accompagnement pour les jeunes de retour",
            "summary": "Des conseillers aident les jeunes de retour à créer une activité ou à reprendre une formation.",
            "description": "Des guichets régionaux offrent un diagnostic individuel, un accompagnement de six mois et de petites subventions. Les familles sont associées aux entretiens.",
            "scope": "national",
            "implementing_entity": "Royaume du Maroc",
            "implementer_type": "other",
            "start_date": date(2019, 9, 1),
            "end_date": date(2024, 6, 30),
            "implementation_status": "completed",
            "results": "Plus de 2 000 jeunes accompagnés ; 60 % en emploi ou en formation un an après.",
            "lessons": "Le suivi psychosocial a réduit les abandons.",
            "replicability": "Modèle repris par deux régions voisines.",
            "sustainability": "Financement pluriannuel de l'État.",
            "language": "fr",
        },
        [21, 18],
        ["child-sensitive", "whole-of-society-approach"],
        ["MAR"],
        ["returnees", "children"],
    ),
    (
        State.APPROVED,
        "stakeholder.union@demo.gcmhub.org",
        {
            "title": "Care workers' rights by mobile phone",
            "summary": "A multilingual text-message service tells domestic and care workers about their rights and connects them to union advisers.",
            "description": "Workers subscribe by sending a keyword. Weekly messages in five languages cover wages, rest days and how to report abuse; replies reach a trained adviser within a day.",
            "scope": "national",
            "implementing_entity": "Union of Domestic and Care Workers",
            "implementer_type": "trade-union",
            "start_date": date(2020, 5, 1),
            "end_date": date(2024, 4, 30),
            "implementation_status": "completed",
            "results": "18,000 subscribers; 900 cases referred, of which 600 resolved with back pay.",
            "lessons": "Voice notes worked better than text for workers with little schooling.",
            "replicability": "Needs a bulk-messaging contract and a small adviser team.",
            "sustainability": "Union dues now fund two advisers.",
            "language": "en",
        },
        [6, 7, 16],
        ["gender-responsive", "human-rights"],
        ["ZAF"],
        ["women", "migrant_workers"],
    ),
    (
        State.IN_REVIEW,
        "stakeholder.city@demo.gcmhub.org",
        {
            "title": "Neighbourhood mentors for newly arrived families",
            "summary": "Trained residents accompany new families through their first six months.",
            "description": "Volunteer mentors meet families weekly, help with appointments and invite them to local clubs.",
            "scope": "local",
            "implementing_entity": "City of Riverside Integration Office",
            "implementer_type": "local-authority",
            "start_date": date(2021, 4, 1),
            "end_date": date(2024, 3, 31),
            "implementation_status": "completed",
            "results": "400 families mentored; most report knowing at least five neighbours by name.",
            "lessons": "Mentor burnout fell once pairs of mentors shared a family.",
            "replicability": "A mentor handbook is available.",
            "sustainability": "Partly funded by a foundation.",
            "language": "en",
        },
        [16],
        ["whole-of-society-approach"],
        ["DEU"],
        ["families"],
    ),
    (
        State.CHANGES_REQUESTED,
        "stakeholder.migrants@demo.gcmhub.org",
        {
            "title": "Remittance literacy circles",
            "summary": "Peer groups of migrant families compare transfer costs and plan savings together.",
            "description": "Facilitators meet families monthly to compare remittance providers and set savings goals.",
            "scope": "local",
            "implementing_entity": "Coastal Migrant Workers' Alliance",
            "implementer_type": "migrant-diaspora",
            "start_date": date(2020, 8, 1),
            "end_date": date(2023, 8, 1),
            "implementation_status": "completed",
            "results": "Families report lower fees.",
            "language": "en",
        },
        [20],
        ["gender-responsive"],
        ["PHL"],
        ["families", "diaspora"],
    ),
    (
        State.SCREENING,
        "focal.kenya@demo.gcmhub.org",
        {
            "title": "Labour attachés trained on survivor-centred referral",
            "summary": "Labour attachés in destination countries learn to identify and refer workers who suffered exploitation.",
            "description": "A two-week course prepares labour attachés to interview workers safely and refer them to shelters and legal aid.",
            "scope": "global",
            "implementing_entity": "Government of Kenya",
            "implementer_type": "other",
            "start_date": date(2022, 1, 10),
            "end_date": date(2024, 12, 20),
            "implementation_status": "mostly_completed",
            "results": "60 attachés trained; referrals doubled in two destination countries.",
            "language": "en",
        },
        [10, 6],
        ["human-rights", "rule-of-law-and-due-process"],
        ["KEN"],
        ["migrant_workers", "women"],
    ),
    (
        State.SUBMITTED,
        "stakeholder.research@demo.gcmhub.org",
        {
            "title": "Climate mobility maps for coastal municipalities",
            "summary": "Municipalities map where sea-level rise may push people to move and plan services ahead.",
            "description": "Researchers and municipal planners overlay flood projections with census data to plan schools and clinics.",
            "scope": "regional",
            "implementing_entity": "Andean Human Mobility Research Centre",
            "implementer_type": "academia",
            "start_date": date(2021, 6, 1),
            "end_date": date(2024, 6, 1),
            "implementation_status": "completed",
            "results": "Five municipalities adopted the maps in their plans.",
            "language": "en",
        },
        [2, 1],
        ["sustainable-development"],
        ["ECU"],
        ["communities"],
    ),
    (
        State.DRAFT,
        "stakeholder.union@demo.gcmhub.org",
        {
            "title": "Joint inspections of recruitment agencies (draft)",
            "summary": "Unions and labour inspectors visit agencies together.",
            "scope": "national",
            "implementing_entity": "Union of Domestic and Care Workers",
            "implementation_status": "ongoing",
            "language": "en",
        },
        [6],
        [],
        ["ZAF"],
        [],
    ),
    (
        State.REJECTED,
        "stakeholder.migrants@demo.gcmhub.org",
        {
            "title": "Fishing cooperative savings scheme",
            "summary": "A savings scheme for fishing crews.",
            "description": "Crews pool savings in a cooperative account.",
            "scope": "local",
            "implementing_entity": "Coastal Migrant Workers' Alliance",
            "implementer_type": "migrant-diaspora",
            "start_date": date(2019, 3, 1),
            "end_date": date(2020, 3, 1),
            "implementation_status": "completed",
            "results": "Members saved more.",
            "language": "en",
        },
        [19],
        [],
        ["PHL"],
        ["migrant_workers"],
    ),
    (
        State.WITHDRAWN,
        "focal.philippines@demo.gcmhub.org",
        {
            "title": "Diaspora volunteer teachers programme",
            "summary": "Diaspora teachers give summer classes in their home provinces.",
            "description": "Teachers abroad volunteer for four weeks each summer.",
            "scope": "national",
            "implementing_entity": "Government of the Philippines",
            "implementer_type": "other",
            "start_date": date(2019, 5, 1),
            "end_date": date(2023, 9, 1),
            "implementation_status": "completed",
            "results": "300 classes held.",
            "language": "en",
        },
        [19],
        ["international-cooperation"],
        ["PHL"],
        ["diaspora"],
    ),
    (
        State.ARCHIVED,
        "focal.germany@demo.gcmhub.org",
        {
            "title": "Skills recognition pilot for care professions",
            "summary": "Fast-track recognition of nursing qualifications obtained abroad.",
            "description": "Applicants sit a practical assessment instead of a full document review.",
            "scope": "national",
            "implementing_entity": "Federal Republic of Germany",
            "implementer_type": "other",
            "start_date": date(2019, 1, 1),
            "end_date": date(2022, 12, 31),
            "implementation_status": "completed",
            "results": "Recognition time halved.",
            "language": "en",
        },
        [18],
        ["whole-of-government-approach"],
        ["DEU"],
        ["migrant_workers"],
    ),
]
REVIEW_TEXT = {
    "approve": "Clear description, solid evidence of results and a realistic plan to keep going.",
    "revise": "Promising, but the results need figures and a source; please add them.",
    "reject": "The submission does not show how migrants benefited.",
}


def _experts(out, secretariat):
    for email, name, is_un, iso3, gender, languages, objectives, themes, public in EXPERTS:
        user = User.objects.filter(email=email).first()
        if user is not None and hasattr(user, "expert"):
            continue
        fields = {
            "name": name,
            "is_un": is_un,
            "country": Country.objects.get(iso3=iso3),
            "gender": gender,
            "languages": languages,
            "themes": themes,
            "years_experience": 6 + len(name) % 15,
            "public_profile": public,
            "bio": f"{name} has worked on migration policy and programme evaluation.",
        }
        roster.add(
            secretariat, email, fields, list(Objective.objects.filter(number__in=objectives))
        )
    out.write(f"  experts: {Expert.objects.count()}\n")


def _panel(practice, secretariat):
    for suggestion in review.suggestions_for_demo(practice):
        review.assign(practice, suggestion, secretariat)
        if not review.panel_problems(practice):
            break
    for assignment in review.live_assignments(practice):
        review.declare(practice, assignment.expert.user, has_conflict=False)


def _reviews(practice, recommendations, every=True):
    """Reviews from the panel: every member (repeating the last recommendation) or only as
    many as there are recommendations."""
    assignments = list(review.active_assignments(practice))
    if every:
        recommendations = recommendations + [recommendations[-1]] * len(assignments)
    for assignment, recommendation in zip(assignments, recommendations, strict=False):
        scores = {
            "relevance": 4,
            "principles": 4,
            "evidence": 3 if recommendation != "approve" else 4,
            "innovation": 3,
            "replicability": 4,
            "sustainability": 4,
        }
        review.submit_review(
            practice,
            assignment.expert.user,
            {**scores, "recommendation": recommendation, "comments": REVIEW_TEXT[recommendation]},
        )


def _advance(practice, target, secretariat):
    submitter = practice.submitter
    if target == State.DRAFT:
        return
    if target == State.WITHDRAWN:
        submission.submit(practice, submitter)
        workflow.transition(
            practice, State.WITHDRAWN, submitter, "The programme was merged into another one."
        )
        return
    submission.submit(practice, submitter)
    if target == State.SUBMITTED:
        return
    workflow.transition(practice, State.SCREENING, secretariat)
    if target == State.SCREENING:
        return
    if target == State.REJECTED:
        workflow.transition(
            practice,
            State.REJECTED,
            secretariat,
            "Out of scope: the scheme has no link to migration.",
        )
        return
    _panel(practice, secretariat)
    workflow.transition(practice, State.IN_REVIEW, secretariat)
    if target == State.IN_REVIEW:
        _reviews(practice, ["approve", "revise"], every=False)
        # One reviewer is late, so the overdue list and the reminders have something to show.
        late = review.live_assignments(practice).filter(reviews=None).first()
        if late is not None:
            late.due_date = timezone.localdate() - timedelta(days=4)
            late._history_user = secretariat
            late.save()
        return
    if target == State.CHANGES_REQUESTED:
        _reviews(practice, ["revise", "revise", "revise"])
        review.record_decision(
            practice, secretariat, "revise", "All reviewers ask for figures on results."
        )
        return
    _reviews(practice, ["approve", "approve", "approve"])
    review.record_decision(
        practice, secretariat, "approve", "The reviewers agree it is a good practice."
    )
    if target == State.ARCHIVED:
        workflow.transition(
            practice, State.ARCHIVED, secretariat, "Superseded by a national programme."
        )


@transaction.atomic
def load(out) -> None:
    secretariat = demo_user(SECRETARIAT)
    _experts(out, secretariat)
    call, _created = Call.objects.get_or_create(
        title=CALL["title"],
        defaults={
            "objective": Objective.objects.get(number=CALL["objective"]),
            "description": CALL["description"],
            "deadline": timezone.localdate() + timedelta(days=CALL["days"]),
            "opened_by": secretariat,
        },
    )
    added = 0
    for target, email, fields, objectives, principles, countries, groups in PRACTICES:
        if Practice.objects.filter(title=fields["title"]).exists():
            continue
        submitter = demo_user(email)
        values = dict(fields)
        values.setdefault("contact_name", submitter.full_name)
        values.setdefault("contact_email", submitter.email)
        if "implementer_type" in values:
            values["implementer_type"] = StakeholderType.objects.get(
                slug=values["implementer_type"]
            )
        values["primary_objective"] = Objective.objects.get(number=objectives[0])
        if objectives[0] == CALL["objective"]:
            values["call"] = call
        practice = submission.save_draft(
            submission.new_practice(submitter),
            values,
            submitter,
            m2m={
                "objectives": list(Objective.objects.filter(number__in=objectives)),
                "principles": list(GuidingPrinciple.objects.filter(slug__in=principles)),
                "countries": list(Country.objects.filter(iso3__in=countries)),
            },
            target_groups=groups,
        )
        _advance(practice, target, secretariat)
        added += 1
    out.write(f"  practices: {added} added, {Practice.objects.count()} in all\n")
