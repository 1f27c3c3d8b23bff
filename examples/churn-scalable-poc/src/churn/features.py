import pandas as pd

from .config import DATA_DIR


def load_customers() -> pd.DataFrame:
    return pd.read_parquet(DATA_DIR / "customers.parquet")


def build_features(customers: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    per_customer = events.groupby("customer_id").agg(n_events=("event", "count"))
    return customers.merge(per_customer, on="customer_id", how="left").fillna({"n_events": 0})
