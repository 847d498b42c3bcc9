"""Commitments: who commits to what, with the quantified aim rather than today's figure."""

import pytest

from gcmhub.documents.commitments import extract, find_target


def _one(sentence):
    found = extract(sentence)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "target", "deadline"),
    [
        (
            "Noting that transfer costs remained at 6.8 per cent last year, we commit to "
            "reducing them to less than 3 per cent by 2030.",
            "less than 3 per cent",
            "by 2030",
        ),
        (
            "Although fees stood at 7 per cent in 2021, the Government will lower them below "
            "3 per cent.",
            "below 3 per cent",
            "",
        ),
        (
            "The Government will support 10,000 migrant workers with language courses by 2026.",
            "10,000 migrant workers",
            "by 2026",
        ),
        (
            "We will train at least 500 border officials on rights within two years.",
            "at least 500 border officials",
            "within two years",
        ),
        (
            "The Ministry will raise the share of regular entries from 40 per cent to 60 per cent.",
            "to 60 per cent",
            "",
        ),
        (
            "We will open 12 new information centres in border towns.",
            "12 new information centres",
            "",
        ),
        ("We will invest US$ 5 million in reintegration.", "US$ 5 million", ""),
        ("We will halve the cost of recruitment for workers.", "halve the cost of recruitment", ""),
        ("We will expand consular services in the region.", "", ""),
    ],
)
def test_target_is_the_aim_not_the_current_value(sentence, target, deadline):
    found = _one(sentence)
    assert found.target == target
    assert found.deadline == deadline


def test_a_current_value_alone_is_no_target():
    assert find_target("Costs are at 6.8 per cent and we will act.", "act") == ""


@pytest.mark.parametrize(
    ("sentence", "actor"),
    [
        ("We commit to ending recruitment fees charged to workers.", "We"),
        ("The Government will publish the fees of every agency.", "The Government"),
        ("States are urged to ratify the conventions on migrant workers.", "States"),
        ("We call on Member States to share data on missing migrants.", "Member States"),
        ("I also urge Member States to regulate recruitment agencies.", "Member States"),
        ("And we must act together to protect migrants at sea.", "We"),
    ],
)
def test_commitments_and_calls_are_found(sentence, actor):
    assert _one(sentence).actor == actor


@pytest.mark.parametrize(
    "sentence",
    [
        "Member States should look for ways to lower the cost of remittances.",
        "Local plans should take account of the views of host communities.",
        "We should improve public debate through better statistics.",
        "Member States must weigh their options against local conditions.",
        "We must acknowledge that misinformation spreads quickly online.",
        "We must not forget the families waiting at home.",
        "This afternoon we will discuss the new visa rules.",
        "In this session we will exchange views on labour pathways.",
        "I will be glad to hear the conclusions of the working groups.",
        "I believe that governments will want a simpler reporting system.",
        "We will not succeed unless wages in countries of origin rise.",
        "Will we meet the target of 3 per cent?",
        "I urge that thought be given to merging the two reporting cycles.",
    ],
)
def test_recommendations_predictions_and_procedure_are_not_commitments(sentence):
    assert extract(sentence) == []
