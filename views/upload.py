"""数据上传 (Upload): partners' spreadsheets checked and previewed; written only when the user confirms."""

import streamlit as st

from fraudfree import templates
from fraudfree.ingest import pipeline, read
from fraudfree.kinds import KINDS
from fraudfree.ui import auth as auth_ui
from fraudfree.ui import context, downloads

auth_ui.require("import")
SHOWN_ERRORS = 1000  # on the page; the downloads hold every error
lang, tr = context.lang(), context.tr
limit_mb = pipeline.max_upload_mb()
st.title(tr("upload.title"))
st.caption(tr("upload.caption", limit=limit_mb))


@st.cache_data(show_spinner=False)
def template(kind: str, townships: tuple[str, ...], language: str) -> bytes:
    return templates.workbook(kind, list(townships), language)


with st.expander(tr("upload.templates")):
    townships = tuple(templates.township_names(context.connection()))
    row = st.container(horizontal=True)
    for name in KINDS:
        row.download_button(
            pipeline.kind_label(name, lang),
            template(name, townships, lang),
            f"{pipeline.kind_label(name, lang)}{tr('upload.template_suffix')}.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key=f"template_{name}",
            type="tertiary",
            icon=":material/download:",
        )

kind = st.selectbox(
    tr("upload.kind"),
    [None, *KINDS, "boundaries"],
    format_func=lambda k: tr("upload.kind_auto") if k is None else pipeline.kind_label(k, lang),
    key=context.key("upload_kind"),
)
files = st.file_uploader(
    tr("upload.files", limit=limit_mb),
    type=[suffix.lstrip(".") for suffix in read.ACCEPTED_TYPES],
    accept_multiple_files=True,
    max_upload_size=limit_mb,
    key="upload_files",
)
if not files:
    st.stop()

uploads = [read.Upload(f.name, f.getvalue()) for f in files]
this_upload = (tuple(u.sha256 for u in uploads), kind, lang)
done = st.session_state.get("upload_done")
if done and done[0] == this_upload:
    st.success(tr("upload.imported", batch=done[1]))
    st.stop()
if st.session_state.get("upload_key") != this_upload:
    with st.spinner(tr("upload.checking")):
        st.session_state["upload_prepared"] = pipeline.prepare(
            context.connection(), uploads, kind=kind, lang=lang, max_bytes=limit_mb * 1_048_576
        )
    st.session_state["upload_key"] = this_upload
prepared = st.session_state["upload_prepared"]
report = prepared.report

totals = {k: sum(r[k] for r in report.rows.values()) for k in ("added", "updated", "skipped")}
if report.status == "refused":
    st.error(tr("upload.refused", count=len(report.errors)))
elif report.status == "duplicate":
    st.info(tr("upload.duplicate", batch=report.batch))
elif totals["added"] + totals["updated"] == 0:
    st.info(tr("upload.nothing_new"))
else:
    st.success(tr("upload.ready", **totals))

st.subheader(tr("upload.sheets"))
st.dataframe(pipeline.sheets_frame(report, lang), hide_index=True)

if report.errors:
    st.subheader(tr("upload.errors", count=len(report.errors)))
    errors = pipeline.findings_frame(report.errors, lang)
    st.dataframe(errors.head(SHOWN_ERRORS), hide_index=True)
    if len(errors) > SHOWN_ERRORS:
        st.caption(tr("upload.errors_shown", shown=SHOWN_ERRORS, count=len(errors)))
    downloads.buttons(errors, tr("upload.errors_file"), "upload_errors")
    for table in prepared.tables:
        bad, marks = pipeline.bad_rows(table)
        if not bad.empty:
            st.markdown(tr("upload.bad_rows", file=table.file, sheet=table.sheet))
            st.dataframe(
                bad.style.apply(lambda _, m=marks: m.replace({True: "background-color: #ffd7d7", False: ""}), axis=None)
            )

if report.warnings:
    with st.expander(tr("upload.warnings", count=len(report.warnings)), expanded=report.status != "refused"):
        st.dataframe(pipeline.findings_frame(report.warnings, lang), hide_index=True)

if report.status == "dry-run" and totals["added"] + totals["updated"] > 0:
    st.caption(tr("upload.confirm_note"))
    if st.button(tr("upload.confirm"), type="primary", key="upload_confirm"):
        user = auth_ui.current_user()
        result = pipeline.commit(context.connection(), prepared, created_by=user.name if user else None)
        st.cache_data.clear()  # pages show the new data at once
        st.session_state["upload_done"] = (this_upload, result.batch)
        st.rerun()
