"""ICD-10-CM code suggestions: catalog, clinical NLP, candidates, the trained model, fusion and rules (no Qt, no database)."""
