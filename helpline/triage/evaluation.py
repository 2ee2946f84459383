"""Scoring the engine against labelled messages (dev set, held-out files). Pure."""
import json
from dataclasses import dataclass, field

from .engine import evaluate

TARGETS = {
    "language_accuracy": 0.95,
    "category_accuracy": 0.85,
    "critical_recall": 0.95,
    "critical_precision": 0.75,
    "high_or_critical_recall": 0.95,
}
_HIGH = ("high", "critical")


def load_jsonl(path):
    rows = []
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise ValueError(f"{path}:{lineno}: {exc}") from exc
    return rows


@dataclass
class Counts:
    total: int = 0
    language_ok: int = 0
    category_ok: int = 0
    critical_gold: int = 0
    critical_hit: int = 0
    critical_predicted: int = 0
    critical_correct: int = 0
    high_gold: int = 0
    high_hit: int = 0

    @staticmethod
    def _ratio(num, den):
        return num / den if den else 1.0

    def metrics(self):
        return {
            "language_accuracy": self._ratio(self.language_ok, self.total),
            "category_accuracy": self._ratio(self.category_ok, self.total),
            "critical_recall": self._ratio(self.critical_hit, self.critical_gold),
            "critical_precision": self._ratio(self.critical_correct, self.critical_predicted),
            "high_or_critical_recall": self._ratio(self.high_hit, self.high_gold),
        }


@dataclass
class Report:
    by_language: dict = field(default_factory=dict)
    overall: Counts = field(default_factory=Counts)
    misses: list = field(default_factory=list)

    def metrics(self):
        out = {lang: c.metrics() for lang, c in sorted(self.by_language.items())}
        out["overall"] = self.overall.metrics()
        return out

    def failed_targets(self):
        return [(scope, name, value) for scope, m in self.metrics().items()
                for name, value in m.items() if value < TARGETS[name]]


def evaluate_dataset(rows, engine=evaluate):
    report = Report()
    for row in rows:
        lang = row.get("lang", "?")
        res = engine(row.get("text", ""))
        cats, urgs = row.get("category", []), row.get("urgency", [])
        problems = []
        for counts in (report.by_language.setdefault(lang, Counts()), report.overall):
            counts.total += 1
            counts.language_ok += res.language == lang
            counts.category_ok += res.category in cats
            if "critical" in urgs:
                counts.critical_gold += 1
                counts.critical_hit += res.urgency == "critical"
            if res.urgency == "critical":
                counts.critical_predicted += 1
                counts.critical_correct += "critical" in urgs
            if any(u in urgs for u in _HIGH):
                counts.high_gold += 1
                counts.high_hit += res.urgency in _HIGH
        if res.language != lang:
            problems.append("language")
        if res.category not in cats:
            problems.append("category")
        if "critical" in urgs and res.urgency != "critical":
            problems.append("critical missed")
        elif res.urgency == "critical" and "critical" not in urgs:
            problems.append("false critical")
        elif any(u in urgs for u in _HIGH) and res.urgency not in _HIGH:
            problems.append("high missed")
        if problems:
            report.misses.append({
                "id": row.get("id"), "text": row.get("text"), "problems": problems,
                "expected": {"lang": lang, "category": cats, "urgency": urgs},
                "got": {"lang": res.language, "category": res.category,
                        "categories": res.categories, "urgency": res.urgency},
            })
    return report


def format_report(report):
    names = list(TARGETS)
    header = f"{'scope':<9}" + "".join(f"{n:>25}" for n in names)
    lines = [header, "-" * len(header)]
    for scope, m in report.metrics().items():
        lines.append(f"{scope:<9}" + "".join(
            f"{m[n]:>24.3f}{'!' if m[n] < TARGETS[n] else ' '}" for n in names))
    counts = report.overall
    lines.append(f"\n{counts.total} messages, {counts.critical_gold} critical, "
                 f"{counts.high_gold} high-or-critical; '!' marks a missed target "
                 f"({', '.join(f'{k} ≥ {v}' for k, v in TARGETS.items())})")
    if report.misses:
        lines.append(f"\n{len(report.misses)} misses:")
        for miss in report.misses:
            exp, got = miss["expected"], miss["got"]
            lines.append(f"- {miss['id']} [{', '.join(miss['problems'])}] {miss['text']}")
            lines.append(f"    expected {exp['lang']} {'/'.join(exp['category'])} "
                         f"{'/'.join(exp['urgency'])} | got {got['lang']} "
                         f"{'+'.join(got['categories'])} {got['urgency']}")
    return "\n".join(lines)
