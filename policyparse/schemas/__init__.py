"""Pydantic models of the policyparse record (SPEC sections 1-5)."""

from .record import (
    SCHEMA_VERSION,
    Attachment,
    Deadline,
    Department,
    DocNumber,
    Duration,
    ErrorInfo,
    Issuer,
    Item,
    Measure,
    Page,
    PolicyRecord,
    Reference,
    Source,
    Target,
    record_json_schema,
)

__all__ = [
    "SCHEMA_VERSION",
    "Attachment",
    "Deadline",
    "Department",
    "DocNumber",
    "Duration",
    "ErrorInfo",
    "Issuer",
    "Item",
    "Measure",
    "Page",
    "PolicyRecord",
    "Reference",
    "Source",
    "Target",
    "record_json_schema",
]
