"""Full-text index for the repository: FTS5 on SQLite, tsvector + GIN on PostgreSQL.

Keyed by practice id without a foreign key, so flushing test databases is unaffected; the
practices.search module keeps it in step with the practices."""

from django.db import migrations


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS practices_fts USING fts5("
            "body, tokenize = 'unicode61 remove_diacritics 2')"
        )
    elif vendor == "postgresql":
        schema_editor.execute(
            "CREATE TABLE IF NOT EXISTS practices_fts ("
            "practice_id bigint PRIMARY KEY, body tsvector NOT NULL)"
        )
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS practices_fts_body ON practices_fts USING gin (body)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor in ("sqlite", "postgresql"):
        schema_editor.execute("DROP TABLE IF EXISTS practices_fts")


class Migration(migrations.Migration):
    dependencies = [("practices", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
