"""Version 3 of the news CRF's features: word clusters."""

from __future__ import annotations

from annotator.recommenders.crf_features import KNOWN_VERSIONS, sentence_features
from annotator.recommenders.name_lists import CLUSTERS_FILE, Lexicons, WordClusters, read_clusters

CLUSTERS = WordClusters({"ستيف": (3, 17), "قال": (5, 40)})


def test_clusters_describe_a_word_its_clitic_reading_and_its_neighbours():
    lexicons = Lexicons(clusters=CLUSTERS)
    feats = sentence_features(["ستيف", "قال", "إن", "وستيف"], ["O"] * 4, version=3, lexicons=lexicons)
    assert "c=3" in feats[0] and "cf=17" in feats[0] and "rc=3" not in feats[0]
    assert "-1:c=3" in feats[1] and "-1:cf=17" in feats[1] and "c=5" in feats[1]
    assert "-2:c=3" in feats[2] and "-2:cf=17" not in feats[2]  # two away: the coarse cluster only
    assert not any(f.startswith(("c=", "cf=")) for f in feats[2])  # إن: in no cluster
    assert "rc=3" in feats[3] and "rcf=17" in feats[3] and "c=3" not in feats[3]  # وستيف through ستيف


def test_older_versions_ignore_the_clusters_and_stay_known():
    assert {1, 2, 3} <= KNOWN_VERSIONS
    lexicons = Lexicons(clusters=CLUSTERS)
    v2 = sentence_features(["ستيف", "قال"], ["O", "O"], version=2, lexicons=lexicons)
    assert not any(f.startswith(("c=", "-1:c=")) for feats in v2 for f in feats)
    v3 = sentence_features(["ستيف", "قال"], ["O", "O"], version=3, lexicons=lexicons)
    assert [f for f in v3[0] if f not in v2[0]] == ["c=3", "cf=17", "1:c=5", "1:cf=40"]  # v2's, plus clusters


def test_cluster_files_are_read_with_their_comments_skipped(tmp_path):
    (tmp_path / CLUSTERS_FILE).write_text("# learned from raw text\nستيف\t3\t17\n", encoding="utf-8")
    assert read_clusters(tmp_path / CLUSTERS_FILE).get("ستيف") == (3, 17)
    assert read_clusters(tmp_path / "missing.tsv").get("ستيف") is None
