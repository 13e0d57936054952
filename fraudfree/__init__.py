"""反诈宣传分析看板: anti-telecom-fraud publicity analytics on DuckDB."""
