import xgboost as xgb

from .config import MODEL_PATH
from .features import build_features, load_customers


def train(events):
    features = build_features(load_customers(), events)
    model = xgb.XGBClassifier(n_estimators=300, max_depth=6)
    model.fit(features.drop(columns=["churned"]), features["churned"])
    model.save_model(MODEL_PATH)
    return model
