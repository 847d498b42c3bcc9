import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError


def _json(capsys):
    return json.loads(capsys.readouterr().out)


def test_classify_json_contract(capsys):
    call_command(
        "classify",
        "--text",
        "Lower fees for sending money home via mobile wallets",
        "--top",
        "3",
        "--json",
    )
    result = _json(capsys)
    assert set(result) == {"objectives", "principles"}
    assert len(result["objectives"]) == 3
    assert set(result["objectives"][0]) == {"number", "score"}
    assert set(result["principles"][0]) == {"name", "score"}
    scores = [item["score"] for item in result["objectives"]]
    assert scores == sorted(scores, reverse=True)
    assert result["objectives"][0]["number"] == 20
    assert all(0 <= item["score"] <= 1 for item in result["objectives"] + result["principles"])


def test_classify_file_and_other_languages(tmp_path, capsys):
    path = tmp_path / "t.txt"
    path.write_text(
        "Des cours de langue et un accompagnement pour les nouveaux arrivants dans la ville.",
        encoding="utf-8",
    )
    call_command("classify", "--file", str(path), "--json")
    assert _json(capsys)["objectives"][0]["number"] == 16


@pytest.mark.parametrize(
    "args",
    [["--text", "   "], ["--file", "/nonexistent/file.txt"], ["--text", "x", "--top", "0"]],
)
def test_classify_bad_input(args):
    with pytest.raises(CommandError):
        call_command("classify", *args)


def test_classifier_evaluate_reports_metrics_by_language(tmp_path, capsys):
    path = tmp_path / "eval.jsonl"
    lines = [
        {
            "text": "Cheaper remittance transfers through mobile money",
            "objectives": [20],
            "language": "en",
        },
        {
            "text": "Des centres d'accueil pour enfants non accompagnés",
            "objectives": [7],
            "language": "fr",
        },
        {
            "text": "Formación profesional y reconocimiento de títulos",
            "objectives": [18],
            "language": "es",
        },
    ]
    path.write_text(
        "\n".join(json.dumps(line, ensure_ascii=False) for line in lines), encoding="utf-8"
    )
    call_command("classifier", "evaluate", str(path), "--json")
    report = _json(capsys)
    assert report["items"] == 3
    assert {"top1_accuracy", "top3_hit_rate", "macro_f1"} <= set(report)
    assert report["top3_hit_rate"] >= report["top1_accuracy"]
    assert set(report["by_language"]) == {"en", "fr", "es"}


def test_classifier_evaluate_rejects_bad_lines(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "x", "objectives": [99]}\n', encoding="utf-8")
    with pytest.raises(CommandError, match="1 to 23"):
        call_command("classifier", "evaluate", str(path))


def test_shipped_evaluation_set_meets_the_english_target():

    from gcmhub.documents import evaluation

    path = evaluation.BUILTIN
    report = evaluation.evaluate(evaluation.read_jsonl(path))
    assert report["by_language"]["en"]["top3_hit_rate"] >= 0.85


def test_commitments_command(review_document, capsys):
    call_command("commitments", str(review_document.pk), "--json")
    result = _json(capsys)
    assert result["document"] == review_document.pk
    by_paragraph = {item["paragraph"]: item for item in result["commitments"]}
    assert by_paragraph["2."]["target"] == "below 3 per cent"
    assert by_paragraph["2."]["deadline"] == "by 2030"
    assert 20 in by_paragraph["2."]["objectives"]
    with pytest.raises(CommandError):
        call_command("commitments", "999999")


def test_search_command(review_document, capsys):
    call_command(
        "search",
        "transfer",
        "--country",
        "KEN",
        "--kind",
        "voluntary-review",
        "--limit",
        "5",
        "--json",
    )
    result = _json(capsys)
    hit = result["hits"][0]
    assert {"document_id", "title", "paragraph_number", "snippet", "score"} <= set(hit)
    assert hit["document_id"] == review_document.pk
    call_command("search", "transfer", "--objective", "20", "--language", "en", "--json")
    assert _json(capsys)["hits"]
    with pytest.raises(CommandError):
        call_command("search", "transfer", "--country", "XXX")
    with pytest.raises(CommandError):
        call_command("search", "transfer", "--kind", "novel")


def test_classifier_train_uses_corrections(
    review_document, secretariat, tmp_path, monkeypatch, capsys
):
    from gcmhub.documents import classification, tagging

    monkeypatch.setattr(classification, "artefact_path", lambda: tmp_path / "tagger.pkl")
    paragraph = review_document.paragraphs.get(number="1")
    tagging.review(
        paragraph, objectives=[23], principles=["whole-of-society-approach"], by=secretariat
    )
    try:
        call_command("classifier", "train", "--json")
        report = _json(capsys)
        assert report["corrections"] == 1
        assert (tmp_path / "tagger.pkl").exists()
    finally:
        classification.set_tagger(None)


def test_reindex_command_keeps_search_working(review_document, capsys):
    from gcmhub.documents.search import SearchQuery, search

    call_command("reindex_documents")
    assert "1 documents reindexed" in capsys.readouterr().out
    assert search(SearchQuery('"mobile money"')).total == 1


@pytest.mark.parametrize(
    "args",
    [
        ["--region", "999"],
        ["--language", "xx"],
        ["--principle", "nope"],
        ["--year", "3000"],
        ["--objective", "0"],
        ["--limit", "0"],
    ],
)
def test_search_command_refuses_unknown_filters(db, args):
    with pytest.raises(CommandError, match=args[0]):
        call_command("search", "transfer", *args)


def test_search_command_refuses_an_empty_query(db):
    with pytest.raises(CommandError, match="query"):
        call_command("search", "  ")
