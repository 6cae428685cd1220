"""Import from a file: upload an .xlsx or .csv, see every row's fate, then write all new rows at once."""

from __future__ import annotations

import streamlit as st

from tracker import file_limits
from tracker.errors import TrackerError
from tracker.importing import (
    ENCODINGS,
    PREVIEW_PAGE_ROWS,
    Fate,
    Preview,
    commit_import,
    duplicates_frame,
    preview_frame,
    preview_import,
    read_table,
    template_csv,
    template_xlsx,
)
from tracker.permissions import Action
from ui import context as ctx
from ui import plain_text as pt
from ui import similar_import
from ui.item_panel import flash, show_flash

P = "import_data"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
tracker = ctx.tracker()
lang = ctx.lang()
actor = ctx.actor()
st.title(ctx.tr("import.title"))
show_flash()
st.caption(ctx.tr("import.intro"))

t1, t2 = st.columns(2)
t1.download_button(
    ctx.tr("import.template_xlsx"),
    data=template_xlsx(lang),
    file_name="mau-nhap-kien-nghi-chat-van.xlsx",
    mime=XLSX_MIME,
    key=f"{P}.template_xlsx",
    icon=":material/table:",
)
t2.download_button(
    ctx.tr("import.template_csv"),
    data=template_csv(),
    file_name="mau-nhap-kien-nghi-chat-van.csv",
    mime="text/csv",
    key=f"{P}.template_csv",
    icon=":material/description:",
)

# A new key after each commit empties the uploader, so the file just written is not shown again.
round_no = st.session_state.get(f"{P}.round", 0)
upload = st.file_uploader(ctx.tr("import.upload"), type=["xlsx", "csv"], key=f"{P}.file.{round_no}")
st.caption(ctx.tr("import.limits", **file_limits.limits_text(lang)))
o1, o2 = st.columns(2)
encoding = o1.selectbox(
    ctx.tr("import.encoding"),
    list(ENCODINGS),
    format_func=ctx.labels(ENCODINGS, lambda e: ctx.tr(f"import.encoding.{e}")),
    key=f"{P}.encoding",
    placeholder=ctx.tr("widget.choose"),
)
# Creating sessions or units is an administrator's setting (checked again in the service).
create_missing = ctx.allowed(Action.MANAGE_SETTINGS) and o2.checkbox(
    ctx.tr("import.create_missing"), key=f"{P}.create_missing"
)
if upload is None:
    st.stop()

# The preview is kept for this file, these options and this state of the database.
wanted = (upload.file_id, encoding, create_missing, tracker.db.generation)
kept = st.session_state.get(f"{P}.preview")
if kept is not None and kept[0] == wanted:
    preview: Preview = kept[1]
else:
    bar = st.progress(0.0, text=ctx.tr("import.progress_checking", done=0, total="…"))
    try:
        table = read_table(upload.getvalue(), upload.name, encoding)
        preview = preview_import(
            tracker,
            actor,
            table,
            create_missing=create_missing,
            lang=lang,
            on_progress=lambda share, text: bar.progress(min(1.0, share), text=text),
        )
    except TrackerError as error:
        bar.empty()
        ctx.show_error(error)
        st.stop()
    bar.empty()
    st.session_state[f"{P}.preview"] = (wanted, preview)

new, duplicate, invalid = (preview.count(f) for f in (Fate.NEW, Fate.DUPLICATE, Fate.INVALID))
st.info(
    pt.md(preview.summary(lang) + (f" [{preview.table.encoding}]" if preview.table.encoding else "")),
    icon=":material/fact_check:",
)
m = st.columns(3)
m[0].metric(ctx.tr("import.metric_new"), new)
m[1].metric(ctx.tr("import.metric_duplicate"), duplicate)
m[2].metric(ctx.tr("import.metric_invalid"), invalid)
if preview.ignored_headers:
    st.caption(pt.tr_md("import.ignored_columns", columns=", ".join(preview.ignored_headers)))
if preview.unknown_units:
    if create_missing:
        st.warning(
            pt.tr_md("import.units_to_create", names="; ".join(f"{u.code} = {u.name_vi}" for u in preview.new_units))
        )
    else:
        st.warning(pt.tr_md("import.unknown_units", names="; ".join(preview.unknown_units)))
if preview.unknown_sessions:
    key = "import.sessions_to_create" if create_missing else "import.unknown_sessions"
    st.warning(pt.tr_md(key, names=", ".join(s.code() for s in preview.unknown_sessions)))

if invalid:
    st.subheader(ctx.tr("import.problems_heading"))
    problems = [p.message(lang) for p in preview.problems]
    st.error(pt.md("\n\n".join(problems[:200]) + ("\n\n…" if len(problems) > 200 else "")), icon=":material/error:")
if duplicate:
    st.subheader(ctx.tr("import.duplicates_heading"))
    side_by_side = duplicates_frame(preview, lang)
    wide = {column: st.column_config.TextColumn(width="large") for column in side_by_side.columns[[1, 3]]}
    st.dataframe(pt.frame(side_by_side), hide_index=True, key=f"{P}.duplicates", column_config=wide)

st.subheader(ctx.tr("import.preview_heading"))
shown = st.segmented_control(
    ctx.tr("import.show"),
    ["all", *[f.value for f in Fate]],
    default="all",
    key=f"{P}.show",
    format_func=ctx.labels(
        ["all", *[f.value for f in Fate]],
        lambda f: ctx.tr("import.show_all") if f == "all" else ctx.tr(f"import.fate.{f}"),
    ),
)
fates = list(Fate) if shown in (None, "all") else [Fate(shown)]
# A page of rows at a time: only the rows shown are made into objects (issue 15; a file may hold
# 120,000 rows, which no one reads at once).
total = sum(preview.count(f) for f in fates)
page = 1
if total > PREVIEW_PAGE_ROWS:
    pages = -(-total // PREVIEW_PAGE_ROWS)
    page = int(st.number_input(ctx.tr("import.page"), 1, pages, 1, key=f"{P}.page.{shown}"))
    first = (page - 1) * PREVIEW_PAGE_ROWS
    st.caption(ctx.tr("import.page_rows", first=first + 1, last=min(total, first + PREVIEW_PAGE_ROWS), total=total))
start = (page - 1) * PREVIEW_PAGE_ROWS
table = preview_frame(preview, lang, fates, slice(start, start + PREVIEW_PAGE_ROWS))
st.dataframe(
    pt.frame(table),
    hide_index=True,
    key=f"{P}.table",
    column_config={
        table.columns[6]: st.column_config.TextColumn(width="large"),
        table.columns[9]: st.column_config.TextColumn(width="large"),
    },
)

similar_import.render(preview, key=f"{P}.similar")  # issue 14: rows possibly raised before

if new == 0 and not invalid:
    st.caption(ctx.tr("import.no_new"))
if st.button(ctx.tr("import.commit", count=new), type="primary", disabled=not preview.can_commit, key=f"{P}.commit"):
    bar = st.progress(0.0, text=ctx.tr("import.progress_writing", count=new))
    try:
        result = commit_import(
            tracker, actor, preview, lang=lang, on_progress=lambda share, text: bar.progress(share, text=text)
        )
    except TrackerError as error:
        bar.empty()
        ctx.show_error(error)
    else:
        st.session_state.pop(f"{P}.preview", None)
        st.session_state[f"{P}.round"] = round_no + 1
        flash(result.message(lang))
        st.rerun()
