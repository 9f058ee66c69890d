"""Load once per server process; every session shares the same read-only objects."""

from __future__ import annotations

import gc
from pathlib import Path
from urllib.parse import urlsplit

import streamlit as st

from explorer.geo import load_world_names
from explorer.loading import DataValidationError, Dataset, load_dataset
from explorer.package import NOTICE, REFERENCE_DATE, pathways_dir


@st.cache_resource(show_spinner="Loading and validating the pathway data…")
def _dataset(folder: str) -> Dataset:
    dataset = load_dataset(Path(folder))
    # The dataset lives as long as the server: moved out of the garbage collector's sight, so that
    # no full collection (Python's own; Streamlit's after every run is off in config.toml) walks it.
    gc.collect()
    gc.freeze()
    return dataset


def dataset_or_stop() -> Dataset:
    """The dataset, or a readable list of what is wrong with the data (never a traceback)."""
    try:
        return _dataset(str(pathways_dir()))
    except DataValidationError as error:
        st.error(
            f"The pathway data did not pass validation, so the explorer cannot show it. "
            f"{len(error.problems)} problem(s), as `file: record id: field: what is wrong`:"
        )
        st.code("\n".join(str(problem) for problem in error.problems), language=None)
        st.stop()


def notice_bar(more: str = "") -> None:
    """The reference date and the notice, with `more` (text of our own, not from data) after them."""
    st.caption(f"**Reference date: {REFERENCE_DATE}.** {NOTICE} {more}".rstrip())


@st.cache_resource(show_spinner=False)
def world_names() -> dict[str, str]:
    return load_world_names()


def app_root() -> str:
    """The address the app is served at (scheme, host and base path, from the browser's own
    address), so that links work wherever the app runs. Explore, the default page, lives here."""
    served_at = urlsplit(st.context.url or "http://localhost:8501/")
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    return f"{served_at.scheme}://{served_at.netloc}/" + (f"{base}/" if base else "")
