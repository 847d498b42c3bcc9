from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from gcmhub.accounts.models import Organization
from gcmhub.documents import queries
from gcmhub.documents.ingestion import ACCEPTED
from gcmhub.documents.models import LANGUAGES, Kind
from gcmhub.framework.models import Country, GuidingPrinciple, Objective, Region


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
    region = forms.ModelChoiceField(
        label=_("Region"),
        help_text=_("For a regional document; leave it empty when a country is chosen."),
        queryset=Region.objects.order_by("level", "name"),
        to_field_name="m49",
        required=False,
    )
    organization = forms.ModelChoiceField(
        label=_("Organisation"),
        help_text=_("For a document from an organisation."),
        queryset=Organization.objects.order_by("name"),
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
    version_of = forms.IntegerField(
        label=_("New version of document number"),
        help_text=_(
            "To replace a document with a new file, give its number (shown in its address). "
            "Leave it empty for a new document."
        ),
        min_value=1,
        required=False,
    )
    on_duplicate = forms.ChoiceField(
        label=_("If the same file is already in gcmhub"),
        choices=[
            ("refuse", _("Refuse the upload")),
            ("new_version", _("Store it as a new version")),
        ],
        initial="refuse",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_version_of(self):
        number = self.cleaned_data.get("version_of")
        if not number:
            return None
        document = queries.visible_document(self.user, number)
        if document is None:
            raise forms.ValidationError(_("There is no document with this number."))
        return document


class LocalizedChoiceField(forms.ModelMultipleChoiceField):
    """Objectives and principles labelled in the active language."""

    def __init__(self, *args, attr: str, numbered: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.attr = attr
        self.numbered = numbered

    def label_from_instance(self, obj):
        text, _fallback = obj.localized(self.attr, get_language())
        return f"{obj.number}. {text}" if self.numbered else text


class TagReviewForm(forms.Form):
    objectives = LocalizedChoiceField(
        label=_("Objectives"),
        queryset=Objective.objects.order_by("number"),
        to_field_name="number",
        widget=forms.CheckboxSelectMultiple,
        attr="title",
        numbered=True,
    )
    principles = LocalizedChoiceField(
        label=_("Guiding principles"),
        queryset=GuidingPrinciple.objects.order_by("letter"),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        attr="name",
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)
