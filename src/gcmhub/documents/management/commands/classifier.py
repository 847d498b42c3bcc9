import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from gcmhub.documents import classification, evaluation, tagging


class Command(BaseCommand):
    help = "Train or evaluate the objective/principle classifier."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        train = sub.add_parser("train", help="train from shipped data plus people's corrections")
        train.add_argument("--json", action="store_true")
        evaluate = sub.add_parser("evaluate", help="evaluate on a JSONL file")
        evaluate.add_argument("file")
        evaluate.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        if options["action"] == "train":
            objective_pairs, principle_pairs = tagging.corrections()
            tagger = classification.train(objective_pairs, principle_pairs)
            path = classification.save(tagger)
            classification.set_tagger(tagger)
            report = {
                "artefact": str(path),
                "training_items": tagger.trained_on,
                "corrections": len(objective_pairs),
                "fingerprint": tagger.fingerprint,
            }
        else:
            path = Path(options["file"])
            if not path.is_file():
                raise CommandError(f"No such file: {path}")
            try:
                report = evaluation.evaluate(evaluation.read_jsonl(path))
            except ValidationError as exc:
                raise CommandError("; ".join(exc.messages)) from exc
        if options["json"]:
            self.stdout.write(json.dumps(report, ensure_ascii=False))
        else:
            for key, value in report.items():
                self.stdout.write(f"{key}: {value}")
