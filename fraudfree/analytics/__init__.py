"""Per-page analytics: each page's queries and computations behind one load() function, testable without Streamlit."""
