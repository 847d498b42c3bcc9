from django import forms
from django.utils.translation import gettext_lazy as _

from gcmhub.documents.ingestion import ACCEPTED
from gcmhub.documents.models import LANGUAGES, Kind
from gcmhub.framework.models import Country, GuidingPrinciple, Objective


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, Word (DOCX), HTML or plain text."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ",".join(f".{e}" for e in sorted(ACCEPTED))}
        ),
    )
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    kind = forms.ChoiceField(label=_("Kind of document"), choices=Kind.choices)
    country = forms.ModelChoiceField(
        label=_("Country"),
        queryset=Country.objects.order_by("name"),
        to_field_name="iso3",
        required=False,
    )
    date = forms.DateField(
        label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[("", _("Detect automatically")), *LANGUAGES],
        required=False,
    )
    source_url = forms.URLField(label=_("Source URL"), required=False, assume_scheme="https")
    on_duplicate = forms.ChoiceField(
        label=_("If the same file is already in gcmhub"),
        choices=[
            ("refuse", _("Refuse the upload")),
            ("new_version", _("Store it as a new version")),
        ],
        initial="refuse",
    )


class TagReviewForm(forms.Form):
    objectives = forms.ModelMultipleChoiceField(
        label=_("Objectives"),
        queryset=Objective.objects.order_by("number"),
        to_field_name="number",
        widget=forms.CheckboxSelectMultiple,
    )
    principles = forms.ModelMultipleChoiceField(
        label=_("Guiding principles"),
        queryset=GuidingPrinciple.objects.order_by("letter"),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)
