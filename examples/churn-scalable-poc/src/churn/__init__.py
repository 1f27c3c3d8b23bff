"""Churn prediction: features and model, importable by notebooks, tests and the batch job."""
