"""The VTH-monitor dashboard: reads the published warehouse only.

Start it with ``streamlit run dashboard/app.py``.
"""
