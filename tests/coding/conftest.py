"""One suggestion engine (catalog, medspaCy, model, fusion) for the whole test session."""

from __future__ import annotations

import pytest

from workbench.coding.catalog import Catalog, load_catalog
from workbench.coding.nlp import ClinicalContext, load_context
from workbench.coding.suggest import SuggestionEngine, load_engine


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture(scope="session")
def context() -> ClinicalContext:
    return load_context()


@pytest.fixture(scope="session")
def engine() -> SuggestionEngine:
    import torch

    torch.set_num_threads(2)
    return load_engine()
