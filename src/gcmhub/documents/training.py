"""Training data for the objective/principle tagger, built deterministically from shipped files.

Three sources, all offline:

1. the GCM text in the framework registry (``framework/data/gcm_objectives.json``): each
   objective's title, commitment and actions, labelled with the objective's number;
2. ``data/practices.json``: short practice-like descriptions in the six languages, written for
   gcmhub (kept apart from the evaluation set ``data/evaluation.jsonl``);
3. ``data/vocabulary.json``: per-objective and per-principle topic vocabulary in the six UN
   languages (written for gcmhub), expanded into short practice-like sentences with the
   per-language templates below, so that French, Spanish, Russian, Arabic and Chinese text is
   tagged from the same model;
4. tag corrections people made in gcmhub (passed in by ``classifier train``);
5. when the sample documents are present at training time (``GCMHUB_SHARED_DIR/seeds``),
   their paragraphs that the documents themselves label with objectives: paragraphs under a
   heading such as "Round table 2 (objectives 4, 8, 9 …)" or "Objective 5: …" (see
   ``seed_items``). They are read at training time and never copied into the package; the
   classifier works the same without them.
"""

import json
import random
import re
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
FRAMEWORK_DATA = Path(__file__).resolve().parent.parent / "framework" / "data"
LANGUAGES = ("en", "fr", "es", "ru", "ar", "zh")

# Short practice-like sentence frames per language; {a}, {b}, {c} are topic terms.
TEMPLATES = {
    "en": [
        "The ministry launched a programme on {a} and {b} in several provinces.",
        "With partners from civil society, the city improved {a}, with attention to {b}.",
        "Our national plan sets targets for {a}, {b} and {c}.",
        "A pilot project addressed {a} through {b}.",
        "Officials were trained on {a} and {b}.",
        "The practice strengthened {a} and made {b} easier for migrants.",
        "{a}: a new law and guidance on {b} were adopted.",
        "The Government will expand {a} and {c} by 2030.",
    ],
    "fr": [
        "Le ministère a lancé un programme sur {a} et {b} dans plusieurs régions.",
        "Avec la société civile, la ville a amélioré {a}, en particulier {b}.",
        "Notre plan national fixe des objectifs pour {a}, {b} et {c}.",
        "Un projet pilote a porté sur {a} grâce à {b}.",
        "Les agents ont été formés sur {a} et {b}.",
        "Le Gouvernement renforcera {a} et {c} d'ici 2030.",
    ],
    "es": [
        "El ministerio puso en marcha un programa sobre {a} y {b} en varias provincias.",
        "Con la sociedad civil, la ciudad mejoró {a}, con atención a {b}.",
        "Nuestro plan nacional fija metas para {a}, {b} y {c}.",
        "Un proyecto piloto abordó {a} mediante {b}.",
        "Se capacitó a los funcionarios sobre {a} y {b}.",
        "El Gobierno ampliará {a} y {c} para 2030.",
    ],
    "ru": [
        "Министерство запустило программу по теме: {a} и {b}.",
        "Вместе с гражданским обществом город улучшил {a}, уделяя внимание теме {b}.",
        "Национальный план ставит задачи: {a}, {b} и {c}.",
        "Пилотный проект был посвящён теме {a} ({b}).",
        "Сотрудники прошли обучение: {a}, {b}.",
        "Правительство расширит работу по направлениям {a} и {c} к 2030 году.",
    ],
    "ar": [
        "أطلقت الوزارة برنامجا بشأن {a} و{b} في عدة محافظات.",
        "بالتعاون مع المجتمع المدني، حسّنت المدينة {a} مع الاهتمام بـ{b}.",
        "تحدد خطتنا الوطنية أهدافا بشأن {a} و{b} و{c}.",
        "تناول مشروع تجريبي {a} من خلال {b}.",
        "تم تدريب الموظفين على {a} و{b}.",
        "ستوسع الحكومة {a} و{c} بحلول عام 2030.",
    ],
    "zh": [
        "该部在若干省份启动了关于{a}和{b}的方案。",
        "该市与民间社会合作，改善了{a}，并重视{b}。",
        "我们的国家计划为{a}、{b}和{c}设定了目标。",
        "一个试点项目通过{b}处理了{a}问题。",
        "对官员进行了关于{a}和{b}的培训。",
        "政府将在2030年前扩大{a}和{c}。",
    ],
}
SAMPLES_PER_LANGUAGE = 24


def vocabulary() -> dict:
    return json.loads((DATA / "vocabulary.json").read_text(encoding="utf-8"))


def _terms(text: str) -> list[str]:
    for separator in ("，", "، ", "،"):
        text = text.replace(separator, ",")
    return [term.strip() for term in text.split(",") if term.strip()]


def _synthesize(terms: list[str], language: str, rng: random.Random, count: int) -> list[str]:
    frames = TEMPLATES[language]
    out = [" ".join(terms)]  # the bare vocabulary as one item
    for index in range(count):
        picked = rng.sample(terms, 3) if len(terms) >= 3 else (terms * 3)[:3]
        frame = frames[index % len(frames)]
        out.append(frame.format(a=picked[0], b=picked[1], c=picked[2]))
    return out


def gcm_text_items() -> list[tuple[str, int]]:
    data = json.loads((FRAMEWORK_DATA / "gcm_objectives.json").read_text(encoding="utf-8"))
    items = []
    for objective in data["objectives"]:
        number = objective["number"]
        items.append((objective["title"], number))
        commitment = (objective.get("commitment") or {}).get("text")
        if commitment:
            items.append((commitment, number))
        for action in objective.get("actions", []):
            items.append((action["text"], number))
    return items


def objective_items(corrections=(), seeds: bool = True) -> list[tuple[str, int]]:
    """(text, objective number) pairs; deterministic for the same inputs (and the same
    sample documents, when ``seeds`` and they are present)."""
    rng = random.Random(20181219)
    items = list(gcm_text_items())
    for key, by_language in sorted(vocabulary()["objectives"].items(), key=lambda kv: int(kv[0])):
        for language in LANGUAGES:
            terms = _terms(by_language[language])
            for text in _synthesize(terms, language, rng, SAMPLES_PER_LANGUAGE):
                items.append((text, int(key)))
    practices = json.loads((DATA / "practices.json").read_text(encoding="utf-8"))["items"]
    for number, _language, text in practices:
        items.extend([(text, int(number))] * 2)
    if seeds:
        # a paragraph under "Round table 1 (objectives 2, 5 …)" counts for each of them
        for text, numbers in seed_items():
            items.extend((text, number) for number in numbers)
    for text, number in corrections:
        items.extend([(text, number)] * 3)  # people's corrections weigh more
    return items


def principle_items(corrections=()) -> list[tuple[str, str]]:
    rng = random.Random(1973195)
    items = []
    for name, by_language in vocabulary()["principles"].items():
        for language in LANGUAGES:
            terms = _terms(by_language[language])
            for text in _synthesize(terms, language, rng, SAMPLES_PER_LANGUAGE // 2):
                items.append((text, name))
    for text, name in corrections:
        items.extend([(text, name)] * 3)
    return items


# A heading that says which objectives the text under it is about.
_OBJECTIVES_LIST = re.compile(
    r"\b(?:objectives?|objetivos?|objectifs?|цел(?:и|ь|ей))\s+"
    r"(\d{1,2}(?:\s*(?:,|and|et|y|и|&)\s*\d{1,2})*)",
    re.I,
)
_HEADING_OBJECTIVE = re.compile(
    r"^(?:GCM\s+)?(?:objective|objectif|objetivo|цель)\s+(\d{1,2})\b", re.I
)
_ROUND_TABLE = re.compile(r"\bround[- ]?tables?\b|\btable ronde\b|\bmesa redonda\b", re.I)
SEED_FILE_TYPES = ("txt", "md", "pdf", "docx", "html", "htm")
SEED_MAX_BYTES = 20 * 1024 * 1024
SEED_MIN_LENGTH = 80


def heading_objectives(heading: str) -> list[int]:
    """The objectives a section heading assigns to the text under it, or []: "Round table 1
    (objectives 2, 5, 6, 12 and 18)" → [2, 5, 6, 12, 18]; "Objective 5: …" → [5]."""
    numbers: list[int] = []
    if _ROUND_TABLE.search(heading):
        for match in _OBJECTIVES_LIST.finditer(heading):
            numbers += [int(n) for n in re.findall(r"\d{1,2}", match.group(1))]
    else:
        match = _HEADING_OBJECTIVE.match(heading.strip())
        if match:
            numbers = [int(match.group(1))]
    return sorted({n for n in numbers if 1 <= n <= 23})


def seeds_folder() -> Path | None:
    from django.conf import settings

    folder = Path(getattr(settings, "GCMHUB_SHARED_DIR", "") or "") / "seeds"
    return folder if folder.is_dir() else None


def seed_items(folder: Path | None = None) -> list[tuple[str, list[int]]]:
    """(paragraph, objectives) from the sample documents, for the paragraphs their own
    headings label with objectives; [] when the folder is absent. Deterministic (files in
    name order)."""
    from gcmhub.documents.extraction import ExtractionError, extract
    from gcmhub.documents.segmentation import segment

    folder = folder or seeds_folder()
    if folder is None:
        return []
    items = []
    for path in sorted(folder.iterdir()):
        file_type = path.suffix.lower().lstrip(".")
        try:
            if file_type not in SEED_FILE_TYPES or path.stat().st_size > SEED_MAX_BYTES:
                continue
            blocks = extract(path.read_bytes(), file_type).blocks
        except (ExtractionError, OSError):
            continue
        labels: list[int] = []
        for seg in segment(blocks).segments:
            if seg.kind == "heading":
                labels = heading_objectives(seg.text)
            elif labels and len(seg.text) >= SEED_MIN_LENGTH:
                items.append((seg.text, labels))
    return items
