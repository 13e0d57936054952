"""First run: build the demo database when the app would open it and it does not exist yet."""

from __future__ import annotations

import subprocess
import sys
import threading

import streamlit as st

from fraudfree import db

_build_lock = threading.Lock()


def ensure_database() -> None:
    path = db.app_db_path()
    if path.exists() or path != db.DEMO_DB:
        return
    with _build_lock, st.spinner("正在生成演示数据库（首次运行约需数秒）… / Building the demo database…"):
        if not path.exists():
            # The command line builds to a temporary name and renames, so a half-built demo is never opened.
            subprocess.run([sys.executable, "-m", "fraudfree", "demo", "--db", str(path)], check=True, cwd=db.ROOT)
