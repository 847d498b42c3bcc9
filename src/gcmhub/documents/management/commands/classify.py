import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gcmhub.documents.classification import classify_text


class Command(BaseCommand):
    help = "Tag a text with GCM objectives and guiding principles (offline classifier)."

    def add_arguments(self, parser):
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--text", help="the text to classify")
        source.add_argument("--file", help="a UTF-8 text file to classify")
        parser.add_argument("--top", type=int, default=5, help="how many of each (default 5)")
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args, **options):
        if options["top"] < 1:
            raise CommandError("--top must be 1 or more.")
        if options["file"]:
            path = Path(options["file"])
            if not path.is_file():
                raise CommandError(f"No such file: {path}")
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError as exc:
                raise CommandError(f"{path} is not UTF-8 text.") from exc
        else:
            text = options["text"]
        if not text.strip():
            raise CommandError("The text is empty.")
        result = classify_text(text, top=options["top"])
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False))
            return
        for item in result["objectives"]:
            self.stdout.write(f"objective {item['number']:>2}  {item['score']:.3f}")
        for item in result["principles"]:
            self.stdout.write(f"principle {item['name']}  {item['score']:.3f}")
