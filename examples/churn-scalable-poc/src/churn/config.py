import os
from pathlib import Path

# Locations come from the environment; the defaults are relative to the repository.
DATA_DIR = Path(os.environ.get("CHURN_DATA_DIR", "data"))
MODEL_PATH = Path(os.environ.get("CHURN_MODEL_PATH", "models/churn.json"))
WAREHOUSE_URL = os.environ["WAREHOUSE_URL"]
