"""Web forms: they parse input into the plain data the services take; the rules are in
``validation`` and ``quality``, so the API and the web say the same thing."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gcmhub.accounts.models import Organization
from gcmhub.core.forms import MultipleFileField
from gcmhub.framework.models import Action, Country, GuidingPrinciple, Objective
from gcmhub.pledges import quality, validation
from gcmhub.pledges.models import Level, Pledge, PledgeForm, PledgeType, ProgressStatus

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PledgeEntryForm(forms.Form):
    entity_country = forms.ModelChoiceField(
        Country.objects.filter(is_member_state=True),
        required=False,
        label=_("Pledging State"),
        to_field_name="iso3",
    )
    entity_organization = forms.ModelChoiceField(
        Organization.objects.select_related("stakeholder_type"),
        required=False,
        label=_("Pledging organisation"),
    )
    contact_name = forms.CharField(label=_("Contact person (not shown publicly)"), max_length=150)
    contact_email = forms.EmailField(label=_("Contact email (not shown publicly)"))
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Between 300 and 3,000 characters: what will be done, by whom, for whom."),
    )
    pledge_type = forms.ChoiceField(label=_("Pledge type"), choices=PledgeType.choices)
    form = forms.ChoiceField(label=_("Form of the pledge"), choices=PledgeForm.choices)
    matches = forms.CharField(
        label=_("ID of the matched pledge"),
        required=False,
        max_length=24,
        help_text=_("Only for a matching pledge, e.g. IMRF2022-0142."),
    )
    objectives = forms.ModelMultipleChoiceField(
        Objective.objects.all(),
        required=False,
        label=_("GCM objectives"),
        widget=forms.CheckboxSelectMultiple,
        to_field_name="number",
    )
    principles = forms.ModelMultipleChoiceField(
        GuidingPrinciple.objects.all(),
        required=False,
        label=_("Guiding principles"),
        widget=forms.CheckboxSelectMultiple,
        to_field_name="slug",
    )
    actions = forms.ModelMultipleChoiceField(
        Action.objects.select_related("objective"),
        required=False,
        label=_("Specific GCM actions (optional)"),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    level = forms.ChoiceField(label=_("Level"), choices=Level.choices)
    countries = forms.ModelMultipleChoiceField(
        Country.objects.all(),
        required=False,
        label=_("Countries concerned"),
        widget=forms.SelectMultiple(attrs={"size": 6}),
        to_field_name="iso3",
    )
    forum_year = forms.TypedChoiceField(label=_("Announced at the forum"), coerce=int)
    announced_on = forms.DateField(label=_("Date announced"), widget=DATE)
    amount = forms.DecimalField(label=_("Amount"), required=False, max_digits=16, decimal_places=2)
    currency = forms.CharField(
        label=_("Currency (ISO 4217)"), required=False, max_length=3, help_text=_("e.g. USD, EUR")
    )
    recipient = forms.CharField(
        label=_("Recipient"),
        required=False,
        max_length=200,
        help_text=_("e.g. the Migration Multi-Partner Trust Fund"),
    )
    attachment = forms.FileField(
        label=_("Attachment (one file, at most 25 MB: PDF, DOCX, XLSX, PPTX, ODT)"),
        required=False,
    )
    accept_warnings = forms.BooleanField(
        label=_("Submit with the weak points listed in the guidance"), required=False
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        years = validation.forum_years(today)
        self.fields["forum_year"].choices = [(y, _("IMRF %(year)s") % {"year": y}) for y in years]
        self.fields["forum_year"].initial = validation.edition_for(today)
        self.fields["announced_on"].initial = today
        if user is not None and not user.is_secretariat:
            del self.fields["entity_country"]
            del self.fields["entity_organization"]
        self.user = user

    def clean_currency(self):
        return self.cleaned_data["currency"].strip().upper()


class TargetForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    indicator = forms.CharField(label=_("Indicator"), max_length=300, required=False)
    baseline = forms.DecimalField(label=_("Baseline"), required=False, max_digits=16)
    target_value = forms.DecimalField(
        label=_("Target value"),
        required=False,
        max_digits=16,
        help_text=_("Leave empty for a yes/no milestone."),
    )
    unit = forms.CharField(label=_("Unit"), max_length=60, required=False)
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DATE)

    def has_content(self) -> bool:
        data = self.cleaned_data
        return any(data.get(k) not in (None, "") for k in ("indicator", "target_value", "due_date"))


class ParticipantForm(forms.Form):
    name = forms.CharField(label=_("Participant"), max_length=200, required=False)
    email = forms.EmailField(label=_("Email of who confirms"), required=False)
    country = forms.ModelChoiceField(
        Country.objects.filter(is_member_state=True),
        required=False,
        label=_("State (if a State)"),
        to_field_name="iso3",
    )
    part = forms.CharField(
        label=_("Its part"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def has_content(self) -> bool:
        return bool(self.cleaned_data.get("name") or self.cleaned_data.get("email"))


TargetFormSet = forms.formset_factory(TargetForm, extra=3, max_num=20)
ParticipantFormSet = forms.formset_factory(ParticipantForm, extra=2, max_num=30)


def initial_from(pledge: Pledge) -> dict:
    return {
        "contact_name": pledge.contact_name,
        "contact_email": pledge.contact_email,
        "title": pledge.title,
        "description": pledge.description,
        "pledge_type": pledge.pledge_type,
        "form": pledge.form,
        "matches": pledge.matches.public_id if pledge.matches_id else "",
        "objectives": list(pledge.objectives.all()),
        "principles": list(pledge.principles.all()),
        "actions": list(pledge.actions.all()),
        "level": pledge.level,
        "countries": list(pledge.countries.all()),
        "forum_year": pledge.forum_year,
        "announced_on": pledge.announced_on,
        "amount": pledge.amount,
        "currency": pledge.currency,
        "recipient": pledge.recipient,
        "entity_country": pledge.entity_country,
        "entity_organization": pledge.entity_organization,
    }


def target_initial(pledge: Pledge) -> list[dict]:
    return [
        {
            "id": t.pk,
            "indicator": t.indicator,
            "baseline": t.baseline,
            "target_value": t.target_value,
            "unit": t.unit,
            "due_date": t.due_date,
        }
        for t in pledge.targets.all()
    ]


def pledge_data(form, targets, participants, user, instance=None) -> dict:
    """The services' input from valid forms."""
    data = {k: v for k, v in form.cleaned_data.items() if k not in ("accept_warnings",)}
    if "entity_country" not in form.fields:
        data.update(entity_country_organization(user, instance))
    data["matches"], data["matches_missing"] = resolve_match(data.pop("matches", ""))
    data["targets"] = [
        {k: v for k, v in t.cleaned_data.items() if k != "id" or v}
        for t in targets
        if t.cleaned_data and t.has_content()
    ]
    data["participants"] = [
        p.cleaned_data for p in participants if p.cleaned_data and p.has_content()
    ]
    if not data.get("attachment"):
        data.pop("attachment", None)
    return data


def entity_country_organization(user, instance=None) -> dict:
    if instance is not None:
        return {
            "entity_country": instance.entity_country,
            "entity_organization": instance.entity_organization,
        }
    if user.country_id and user.role == "focal_point":
        return {"entity_country": user.country, "entity_organization": None}
    return {"entity_country": None, "entity_organization": user.organization}


def resolve_match(public_id: str):
    public_id = (public_id or "").strip().upper()
    if not public_id:
        return None, ""
    found = Pledge.objects.filter(public_id=public_id).first()
    return (found, "") if found else (None, public_id)


def draft_from(data: dict) -> quality.Draft:
    return quality.Draft(
        title=data.get("title", ""),
        description=data.get("description", ""),
        objective_count=len(data.get("objectives") or []),
        targets=tuple(
            quality.DraftTarget(t.get("indicator", ""), t.get("target_value"), t.get("due_date"))
            for t in data.get("targets") or []
        ),
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the pledge withdrawn?"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ReportForm(forms.Form):
    reported_on = forms.DateField(label=_("Date of the report"), widget=DATE)
    status = forms.ChoiceField(
        label=pgettext_lazy("pledge", "Status"), choices=ProgressStatus.choices
    )
    discontinued_reason = forms.CharField(
        label=_("Reason (if discontinued)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    narrative = forms.CharField(
        label=_("What was done (Markdown)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    files = MultipleFileField(
        label=_("Attachments (PDF, DOCX, XLSX, PPTX, ODT; 25 MB each)"), required=False
    )

    def __init__(self, *args, pledge, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reported_on"].initial = timezone.localdate()
        self.targets = list(pledge.targets.all())
        for target in self.targets:
            if target.is_milestone:
                self.fields[f"achieved_{target.pk}"] = forms.BooleanField(
                    label=_("Milestone reached: %(indicator)s") % {"indicator": target.indicator},
                    required=False,
                    initial=target.achieved,
                )
            else:
                self.fields[f"value_{target.pk}"] = forms.DecimalField(
                    label=_("%(indicator)s: value reached (%(unit)s)")
                    % {"indicator": target.indicator, "unit": target.unit or "—"},
                    required=False,
                    max_digits=16,
                    decimal_places=2,
                    initial=target.current_value,
                )
            self.fields[f"evidence_{target.pk}"] = forms.CharField(
                label=_("Evidence for “%(indicator)s”") % {"indicator": target.indicator},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def target_fields(self):
        for target in self.targets:
            main = self[f"achieved_{target.pk}" if target.is_milestone else f"value_{target.pk}"]
            yield target, main, self[f"evidence_{target.pk}"]

    def report_data(self) -> dict:
        data = {
            k: self.cleaned_data[k]
            for k in ("reported_on", "status", "discontinued_reason", "narrative", "files")
        }
        results = []
        for target in self.targets:
            value = self.cleaned_data.get(f"value_{target.pk}")
            achieved = bool(self.cleaned_data.get(f"achieved_{target.pk}"))
            evidence = self.cleaned_data.get(f"evidence_{target.pk}", "")
            if value is not None or achieved or evidence:
                results.append(
                    {"target": target, "value": value, "achieved": achieved, "evidence": evidence}
                )
        data["results"] = results
        return data


class PeriodForm(forms.Form):
    """The period of the pledge progress report (query string: start, end, forum)."""

    start = forms.DateField(
        required=False,
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": _("Write the start date as YYYY-MM-DD, e.g. 2026-01-31.")},
    )
    end = forms.DateField(
        required=False,
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": _("Write the end date as YYYY-MM-DD, e.g. 2026-12-31.")},
    )
    forum = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = timezone.localdate()
        self.fields["forum"].choices = [("", "")] + [
            (y, str(y)) for y in validation.forum_years(self.today)
        ]
        self.fields["forum"].error_messages["invalid_choice"] = _(
            "The forum is the year of a review forum: %(years)s."
        ) % {"years": ", ".join(str(y) for y in validation.forum_years(self.today))}

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        data["start"] = data.get("start") or self.today.replace(
            year=self.today.year - 1, month=1, day=1
        )
        data["end"] = data.get("end") or self.today
        if data["start"] > data["end"]:
            self.add_error("end", _("The end of the period comes before its start."))
        return data
