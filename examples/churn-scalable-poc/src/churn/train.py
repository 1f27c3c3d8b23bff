import argparse

import mlflow
import pandas as pd
import xgboost as xgb

from .config import MODEL_PATH
from .features import build_features, load_customers


def train(events):
    features = build_features(load_customers(), events)
    model = xgb.XGBClassifier(n_estimators=300, max_depth=6)
    model.fit(features.drop(columns=["churned"]), features["churned"])
    model.save_model(MODEL_PATH)
    mlflow.xgboost.log_model(model, "model", registered_model_name="churn")
    return model


def main() -> None:
    parser = argparse.ArgumentParser(description="Train the churn model on the warehouse data.")
    parser.add_argument("events", help="Parquet file or table of billing events")
    args = parser.parse_args()
    train(pd.read_parquet(args.events))


if __name__ == "__main__":
    main()
