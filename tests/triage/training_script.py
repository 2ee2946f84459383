"""scripts/train_triage_model.py loaded as a module (it is a script, not a package)."""
import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "train_triage_model.py"


def load_training_script():
    spec = importlib.util.spec_from_file_location("train_triage_model", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod
