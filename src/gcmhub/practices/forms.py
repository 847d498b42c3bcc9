from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gcmhub.core.forms import MultipleFileField
from gcmhub.framework.models import Country, Objective, Region
from gcmhub.practices.models import (
    LANGUAGES,
    Call,
    Expert,
    Practice,
    Recommendation,
    Review,
    TargetGroup,
    Theme,
)


class ObjectiveChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.number}. {obj.short_label}"


class PrimaryObjectiveField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.number}. {obj.short_label}"


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PracticeForm(forms.ModelForm):
    primary_objective = PrimaryObjectiveField(
        Objective.objects.all(), required=False, label=_("Primary objective")
    )
    objectives = ObjectiveChoiceField(
        Objective.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Other objectives served"),
    )
    countries = forms.ModelMultipleChoiceField(
        Country.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        label=_("Countries"),
    )
    regions = forms.ModelMultipleChoiceField(
        Region.objects.all(),
        required=False,
        label=_("Regions"),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    target_groups = forms.MultipleChoiceField(
        choices=TargetGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Target groups"),
    )
    attachments = MultipleFileField(
        required=False,
        label=_("Attachments"),
        help_text=_("PDF, Word (DOCX) or images; at most 15 MB each."),
    )

    class Meta:
        model = Practice
        fields = [
            "call",
            "title",
            "summary",
            "description",
            "primary_objective",
            "objectives",
            "principles",
            "scope",
            "countries",
            "regions",
            "implementing_entity",
            "implementer_type",
            "partners",
            "partner_types",
            "start_date",
            "end_date",
            "predates_gcm",
            "predates_gcm_reason",
            "implementation_status",
            "target_groups",
            "resources",
            "results",
            "lessons",
            "replicability",
            "sustainability",
            "contact_name",
            "contact_email",
            "language",
            "links",
        ]
        widgets = {
            "principles": forms.CheckboxSelectMultiple,
            "partner_types": forms.CheckboxSelectMultiple,
            "start_date": DATE,
            "end_date": DATE,
            "summary": forms.Textarea(attrs={"rows": 3}),
            "links": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["call"].required = False
        if self.instance.pk:
            self.initial["target_groups"] = list(
                self.instance.target_groups.values_list("group", flat=True)
            )
            self.initial["objectives"] = [
                pk
                for pk in self.instance.objectives.values_list("pk", flat=True)
                if pk != self.instance.primary_objective_id
            ]

    def split(self):
        """(plain fields, many-to-many fields, target groups, files) from cleaned data."""
        data = self.cleaned_data
        m2m_names = {"objectives", "principles", "countries", "regions", "partner_types"}
        fields = {
            name: data[name]
            for name in self.Meta.fields
            if name not in m2m_names and name != "target_groups"
        }
        m2m = {name: list(data[name]) for name in m2m_names}
        return fields, m2m, data["target_groups"], data["attachments"]


class CallForm(forms.ModelForm):
    objective = PrimaryObjectiveField(Objective.objects.all(), label=_("Objective"))

    class Meta:
        model = Call
        fields = ["title", "objective", "deadline", "description"]
        widgets = {"deadline": DATE}


LOCKED_NOTE = _("Only the secretariat can change this. Ask the secretariat to update it.")


class ExpertForm(forms.ModelForm):
    objectives = ObjectiveChoiceField(
        Objective.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        label=_("Objectives of expertise"),
    )
    language_choices = forms.MultipleChoiceField(
        choices=LANGUAGES, widget=forms.CheckboxSelectMultiple, label=_("Languages")
    )
    theme_choices = forms.MultipleChoiceField(
        choices=Theme.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Cross-cutting themes"),
    )

    class Meta:
        model = Expert
        fields = [
            "name",
            "is_un",
            "organization",
            "government_of",
            "country",
            "gender",
            "years_experience",
            "publications",
            "bio",
            "available",
            "max_load",
            "public_profile",
            "conflict_organizations",
        ]
        widgets = {"conflict_organizations": forms.SelectMultiple(attrs={"size": 6})}

    def __init__(self, *args, locked=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["conflict_organizations"].help_text = _(
            "Organisations whose practices you should not review (employer, funder, partner)."
        )
        # Fields only the secretariat may change: shown, not editable (the posted value is
        # ignored; the domain function refuses a change anyway).
        self.locked = [name for name in locked if name in self.fields]
        for name in self.locked:
            field = self.fields[name]
            field.disabled = True
            field.help_text = LOCKED_NOTE
        if self.instance.pk:
            self.initial["language_choices"] = self.instance.language_list
            self.initial["theme_choices"] = self.instance.theme_list

    def values(self):
        data = dict(self.cleaned_data)
        objectives = list(data.pop("objectives"))
        data["conflict_organizations"] = list(data.pop("conflict_organizations", []))
        data["languages"] = ",".join(data.pop("language_choices"))
        data["themes"] = data.pop("theme_choices")
        return data, objectives


class AddExpertForm(ExpertForm):
    email = forms.EmailField(label=_("Email address"))
    field_order = ["email"]


class ExpertApplicationForm(ExpertForm):
    """An application from a visitor without an account: a name and an email address with the
    profile. The account is created when the secretariat approves."""

    email = forms.EmailField(
        label=_("Email address"),
        help_text=_(
            "If the secretariat approves your application, an account is created for this "
            "address and you receive a link to choose a password."
        ),
    )
    field_order = ["name", "email"]


class DeclarationForm(forms.Form):
    has_conflict = forms.TypedChoiceField(
        choices=[
            ("no", _("I have no conflict of interest with this practice")),
            ("yes", _("I have a conflict of interest")),
        ],
        widget=forms.RadioSelect,
        label=pgettext_lazy("conflict of interest", "Declaration"),
    )
    conflict_note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label=_("What is the conflict?")
    )


class ReviewForm(forms.ModelForm):
    class Meta:
        model = Review
        fields = [
            "relevance",
            "principles",
            "evidence",
            "innovation",
            "replicability",
            "sustainability",
            "recommendation",
            "comments",
            "confidential_comments",
        ]
        widgets = {"recommendation": forms.RadioSelect}


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=Recommendation.choices, widget=forms.RadioSelect, label=_("Decision")
    )
    reasons = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label=_("Reasons"))
