"""The full-text index, per database: an FTS5 table on SQLite, a tsvector column with a GIN
index on PostgreSQL (see gcmhub.documents.search)."""

from django.db import migrations

SQLITE_FORWARD = [
    # text: the paragraph (Chinese pre-segmented); facets: filter tokens (see search.py)
    "CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5("
    "text, facets, tokenize = 'porter unicode61 remove_diacritics 2')",
]
SQLITE_BACKWARD = ["DROP TABLE IF EXISTS documents_fts"]
PG_FORWARD = [
    "ALTER TABLE documents_paragraph ADD COLUMN IF NOT EXISTS search_vector tsvector",
    "CREATE INDEX IF NOT EXISTS documents_paragraph_search_gin "
    "ON documents_paragraph USING gin (search_vector)",
]
PG_BACKWARD = [
    "DROP INDEX IF EXISTS documents_paragraph_search_gin",
    "ALTER TABLE documents_paragraph DROP COLUMN IF EXISTS search_vector",
]


def forward(apps, schema_editor):
    _run(schema_editor, SQLITE_FORWARD, PG_FORWARD)


def backward(apps, schema_editor):
    _run(schema_editor, SQLITE_BACKWARD, PG_BACKWARD)


def _run(schema_editor, sqlite, postgresql):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": sqlite, "postgresql": postgresql}.get(vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
