import pandas as pd

from churn.features import build_features


def test_customers_without_events_get_zero():
    customers = pd.DataFrame({"customer_id": [1, 2], "churned": [0, 1]})
    events = pd.DataFrame({"customer_id": [1, 1], "event": ["login", "call"]})
    features = build_features(customers, events)
    assert features.loc[features.customer_id == 2, "n_events"].item() == 0
