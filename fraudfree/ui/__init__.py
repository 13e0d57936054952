"""Streamlit-side helpers shared by the pages: language, the database in use, banners. Logic lives elsewhere."""
