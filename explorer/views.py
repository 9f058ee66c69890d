"""What the Explore page shows for one filter set, computed once per dataset and shared by every session.

Fifty people opening the same link in a workshop run the same page with the same filters. The rows, the
counts beside the filters, the per-member-state values and the map are pure functions of the dataset
(read-only, loaded once per server) and the filter set, so each is computed once and kept in a bounded
least-recently-used cache: every later session gets the same objects instead of its own copies (its
page run stays cheap, and a closed session holds no rows of its own). Callers must not modify what
these functions return; tests/test_views.py checks that a page run leaves them unchanged.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd
import plotly.graph_objects as go

from explorer.figures import choropleth
from explorer.filters import FilterSet, apply_filters, facet_counts, scope_size, unknown_dropped
from explorer.geo import EU27_URL
from explorer.loading import Dataset
from explorer.summaries import headline, per_member_state, ranking

# Filter sets remembered per function: a workshop explores a few dozen; each entry holds at most one
# copy of the matching rows (about 0.5 MB for the whole dataset).
VIEWS_KEPT = 128


@lru_cache(maxsize=VIEWS_KEPT)
def matching(dataset: Dataset, filters: FilterSet) -> pd.DataFrame:
    """The records that match every filter (explorer.filters.apply_filters)."""
    return apply_filters(dataset.pathways, filters)


@lru_cache(maxsize=VIEWS_KEPT)
def scope(dataset: Dataset, filters: FilterSet) -> int:
    """The T of "N of T pathways" (explorer.filters.scope_size)."""
    return scope_size(dataset.pathways, filters)


@lru_cache(maxsize=VIEWS_KEPT)
def dropped_as_unknown(dataset: Dataset, filters: FilterSet) -> dict[str, int]:
    """Per active filter, the routes it leaves out because their value is unknown (explorer.filters.unknown_dropped)."""
    return unknown_dropped(dataset.pathways, filters)


@lru_cache(maxsize=VIEWS_KEPT)
def facets(dataset: Dataset, filters: FilterSet, name: str, column: str) -> dict[str, int]:
    """The routes per value of `column` with every filter but `name` (explorer.filters.facet_counts)."""
    return facet_counts(dataset.pathways, filters, name, column)


@lru_cache(maxsize=VIEWS_KEPT)
def member_state_values(dataset: Dataset, filters: FilterSet) -> pd.DataFrame:
    """Every map metric per member state for the matching records (explorer.summaries.per_member_state)."""
    return per_member_state(matching(dataset, filters), dataset.member_states, dataset.curated)


@lru_cache(maxsize=VIEWS_KEPT)
def map_figure(dataset: Dataset, filters: FilterSet, metric: str) -> go.Figure:
    """The choropleth of `metric` for the matching records (explorer.figures.choropleth)."""
    return choropleth(member_state_values(dataset, filters), EU27_URL, metric)


@lru_cache(maxsize=VIEWS_KEPT)
def headline_text(dataset: Dataset, filters: FilterSet) -> str:
    """"N of T pathways match, in S member states" (explorer.summaries.headline)."""
    return headline(matching(dataset, filters), scope(dataset, filters))


@lru_cache(maxsize=VIEWS_KEPT)
def ranked(dataset: Dataset, filters: FilterSet, metric: str) -> list[tuple[str, int, str]]:
    """The ranking beside the map (explorer.summaries.ranking)."""
    return ranking(member_state_values(dataset, filters), metric)
