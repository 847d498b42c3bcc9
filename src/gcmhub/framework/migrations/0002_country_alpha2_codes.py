"""Two countries were loaded without their ISO 3166 alpha-2 code (the concordance gives a
pattern for them); names in other languages are looked up by that code."""

from django.db import migrations

CODES = {"GRC": "GR", "GBR": "GB"}


def add_codes(apps, schema_editor):
    Country = apps.get_model("framework", "Country")
    for iso3, iso2 in CODES.items():
        Country.objects.filter(iso3=iso3, iso2="").update(iso2=iso2)


class Migration(migrations.Migration):
    dependencies = [("framework", "0001_initial")]

    operations = [migrations.RunPython(add_codes, migrations.RunPython.noop)]
