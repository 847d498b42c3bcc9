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
4. tag corrections people made in gcmhub (passed in by ``classifier train``).
"""

import json
import random
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


def objective_items(corrections=()) -> list[tuple[str, int]]:
    """(text, objective number) pairs; deterministic for the same inputs."""
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
