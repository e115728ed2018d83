"""Every record parse writes validates against the JSON Schema it publishes."""

import json

import jsonschema
import pytest

import policyparse
from policyparse.schemas import record_json_schema
from tests.conftest import SEEDS

VALIDATOR = jsonschema.Draft202012Validator(record_json_schema())


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_seed_records_validate(path):
    rec = policyparse.parse(path)
    VALIDATOR.validate(json.loads(rec.model_dump_json()))


def test_error_record_validates(tmp_path):
    p = tmp_path / "x.docx"
    p.write_bytes(b"PK\x03\x04\x00\x00truncated zip")
    rec = policyparse.parse(p)
    assert rec.error is not None
    VALIDATOR.validate(json.loads(rec.model_dump_json()))
