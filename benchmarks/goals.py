"""The goals ``make bench`` reports each figure against (``run_all.py`` writes them to RESULTS.md).

Ratio goals come first: each divides a figure by a floor measured in the same run, so it compares
across machines (issue 14). The absolute goals after them are information about the machine.
A goal with ``op`` None is reported with no fixed target.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Goal:
    figure: str  # the name a script prints
    what: str
    op: str | None  # "<=", ">=", or None: reported, no fixed goal
    target: float | None
    unit: str
    script: str  # where the figure comes from


_OPEN = "Open the 1 MB, 20,000-span article"
_VS_1MB = "ratio to the floor / the 1 MB article's"
_LOAD = "Server project under load and faults"
_SERVER = "bench_server_load.py"
GOALS: tuple[Goal, ...] = (
    # Ratios to a floor measured in the same run (issue 14): these compare across machines.
    Goal("open_vs_floor_ratio", f"{_OPEN}, first paint / bare QTextEdit's", "<=", 3, "x", "bench_view.py"),
    Goal(
        "open_layout_done_vs_floor_ratio",
        f"{_OPEN}, layout complete / bare QTextEdit's complete layout",
        "<=",
        1.5,
        "x",
        "bench_view.py",
    ),
    Goal(
        "tag_vs_floor_repaint_ratio",
        "Tag: key → stored → all events processed / one bare repaint",
        "<=",
        3,
        "x",
        "bench_view.py",
    ),
    Goal(
        "scroll_vs_floor_ratio", "Page down, repainted / the same on a bare QTextEdit", "<=", 1.5, "x", "bench_view.py"
    ),
    Goal(
        "cold_start_vs_bare_qt_ratio",
        "Cold start to the window shown / PySide6 + empty QMainWindow",
        "<=",
        2.5,
        "x",
        "bench_view.py",
    ),
    Goal(
        "agreement_vs_reference_ratio",
        "Agreement report / krippendorff package's α alone",
        "<=",
        1,
        "x",
        "bench_agreement.py",
    ),
    Goal(
        "import_vs_tokenizer_ratio",
        "Import 10,000 articles / camel-tools tokenizer alone",
        "<=",
        1,
        "x",
        "bench_import.py",
    ),
    Goal(
        "export_conll_vs_write_ratio", "Export CoNLL / one write of the same bytes", None, None, "x", "bench_export.py"
    ),
    Goal(
        "scaling_big5mb_open_vs_floor", f"5 MB, 100,000 spans: open, {_VS_1MB}", "<=", 1.5, "x", "bench_view_scaling.py"
    ),
    Goal(
        "scaling_big5mb_open_layout_done_vs_floor",
        f"5 MB, 100,000 spans: open to layout done, {_VS_1MB}",
        "<=",
        1.5,
        "x",
        "bench_view_scaling.py",
    ),
    Goal(
        "scaling_big5mb_tag_vs_floor_repaint",
        f"5 MB, 100,000 spans: tag, {_VS_1MB}",
        "<=",
        1.5,
        "x",
        "bench_view_scaling.py",
    ),
    Goal(
        "scaling_nested_open_vs_floor",
        f"170,000 tokens, 20,000 nested spans: open, {_VS_1MB}",
        "<=",
        1.5,
        "x",
        "bench_view_scaling.py",
    ),
    Goal(
        "scaling_nested_open_layout_done_vs_floor",
        f"170,000 tokens, 20,000 nested spans: open to layout done, {_VS_1MB}",
        "<=",
        1.5,
        "x",
        "bench_view_scaling.py",
    ),
    Goal(
        "scaling_nested_tag_vs_floor_repaint",
        f"170,000 tokens, 20,000 nested spans: tag, {_VS_1MB}",
        "<=",
        1.5,
        "x",
        "bench_view_scaling.py",
    ),
    Goal(
        "server_action_p95_vs_insert_ratio",
        "Server project, 20 annotator processes: p95 action latency / one bare INSERT round trip (quiet server)",
        None,
        None,
        "x",
        "bench_server_load.py",
    ),
    # Absolute figures: they say how fast this machine was (the ratios above are what compares).
    Goal("open_1mb_20k_spans_s", "Open a 1 MB article with 20,000 spans", "<=", 0.3, "s", "bench_view.py"),
    Goal("open_layout_done_s", "The same open, layout complete", None, None, "s", "bench_view.py"),
    Goal("tag_action_ms", "Tag action: hotkey → stored → repainted", "<=", 16, "ms", "bench_view.py"),
    Goal("cold_start_window_s", "Cold start to the window shown", "<=", 1.5, "s", "bench_view.py"),
    Goal("import_10k_articles_s", "Import 10,000 articles", "<=", 15, "s", "bench_import.py"),
    Goal("export_conll_docs_per_s", "Export CoNLL (10,000 documents)", ">=", 5000, "docs/s", "bench_export.py"),
    Goal("export_jsonl_docs_per_s", "Export JSONL (10,000 documents)", ">=", 5000, "docs/s", "bench_export.py"),
    Goal("agreement_report_s", "Agreement report (2,000 docs × 3 annotators)", "<=", 0.5, "s", "bench_agreement.py"),
    Goal("gazetteer_mb_per_s", "Gazetteer suggestions throughput", ">=", 1, "MB/s", "bench_suggest.py"),
    Goal("ner_adapter_speedup", "camel-tools NER adapter speed-up over predict()", ">=", 2, "x", "bench_ner.py"),
    Goal(
        "rss_10k_docs_mb", "Memory with a 10,000-document project open in the window", "<=", 300, "MB", "bench_rss.py"
    ),
    Goal(
        "suggestion_accept_ms",
        "Accept a suggestion (Enter) in a 20,000-span article",
        "<=",
        16,
        "ms",
        "bench_suggestion_keys.py",
    ),
    Goal(
        "suggestion_next_ms", "Next suggestion (N) in a 20,000-span article", "<=", 16, "ms", "bench_suggestion_keys.py"
    ),
    Goal("curation_take_ms", "Curation: take a version (5,000 disagreements)", "<=", 50, "ms", "bench_curation.py"),
    Goal(
        "default_model_f1_aqmar_heldout", "Default model micro F1, AQMAR held-out", None, None, "", "bench_suggest.py"
    ),
    Goal(
        "news_crf_gain_over_plain_tokens",
        "News CRF over a plain CRF, 5-fold CV on ANERcorp train (micro F1, token boundaries)",
        ">=",
        0.05,
        "",
        "bench_news_model.py",
    ),
    Goal("news_crf_cv_f1_tokens", "News CRF, 5-fold CV micro F1 (tokens)", None, None, "", "bench_news_model.py"),
    Goal("plain_crf_cv_f1_tokens", "Plain CRF, 5-fold CV micro F1 (tokens)", None, None, "", "bench_news_model.py"),
    Goal("news_crf_tokens_per_s", "News CRF tagging speed, one core", ">=", 20000, "tokens/s", "bench_news_model.py"),
    Goal("news_crf_load_s", "News CRF load time", "<=", 1, "s", "bench_news_model.py"),
    Goal("news_crf_size_mb", "News CRF model file size", "<=", 25, "MB", "bench_news_model.py"),
    Goal(
        "news_crf_aqmar_heldout_f1", "News CRF micro F1, AQMAR held-out (exact)", None, None, "", "bench_news_model.py"
    ),
    # Suggestion quality on held-out data, through evaluate and simulate (issue 13, item 3)
    Goal(
        "default_vs_best_member_f1",
        "default minus its best member, micro F1 (tokens), worst of ANERcorp fold 5 and AQMAR held-out",
        ">=",
        0,
        "F1",
        "bench_quality.py",
    ),
    Goal(
        "quality_anercorp_fold5_default_f1_tokens",
        "default micro F1 (tokens), ANERcorp fold 5",
        None,
        None,
        "",
        "bench_quality.py",
    ),
    Goal("quality_aqmar_default_f1_tokens", "default micro F1 (tokens), AQMAR", None, None, "", "bench_quality.py"),
    Goal("calibration_ece", "Expected calibration error of default's scores", None, None, "", "bench_quality.py"),
    Goal(
        "simulate_actions_per_entity",
        "Simulated annotator, actions per gold entity, ANERcorp fold 5",
        "<=",
        1.0,
        "",
        "bench_quality.py",
    ),
    Goal(
        "simulate_actions_per_entity_aqmar", "Simulated annotator, AQMAR held-out", None, None, "", "bench_quality.py"
    ),
    Goal(
        "simulate_actions_per_entity_wojood", "Simulated annotator, Wojood sample", None, None, "", "bench_quality.py"
    ),
    # Corpus consistency review (issue 15, item 4): injected errors in AQMAR and ANERcorp train, and speed
    Goal(
        "consistency_check_vs_span_read_ratio",
        "Consistency checks (all but model disagreement), 10,000 documents / one read of every span",
        None,
        None,
        "x",
        "bench_consistency.py",
    ),
    Goal(
        "consistency_check_10k_docs_s",
        "Consistency checks (all but model disagreement), 10,000 documents",
        "<=",
        10,
        "s",
        "bench_consistency.py",
    ),
    Goal(
        "consistency_recall_at_5pct",
        "Injected flips and boundary shifts found (5 % injected), mean of AQMAR and ANERcorp, 3 seeds",
        ">=",
        0.6,
        "",
        "bench_consistency.py",
    ),
    Goal(
        "consistency_precision_at_100",
        "Top 100 new findings that find an injected error, mean of AQMAR and ANERcorp, 3 seeds",
        ">=",
        0.5,
        "",
        "bench_consistency.py",
    ),
    # Team mode on a PostgreSQL server (issue 17, item 6): 20 annotator processes for 60 s, a fast and an
    # immediate restart, one client killed inside a write transaction
    Goal("server_actions_lost", f"{_LOAD}: returned actions missing or in the wrong state", "<=", 0, "", _SERVER),
    Goal("server_actions_duplicated", f"{_LOAD}: actions or spans applied twice", "<=", 0, "", _SERVER),
    Goal("server_half_done_actions", f"{_LOAD}: rows left by the killed client's last action", "<=", 0, "", _SERVER),
    Goal("server_layer_differences", f"{_LOAD}: spans and statuses unlike the journals", "<=", 0, "", _SERVER),
    Goal(
        "server_undo_history_intact",
        f"{_LOAD}: every annotator's undo all, then redo all, gives the layer back (1 = yes)",
        ">=",
        1,
        "",
        _SERVER,
    ),
    Goal("server_clients_failed", f"{_LOAD}: clients that ended with an error", "<=", 0, "", _SERVER),
    Goal("server_kill_happened", f"{_LOAD}: the kill happened inside the transaction (1 = yes)", ">=", 1, "", _SERVER),
    Goal("server_actions_per_s", f"{_LOAD}: sustained actions/s, all clients", None, None, "actions/s", _SERVER),
    Goal("server_action_p95_ms", f"{_LOAD}: p95 action latency", None, None, "ms", _SERVER),
)
