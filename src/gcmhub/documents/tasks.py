"""Background jobs (django-tasks): in-process by default, a database queue with
``GCMHUB_TASKS=database`` and ``gcmhub manage db_worker``."""

from django_tasks import task


@task()
def ingest_document(document_id: int) -> str:
    from gcmhub.documents.ingestion import process

    return process(document_id).processing
