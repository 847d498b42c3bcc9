"""A footnote links to every paragraph that cites it (it was one paragraph per footnote row).
Rows that repeated a note for each citing paragraph are merged into one."""

from django.db import migrations, models


def copy_links(apps, schema_editor):
    Footnote = apps.get_model("documents", "Footnote")
    Link = Footnote.paragraphs.through
    kept: dict[tuple, int] = {}
    links, repeats = [], []
    for note in Footnote.objects.order_by("id").values(
        "id", "document_id", "marker", "text", "paragraph_id"
    ):
        key = (note["document_id"], note["marker"], note["text"])
        keep = kept.setdefault(key, note["id"])
        if keep != note["id"]:
            repeats.append(note["id"])
        if note["paragraph_id"] is not None:
            links.append((keep, note["paragraph_id"]))
    Link.objects.bulk_create(
        [Link(footnote_id=f, paragraph_id=p) for f, p in dict.fromkeys(links)],
        ignore_conflicts=True,
    )
    # Footnotes are derived from the stored file at each processing, not submitted content.
    Footnote.objects.filter(id__in=repeats).delete()


class Migration(migrations.Migration):
    dependencies = [("documents", "0002_search_index")]

    operations = [
        migrations.AlterField(
            model_name="footnote",
            name="paragraph",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=models.SET_NULL,
                related_name="+",
                to="documents.paragraph",
            ),
        ),
        migrations.AddField(
            model_name="footnote",
            name="paragraphs",
            field=models.ManyToManyField(
                blank=True, related_name="footnotes", to="documents.paragraph"
            ),
        ),
        migrations.RunPython(copy_links, migrations.RunPython.noop),
        migrations.RemoveField(model_name="footnote", name="paragraph"),
    ]
