"""Who may do what with a pledge (django-rules predicates)."""

import rules

from gcmhub.accounts.rules import is_focal_point, is_secretariat, is_stakeholder, is_submitter


@rules.predicate
def is_pledging_entity(user, pledge):
    """A focal point of the pledging State or a member of the pledging organisation."""
    if pledge is None or not user.is_authenticated or not user.is_active:
        return False
    if pledge.entity_country_id:
        return is_focal_point(user) and user.country_id == pledge.entity_country_id
    return is_stakeholder(user) and user.organization_id == pledge.entity_organization_id


@rules.predicate
def is_not_withdrawn(user, pledge):
    return pledge is not None and pledge.withdrawn_at is None


@rules.predicate
def is_invited_participant(user, participant):
    """The person invited (by email), or someone acting for the invited State or organisation."""
    if participant is None or not user.is_authenticated or not user.is_active:
        return False
    if user.email.lower() == participant.email.lower():
        return True
    if participant.country_id and is_focal_point(user):
        return user.country_id == participant.country_id
    if participant.organization_id and is_stakeholder(user):
        return user.organization_id == participant.organization_id
    return False


@rules.predicate
def participant_pledge_open(user, participant):
    return participant is not None and participant.pledge.withdrawn_at is None


rules.add_perm("pledges.add_pledge", is_submitter)
rules.add_perm("pledges.change_pledge", is_secretariat | (is_pledging_entity & is_not_withdrawn))
rules.add_perm("pledges.withdraw_pledge", is_not_withdrawn & (is_secretariat | is_pledging_entity))
rules.add_perm(
    "pledges.add_progress_report", is_not_withdrawn & (is_secretariat | is_pledging_entity)
)
rules.add_perm("pledges.confirm_participation", is_invited_participant & participant_pledge_open)
rules.add_perm("pledges.view_contact", is_secretariat | is_pledging_entity)
rules.add_perm("pledges.view_quality", is_secretariat | is_pledging_entity)
rules.add_perm("pledges.view_history", is_secretariat | is_pledging_entity)
rules.add_perm("pledges.view_monitoring", is_secretariat)
