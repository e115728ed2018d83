"""Properties every record keeps, whatever text it is given (hypothesis).

Texts are random notice-like lines, any code points, and the corpus notices
damaged as real copies are (deleted lines, shuffled paragraphs, doubled markers,
mixed punctuation widths, broken and joined lines). CI runs the short ``ci``
profile; ``HYPOTHESIS_PROFILE=long`` runs more, and ``benchmarks/fuzz.py`` runs
100,000 examples of the same generators.
"""

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import policyparse
from tests.mutations import broken_promises, mutate, notices, random_text

settings.register_profile("ci", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

NOTICES = notices()
EXTRACTORS = ["rules", "jieba"]


@pytest.fixture(scope="module", autouse=True)
def _private_jieba_cache(tmp_path_factory):
    old = os.environ.get("POLICYPARSE_CACHE_DIR")
    os.environ["POLICYPARSE_CACHE_DIR"] = str(tmp_path_factory.mktemp("jieba"))
    yield
    if old is None:
        os.environ.pop("POLICYPARSE_CACHE_DIR", None)
    else:
        os.environ["POLICYPARSE_CACHE_DIR"] = old


def _assert_keeps_promises(text: str, extractor: str) -> None:
    rec = policyparse.parse_text(text, extractor=extractor)
    assert broken_promises(rec) == []


@pytest.mark.parametrize("extractor", EXTRACTORS)
@given(text=st.text(max_size=400))
def test_any_string(text, extractor):
    _assert_keeps_promises(text, extractor)


@pytest.mark.parametrize("extractor", EXTRACTORS)
@given(rng=st.randoms(use_true_random=False))
def test_notice_like_lines(rng, extractor):
    _assert_keeps_promises(random_text(rng), extractor)


@pytest.mark.parametrize("extractor", EXTRACTORS)
@given(notice=st.sampled_from(NOTICES), rng=st.randoms(use_true_random=False))
def test_damaged_corpus_notices(notice, rng, extractor):
    _assert_keeps_promises(mutate(notice, rng), extractor)


def test_the_undamaged_notices_keep_their_promises():
    records = [policyparse.parse_text(text) for text in NOTICES]
    assert sum(len(r.measures) for r in records) > 100
    assert [broken_promises(r) for r in records] == [[] for _ in records]
