"""The tagger: reloading a retrained model, courtesy left untagged, labelled sample paragraphs."""

import os

import pytest

from gcmhub.documents import classification, tagging, training
from tests.documents.conftest import ingest


def _fake(fingerprint: str) -> classification.Tagger:
    return classification.Tagger(
        vectorizer=None,
        objective_model=None,
        objective_numbers=[1],
        principle_model=None,
        principle_names=[],
        fingerprint=fingerprint,
        trained_on=1,
    )


@pytest.fixture
def artefact(tmp_path, monkeypatch):
    path = tmp_path / "classifier" / "tagger.pkl"
    monkeypatch.setattr(classification, "artefact_path", lambda: path)
    classification.set_tagger(None)
    yield path
    classification.set_tagger(None)


def test_a_running_process_picks_up_a_retrained_model(artefact, monkeypatch):
    classification.save(_fake("first"), artefact)
    assert classification.get_tagger().fingerprint == "first"
    # `classifier train` in another process writes a new artefact
    classification.save(_fake("second"), artefact)
    stamp = artefact.stat().st_mtime_ns + 2_000_000_000
    os.utime(artefact, ns=(stamp, stamp))
    monkeypatch.setattr(classification, "RELOAD_CHECK_SECONDS", 3600.0)
    assert classification.get_tagger().fingerprint == "first"  # not checked again yet
    monkeypatch.setattr(classification, "RELOAD_CHECK_SECONDS", 0.0)
    assert classification.get_tagger().fingerprint == "second"
    assert classification.get_tagger().fingerprint == "second"  # unchanged file: kept
    # the artefact is removed: back to the model trained from the shipped data
    monkeypatch.setattr(classification, "_shipped_tagger", lambda: _fake("shipped"))
    artefact.unlink()
    assert classification.get_tagger().fingerprint == "shipped"


def test_unchanged_artefact_is_not_read_again(artefact, monkeypatch):
    classification.save(_fake("first"), artefact)
    assert classification.get_tagger().fingerprint == "first"
    monkeypatch.setattr(classification, "RELOAD_CHECK_SECONDS", 0.0)

    def refuse(path):
        raise AssertionError("the artefact was read again")

    monkeypatch.setattr(classification, "_load", refuse)
    assert classification.get_tagger().fingerprint == "first"


def test_a_model_set_in_process_stays_until_the_file_changes(artefact, monkeypatch):
    classification.save(_fake("on disk"), artefact)
    classification.set_tagger(_fake("just trained"))
    monkeypatch.setattr(classification, "RELOAD_CHECK_SECONDS", 0.0)
    assert classification.get_tagger().fingerprint == "just trained"


@pytest.mark.parametrize(
    "sentence",
    [
        "Thank you, Madam Chair.",
        "I thank you, Mr. President, for giving me the floor this morning.",
        "Excellencies, distinguished delegates, ladies and gentlemen,",
        "Let me begin by congratulating the co-chairs on their election.",
        "Allow me to express our gratitude to the host Government for its hospitality.",
        "It is an honour to speak on behalf of my delegation at this forum.",
        "I wish everyone fruitful deliberations over the coming three days.",
        "My delegation aligns itself with the statement made on behalf of the group.",
        "Je vous remercie, Monsieur le Président.",
        "Muchas gracias, señora Presidenta.",
    ],
)
def test_courtesy_sentences_are_recognised(sentence):
    assert tagging.is_courtesy(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "We welcome the fall in remittance costs along the main corridors.",
        "The Government thanked employers by lowering permit fees.",
        "We commend migrant health workers for their role during the pandemic.",
        "The ministry will train 300 labour inspectors on fair recruitment.",
    ],
)
def test_substantive_sentences_are_kept(sentence):
    assert not tagging.is_courtesy(sentence)


def test_substantive_text_drops_only_the_courtesy():
    text = (
        "Thank you, Mr. President. Our ministry opened six centres where returnees get "
        "grants and job counselling. I wish you all a productive meeting."
    )
    assert tagging.substantive_text(text) == (
        "Our ministry opened six centres where returnees get grants and job counselling."
    )


STATEMENT = """Statement by Arcadia

I thank you, Mr. President, for giving me the floor.

1. Arcadia lowered the cost of sending money home and opened mobile transfer services
in rural areas.

Thank you, Madam Chair, and I wish all of you a productive and fruitful discussion.
"""


def test_courtesy_paragraphs_get_no_tags(secretariat):
    document = ingest(secretariat, name="statement.txt", text=STATEMENT, kind="statement")
    courtesy = [p for p in document.paragraphs.all() if p.kind != "heading" and not p.number]
    assert len(courtesy) == 2
    for paragraph in courtesy:
        assert not paragraph.tags.exists(), paragraph.text
    substantive = document.paragraphs.get(number="1")
    assert substantive.tags.filter(objective__isnull=False).exists()


# --- labelled paragraphs from the sample documents -----------------------------------------------


@pytest.mark.parametrize(
    ("heading", "numbers"),
    [
        ("Round table 1 (objectives 2, 5, 6, 12 and 18)¹", [2, 5, 6, 12, 18]),
        ("ROUND TABLE 3 (objectives 14, 15 and 16)", [14, 15, 16]),
        ("Objective 5: pathways for regular migration", [5]),
        ("Table ronde 2 (objectifs 4, 8 et 9)", [4, 8, 9]),
        ("Recommendations to accelerate implementation", []),
        ("Round table 4 (objectives 1 and 99)", [1]),
    ],
)
def test_heading_objectives(heading, numbers):
    assert training.heading_objectives(heading) == numbers


SEED = """Forum outcome (written for this test)

Round table 1 (objectives 2, 5 and 6)

1. Several countries opened seasonal work schemes and made visa rules easier to follow
for farm workers.

2. Recruitment agencies were inspected and fees charged to workers were refunded in a
number of cases.

Round table 3 (objective 20)

3. Remittance prices fell where mobile transfer services reached rural households and post offices.

Closing remarks

4. The participants agreed to meet again in four years to take stock of progress made by then.
"""


def test_seed_paragraphs_under_labelled_headings_become_training_items(tmp_path, settings):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "forum-outcome.txt").write_text(SEED, encoding="utf-8")
    (seeds / "README.md").write_text("# Samples\n\nNothing labelled here.\n", encoding="utf-8")
    (seeds / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    settings.GCMHUB_SHARED_DIR = tmp_path
    items = training.seed_items()
    assert [(text.split()[0], labels) for text, labels in items] == [
        ("Several", [2, 5, 6]),
        ("Recruitment", [2, 5, 6]),
        ("Remittance", [20]),
    ]
    with_seeds = training.objective_items()
    without = training.objective_items(seeds=False)
    assert len(with_seeds) == len(without) + 7
    assert (items[2][0], 20) in with_seeds


def test_training_data_without_the_shared_folder(tmp_path, settings):
    settings.GCMHUB_SHARED_DIR = tmp_path / "absent"
    assert training.seed_items() == []
    assert training.objective_items() == training.objective_items(seeds=False)
