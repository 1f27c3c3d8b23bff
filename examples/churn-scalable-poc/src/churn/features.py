import pandas as pd
import pandera as pa
from sqlalchemy import create_engine

from .config import WAREHOUSE_URL

# The input contract: training and scoring refuse data that breaks it.
CUSTOMERS = pa.DataFrameSchema(
    {
        "customer_id": pa.Column(int, unique=True),
        "tenure_months": pa.Column(int, pa.Check.ge(0)),
        "churned": pa.Column(int, pa.Check.isin([0, 1]), nullable=True),
    }
)


def load_customers() -> pd.DataFrame:
    customers = pd.read_sql("SELECT customer_id, tenure_months, churned FROM crm.customers", create_engine(WAREHOUSE_URL))
    return CUSTOMERS.validate(customers)


def build_features(customers: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    per_customer = events.groupby("customer_id").agg(n_events=("event", "count"))
    return customers.merge(per_customer, on="customer_id", how="left").fillna({"n_events": 0})
