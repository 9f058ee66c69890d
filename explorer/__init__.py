"""EU labour-migration pathways explorer: data model, loading, filters, figures and exports.

This package never imports streamlit, so it can be used from a notebook or the command line.
"""
