"""Practices, experts and panels for tests, built through the app's own domain functions."""

from datetime import date

from django.core.files.base import ContentFile
from django.utils import timezone

from gcmhub.framework.models import Country, GuidingPrinciple, Objective, StakeholderType
from gcmhub.practices import review, roster, submission
from gcmhub.practices.models import Assignment, Attachment, Expert, Practice, State, Transition
from tests.factories import (
    ExternalReviewerFactory,
    InternalReviewerFactory,
    SecretariatFactory,
    StakeholderFactory,
)


def practice_fields(**overrides):
    fields = {
        "title": "Community interpreters at municipal service desks",
        "summary": "Trained interpreters help newcomers use local services.",
        "description": "The Municipal Integration Office (MIO) runs a pool of interpreters.",
        "scope": "local",
        "implementing_entity": "Municipal Integration Office",
        "implementer_type": StakeholderType.objects.get(slug="local-authority"),
        "start_date": date(2019, 3, 1),
        "end_date": date(2023, 6, 30),
        "implementation_status": "completed",
        "results": "Waiting times fell and more newcomers enrolled in language classes.",
        "lessons": "Start with the services people use most.",
        "contact_name": "Ana Contact",
        "contact_email": "contact@example.org",
        "language": "en",
        "primary_objective": Objective.objects.get(number=16),
    }
    fields.update(overrides)
    return fields


def make_practice(
    submitter=None,
    state=State.DRAFT,
    objectives=(16, 3),
    countries=("KEN",),
    principles=("human-rights",),
    target_groups=("women",),
    **overrides,
):
    submitter = submitter or StakeholderFactory()
    practice = submission.new_practice(submitter)
    m2m = {
        "objectives": list(Objective.objects.filter(number__in=objectives)),
        "countries": list(Country.objects.filter(iso3__in=countries)),
        "principles": list(GuidingPrinciple.objects.filter(slug__in=principles)),
    }
    overrides.setdefault(
        "primary_objective", Objective.objects.get(number=objectives[0]) if objectives else None
    )
    fields = practice_fields(**overrides)
    practice = submission.save_draft(
        practice, fields, submitter, m2m=m2m, target_groups=list(target_groups)
    )
    if state != State.DRAFT:
        force_state(practice, state)
    return practice


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def add_attachment(practice, name="report.pdf", content=PDF):
    """A stored attachment, whatever the practice's state (for permission tables)."""
    attachment = Attachment(
        practice=practice, name=name, size=len(content), uploaded_by=practice.submitter
    )
    attachment.file.save(name, ContentFile(content), save=False)
    attachment.save()
    return attachment


def force_state(practice, state):
    """Put a practice in a state directly (for permission tables), recording the move."""
    secretariat = SecretariatFactory()
    Transition.objects.create(
        practice=practice, from_state=practice.state, to_state=state, by=secretariat
    )
    Practice.objects.filter(pk=practice.pk).update(
        state=state,
        submitted_at=timezone.now(),
        published_at=timezone.now() if state == State.APPROVED else None,
    )
    practice.refresh_from_db()
    return practice


def make_expert(
    is_un=False,
    objectives=(16,),
    languages="en,fr",
    country="SEN",
    gender="woman",
    status=Expert.Status.APPROVED,
    user=None,
    **fields,
):
    user = user or (InternalReviewerFactory() if is_un else ExternalReviewerFactory())
    expert = Expert(user=user, status=status, organization=user.organization if is_un else None)
    values = {
        "name": user.full_name or user.email,
        "is_un": is_un,
        "country": Country.objects.get(iso3=country),
        "gender": gender,
        "languages": languages,
        "years_experience": 8,
        **fields,
    }
    return roster._save(expert, values, list(Objective.objects.filter(number__in=objectives)), user)


def full_panel(practice, secretariat=None, declare=True):
    """One internal and two external reviewers, assigned and (by default) cleared."""
    secretariat = secretariat or SecretariatFactory()
    experts = [
        make_expert(is_un=True, country="CHE", gender="man"),
        make_expert(country="SEN", gender="woman"),
        make_expert(country="BRA", gender="man", languages="es,pt,en"),
    ]
    assignments = [review.assign(practice, expert, secretariat) for expert in experts]
    if declare:
        for assignment in assignments:
            review.declare(practice, assignment.expert.user, has_conflict=False)
    return [Assignment.objects.get(pk=a.pk) for a in assignments]


SCORES = {
    "relevance": 4,
    "principles": 4,
    "evidence": 3,
    "innovation": 4,
    "replicability": 5,
    "sustainability": 3,
}


def review_data(recommendation="approve", **overrides):
    return {
        **SCORES,
        "recommendation": recommendation,
        "comments": "Clear and useful.",
        **overrides,
    }
